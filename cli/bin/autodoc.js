#!/usr/bin/env node
// CommonJS (bin/package.json), like the loader it calls: an `analyze` run starts without Node's ES
// module loader. The bundled packages load through load-body's `requireShell` where they can
// (ADR 0005), as ES modules otherwise.
const { requireShell } = require('@autodoc/core/load-body');

async function run() {
  const cli = requireShell(require.resolve('@autodoc/cli/main')) ?? (await import('@autodoc/cli/main'));
  cli.guardStdout();
  await cli.exitWhenFlushed(await cli.main(process.argv));
}

run();
