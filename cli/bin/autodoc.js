#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { requireShell } from '@autodoc/core/load-body';

// The CLI's bundled packages load without Node's ES module loader where they can (load-body's
// `requireShell`: ~25–40 ms of every run on Node 20); as ES modules otherwise.
const main = import.meta.resolve?.('@autodoc/cli/main');
const cli = (main?.startsWith('file:') ? requireShell(fileURLToPath(main)) : undefined) ?? (await import('@autodoc/cli/main'));

cli.guardStdout();
await cli.exitWhenFlushed(await cli.main(process.argv));
