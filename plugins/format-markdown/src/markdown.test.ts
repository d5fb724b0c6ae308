import { fileURLToPath } from 'node:url';
import type { FormatRenderContext } from '@autodoc/core';
import { FormatTester, tinyCnn } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { markdownFormat } from './index.js';
import { escapeMarkdown } from './escape.js';
import { analyzeBuilder, demoPlugin, hostileModel, matchGolden, symbolicReport } from '../../../tests/fixtures/format-fixtures.js';

const goldenDir = fileURLToPath(new URL('./__golden__', import.meta.url));

const bareCtx = (templates: Record<string, string> = {}): FormatRenderContext => ({
  options: {},
  sections: [],
  template: (name) => templates[name] ?? markdownFormat.templates?.[name],
  renderFormat: () => Promise.reject(new Error('not needed')),
});

describe('markdown format', () => {
  it('renders the tinyCnn model card (golden) with the builder facts in it', async () => {
    const result = await analyzeBuilder(tinyCnn(), 'tiny-cnn.onnx', [plugin, demoPlugin]);
    const md = await new FormatTester('md').renderText(result);
    const golden = matchGolden(goldenDir, 'tiny-cnn.md', md);
    expect(md).toBe(golden.expected);
    // Independent facts from the tinyCnn docs: 15 nodes, input x [batch, 3, 32, 32], output logits [batch, 10].
    expect(md).toMatch(/^# tiny-cnn\.onnx\n/);
    expect(md).toContain('| x | FLOAT | \\[batch, 3, 32, 32\\] |');
    expect(md).toContain('| logits | FLOAT | \\[batch, 10\\] |');
    if (result.report.graph) expect(md).toMatch(/\| Nodes \| 15 \|/);
    // The stand-in analysis appears without the format knowing it: 6138 → 6.14 K (6,138); 1234567 B → 1.18 MiB.
    expect(md).toContain('## Demo analysis');
    expect(md).toContain('- **Score:** 6.14 K (6,138)');
    expect(md).toContain('- **Size:** 1.18 MiB (1,234,567 bytes)');
    expect(md).toContain('- **Work:** 2\\*batch + 4 MACs');
    expect(md).toContain('| /stem/conv/Conv | Conv |');
    // Sections come in `order`: the demo (900) after graph (100).
    if (result.report.graph) expect(md.indexOf('## Graph')).toBeLessThan(md.indexOf('## Demo analysis'));
  });

  it('shows a symbolic total as its expression, never 0 or blank, and flags undercounting', async () => {
    const md = await markdownFormat.render(symbolicReport(), bareCtx());
    expect(md).toContain('| MACs | 2\\*batch\\*sequence + 4 MACs — undercounted: 1 op type without a cost rule (Foo) |');
    expect(md).toContain('| FLOPs | 4\\*batch\\*sequence + 9 FLOPs');
    expect(md).toContain('| Peak activations | 64\\*batch\\*sequence bytes |');
    // 1,813,000,000 → 1.81 G; 46,787,584 bytes = 44.62 MiB.
    expect(md).toContain('| Parameters | 1.81 G (1,813,000,000) |');
    expect(md).toContain('| Weights | 44.6 MiB (46,787,584 bytes) |');
    expect(md).toContain('- **Symbolic dims:** batch, sequence');
    expect(md).toContain('| warning | RISK\\_DYNAMIC\\_SHAPES | dims are symbolic |');
    expect(md).not.toMatch(/\| MACs \| 0/);
  });

  it('lets users override a template by name', async () => {
    const md = await markdownFormat.render(
      symbolicReport(),
      bareCtx({ 'markdown/summary': 'Custom: {{title}} has {{#headlines}}{{label}}={{text}};{{/headlines}}\n' }),
    );
    expect(md).toContain('Custom: sym.onnx has Nodes=3;Parameters=1.81 G;');
    expect(md).not.toContain('## Summary');
  });

  it('renders hostile model text inert: no raw HTML, no broken table rows, no control characters', async () => {
    const result = await analyzeBuilder(hostileModel(), 'hostile.onnx', [plugin, demoPlugin]);
    const md = await new FormatTester('markdown').renderText(result);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Every table row keeps its column count: a `|` from the model is escaped as `\|`.
    for (const table of md.split('\n\n').filter((p) => p.startsWith('|'))) {
      const lines = table.split('\n');
      const columns = (line: string) => line.replace(/\\\|/g, '').split('|').length;
      for (const line of lines) expect(columns(line), line).toBe(columns(lines[0]));
    }
    expect(md).toContain('a\\|b\\`c\\`\\*d\\* \\| x \\| y \\|');
  });

  it('escapes Markdown and HTML metacharacters in one pass', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<b>&')).toBe('&lt;b&gt;&amp;');
    expect(escapeMarkdown('x\ny\u001b[0m')).toBe('x y\\[0m');
    expect(escapeMarkdown('`*_#[]')).toBe('\\`\\*\\_\\#\\[\\]');
  });
});

describe('markdown format with bound dims', () => {
  it('shows human units with the exact count when batch is bound', async () => {
    // tinyCnn docs: 5,329,216 MACs per sample → 5.33 M at batch 1.
    const result = await analyzeBuilder(tinyCnn(), 'tiny-cnn.onnx', [plugin], { batch: 1 });
    const md = await new FormatTester('markdown').renderText(result);
    if (!result.report.cost) return console.warn('flops plugin absent: MACs check skipped');
    expect(md).toContain('| MACs | 5.33 M MACs (5,329,216) |');
    expect(md).toContain('- **Symbolic dims:** batch = 1');
  });
});
