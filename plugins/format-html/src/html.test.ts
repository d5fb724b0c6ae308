import { createHash } from 'node:crypto';
import type { FormatRenderContext } from '@autodoc/core';
import { FormatTester, tinyCnn } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { htmlFormat, renderChartPngs } from './index.js';
import { analyzeBuilder, demoPlugin, HOSTILE, hostileModel, symbolicReport } from '../../../tests/fixtures/format-fixtures.js';

const ctx: FormatRenderContext = { options: {}, sections: [], template: () => undefined, renderFormat: () => Promise.reject(new Error('unused')) };
const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

/** Everything between the tags, for independent hashing and checks. */
function between(html: string, open: RegExp, close: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`${open.source}([\\s\\S]*?)${close}`, 'g'))) out.push(m[1]);
  return out;
}

describe('html format', () => {
  it('renders tinyCnn as one self-contained page under a hash-based CSP', async () => {
    const result = await analyzeBuilder(tinyCnn(), 'tiny-cnn.onnx', [plugin, demoPlugin]);
    const html = await new FormatTester('html').renderText(result);
    const [style] = between(html, /<style>/, '</style>');
    const scripts = between(html, /<script>/, '</script>');
    expect(scripts).toHaveLength(1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain(`script-src ${hash(scripts[0])}`);
    // Nothing to fetch: no external scripts, stylesheets, images, fonts or style attributes.
    expect(html).not.toMatch(/<link|<img|<iframe|\ssrc=|url\(|@import|\sstyle="/i);
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '')).not.toMatch(/https?:\/\//);
    // Builder facts: 15 nodes, input x [batch, 3, 32, 32]; one data row per node.
    expect(html).toContain('<h1>tiny-cnn.onnx</h1>');
    expect(html).toContain('<td class="sym">[batch, 3, 32, 32]</td>');
    const data = JSON.parse(between(html, /<script type="application\/json" id="autodoc-data">/, '</script>')[0]);
    expect(data.layers).toHaveLength(15);
    expect(data.layers[0][1]).toBe('/stem/conv/Conv');
    expect(html).toContain('<figcaption>Op type distribution (nodes)</figcaption><svg');
    // The stand-in analysis (never mentioned by the format) with its chart as inline SVG.
    expect(html).toContain('<section class="page" id="section-demo"><h2>Demo analysis</h2>');
    expect(html).toContain('<dd class="num" title="1,234,567 bytes">1.18 MiB</dd>');
    expect(html).toContain('<figcaption>Ops</figcaption><svg');
    expect(html).toContain('<details open><summary><span class="block-name">model</span>');
  });

  it('shows symbolic totals as expressions in the dashboard, with exact numbers in titles', async () => {
    const html = await htmlFormat.render(symbolicReport(), ctx);
    expect(html).toContain('<div class="value sym">2*batch*sequence + 4 MACs</div>');
    expect(html).toContain('<div class="value num" title="1,813,000,000">1.81 G</div>');
    expect(html).toContain('undercounted: 1 op type without a cost rule (Foo)');
  });

  it('renders hostile model text inert', async () => {
    const result = await analyzeBuilder(hostileModel(), 'hostile.onnx', [plugin, demoPlugin]);
    const html = await new FormatTester('html').renderText(result);
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror=alert\(2\)>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Only two script elements: the JSON data block (no raw `<` inside) and the hashed inline script.
    expect(html.match(/<script/g)).toHaveLength(2);
    const json = between(html, /<script type="application\/json" id="autodoc-data">/, '</script>')[0];
    expect(json).not.toContain('<');
    expect(JSON.parse(json).layers[0][1]).toBe(HOSTILE.script);
  });

  it('exports charts as PNG', async () => {
    const result = await analyzeBuilder(tinyCnn(), 'tiny-cnn.onnx', [demoPlugin], { batch: 1 });
    const pngs = await renderChartPngs(result.report, result.run.sections);
    expect(pngs.map((p) => p.fileName)).toContain('op-types.png');
    expect(pngs.map((p) => p.fileName)).toContain('demo-1.png');
    for (const p of pngs) expect([...p.png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
