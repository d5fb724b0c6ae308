import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeReportSchema } from '../core/src/report/compose-schema.js';

// The composed report schema is cached between runs of the built core (core/src/report/compose-schema.ts).
// Each probe is a fresh process importing the bundle, as the CLI does, with a section of its own so
// its cache file is new.
const root = path.resolve(import.meta.dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'autodoc');
const key = `probe${process.pid}x${Date.now()}`;
const section = { key, title: 'Probe', schema: { type: 'object', properties: { n: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] } } } };

function compose(env: Record<string, string> = {}): Record<string, unknown> {
  const script = `import { composeReportSchema } from '@autodoc/core'; console.log(JSON.stringify(composeReportSchema(${JSON.stringify([section])})));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, unknown>;
}

/** The schema cache files that mention `name` (none while the cache folder does not exist). */
const filesWith = (name: string) => (existsSync(cacheDir) ? readdirSync(cacheDir) : []).filter((f) => f.startsWith('schema-') && f.endsWith('.json') && readFileSync(path.join(cacheDir, f), 'utf8').includes(name));
const cached = () => filesWith(key);

afterAll(() => {
  for (const f of cached()) rmSync(path.join(cacheDir, f));
});

describe('the composed report schema cache', () => {
  it('is written by a built run, read by the next, and equals the composition', () => {
    const first = compose();
    // The union of a count and null became one node, as composing does.
    expect((first.properties as Record<string, { properties: Record<string, unknown> }>)[key].properties.n).toEqual({ type: ['integer', 'null'], minimum: 0 });
    expect(cached()).toHaveLength(1);
    const file = path.join(cacheDir, cached()[0]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    // What the file says is what the next run uses: a marker put there comes back.
    writeFileSync(file, JSON.stringify({ ...first, title: 'from the cache' }));
    expect(compose().title).toBe('from the cache');
    expect(compose({ AUTODOC_NO_CACHE: '1' })).toEqual(first);
  });

  it('composes again and rewrites a damaged file', () => {
    const good = compose();
    const file = path.join(cacheDir, cached()[0]);
    writeFileSync(file, '{"truncated": ');
    expect(compose()).toEqual({ ...good, title: 'ONNX Autodoc report' });
    expect(JSON.parse(readFileSync(file, 'utf8')).title).toBe('ONNX Autodoc report');
  });

  it('is not used when the core runs from its sources', () => {
    const own = { ...section, key: `${key}src` };
    composeReportSchema([own]);
    expect(filesWith(own.key)).toEqual([]);
  });
});
