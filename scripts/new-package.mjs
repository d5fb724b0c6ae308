#!/usr/bin/env node
// Scaffolds a workspace package: package.json (source/dist exports), tsconfig.json with references.
// Usage: node scripts/new-package.mjs <dir> <@autodoc/name> "<description>" [dep-dir ...]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir, name, description, ...deps] = process.argv.slice(2);
if (!dir || !name || !description) {
  console.error('usage: new-package.mjs <dir> <name> <description> [dep-dir ...]');
  process.exit(2);
}
mkdirSync(path.join(dir, 'src'), { recursive: true });
const depNames = Object.fromEntries(deps.map((d) => [JSON.parse(readFileSync(path.join(d, 'package.json'), 'utf8')).name, '0.1.0']));
const isCoreDep = (n) => n === '@autodoc/core';
const pkg = {
  name,
  version: '0.1.0',
  description,
  type: 'module',
  license: 'Apache-2.0',
  engines: { node: '>=20.19' },
  exports: {
    '.': { source: './src/index.ts', types: './dist/index.d.ts', default: './bundle/index.js' },
    './package.json': './package.json',
  },
  files: ['dist', 'bundle', '!dist/**/*.test.*'],
  ...(Object.keys(depNames).some((n) => !isCoreDep(n)) ? { dependencies: Object.fromEntries(Object.entries(depNames).filter(([n]) => !isCoreDep(n))) } : {}),
  ...(depNames['@autodoc/core'] ? { peerDependencies: { '@autodoc/core': '0.1.0' } } : {}),
};
writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const rel = (d) => path.relative(dir, d).split(path.sep).join('/');
const tsconfig = {
  extends: `${rel('.')}/tsconfig.base.json`,
  compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
  include: ['src'],
  exclude: ['src/**/*.test.ts'],
  references: deps.map((d) => ({ path: rel(d) })),
};
writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
if (!existsSync(path.join(dir, 'src/index.ts'))) writeFileSync(path.join(dir, 'src/index.ts'), 'export {};\n');
console.log(`created ${name} in ${dir}`);
