#!/usr/bin/env node
import { exitWhenFlushed, guardStdout, main } from '@autodoc/cli/main';

guardStdout();
await exitWhenFlushed(await main(process.argv));
