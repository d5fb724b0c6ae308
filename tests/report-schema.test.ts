import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeReportSchema, resolvePlugins, type SectionDefinition } from '@autodoc/core';
import recommended from '@autodoc/preset-recommended';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// core/report.schema.json is the published contract (DESIGN.md §3): the core keys plus the sections of
// the recommended preset. It is generated, and this test fails when it is stale.
describe('published report schema', () => {
  it('equals the schema the recommended preset composes', async () => {
    const plugins = await resolvePlugins({ presets: [recommended] }, repoRoot);
    const sections: SectionDefinition[] = plugins.flatMap(({ plugin, options }) => [...(plugin.setup(options).sections ?? [])]);
    const schema = { $id: 'https://onnx-autodoc.dev/schema/report.schema.json', ...composeReportSchema(sections) };
    const expected = `${JSON.stringify(schema, null, 2)}\n`;
    const target = path.join(repoRoot, 'core', 'report.schema.json');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(target, expected);
    expect(readFileSync(target, 'utf8'), 'core/report.schema.json is stale: run UPDATE_DOCS=1 npx vitest run tests/report-schema.test.ts').toBe(expected);
    for (const key of ['schemaVersion', 'model', 'dims', 'graph', 'params', 'cost', 'memory', 'layers', 'diagnostics']) {
      expect(Object.keys((schema as { properties: object }).properties)).toContain(key);
    }
  });
});
