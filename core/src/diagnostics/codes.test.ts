import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codes } from './codes.js';

// One alphabetical code list is the contract (DESIGN.md §2). This test keeps it true: every code the
// built-in packages emit is listed, the list is sorted, and docs/reference/codes.md is generated from it.
const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const packageDirs = ['core/src', 'cli/src', 'hardware-db/src', ...readdirSync(path.join(root, 'plugins')).map((p) => `plugins/${p}/src`)];

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(abs, name);
    if (statSync(full).isDirectory()) return sourceFiles(path.join(dir, name));
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('fixture') ? [full] : [];
  });
}

function emittedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/new AutodocError\(\s*'([A-Z][A-Z0-9_]+)'/g, /\bcode: '([A-Z][A-Z0-9_]+)'/g];
  for (const dir of packageDirs) {
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1], path.relative(root, file));
    }
  }
  return found;
}

export function renderCodesMarkdown(): string {
  const rows = Object.entries(codes).map(([code, info]) => `| \`${code}\` | ${info.severity} | ${info.summary.replace(/\|/g, '\\|')} |`);
  return ['# Diagnostic and error codes', '', 'Generated from `core/src/diagnostics/codes.ts` by its test (`UPDATE_DOCS=1 npx vitest run core/src/diagnostics`). Do not edit by hand.', '', '| code | severity | meaning |', '|---|---|---|', ...rows, ''].join('\n');
}

describe('diagnostic codes', () => {
  it('are listed alphabetically', () => {
    // '_' sorts before letters, as a reader expects (OP_X before OPTIONS).
    const names = Object.keys(codes);
    const key = (s: string) => s.replace(/_/g, ' ');
    expect(names).toEqual([...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
  });

  it('include every code the built-in packages emit', () => {
    const missing = [...emittedCodes()].filter(([code]) => !(code in codes)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('are documented in docs/reference/codes.md', () => {
    const target = path.join(root, 'docs', 'reference', 'codes.md');
    const expected = renderCodesMarkdown();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(target, expected);
    let actual = '';
    try {
      actual = readFileSync(target, 'utf8');
    } catch {
      // compared below
    }
    expect(actual, 'docs/reference/codes.md is stale: run UPDATE_DOCS=1 npx vitest run core/src/diagnostics').toBe(expected);
  });
});
