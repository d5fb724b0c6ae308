#!/usr/bin/env node
import { main } from '@autodoc/cli/main';

process.exitCode = await main(process.argv);
