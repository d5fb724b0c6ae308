/**
 * vega-lite → vega → SVG in Node (no browser): `renderer: 'none'` and `view.toSVG()`. The loader
 * refuses every fetch, so a chart spec cannot reach the network or the file system.
 */
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape-html.js';

// vega, vega-lite and resvg take ~0.5 s to load; they are loaded on the first chart, so runs that
// do not render HTML never pay for them.
let charting: Promise<{ vega: typeof import('vega'); compile: typeof import('vega-lite').compile }> | undefined;
function loadCharting() {
  charting ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega, compile: vl.compile }));
  return charting;
}

const refuse = () => Promise.reject(new Error('charts in reports embed their data; loading is disabled'));
const noLoader = { load: refuse, sanitize: refuse, http: refuse, file: refuse, index: refuse };

const config = {
  background: null,
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, grid: true, gridOpacity: 0.35 },
  bar: { color: '#4c78a8' },
};

/** Removes what a third-party spec could smuggle into inline SVG: images, links, control characters. */
export function sanitizeSvg(svg: string): string {
  return (
    svg
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/<image\b[^>]*?(\/>|>[\s\S]*?<\/image>)/gi, '')
      .replace(/\s(?:xlink:)?href="[^"]*"/gi, '')
  );
}

/** Renders a vega-lite spec to an SVG string. */
export async function chartSvg(spec: Record<string, unknown>, title?: string): Promise<string> {
  // A deep copy: vega tags data objects in place, and a spec from a section may hold the frozen report's arrays.
  const copy = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
  const { vega, compile } = await loadCharting();
  const compiled = compile({ ...copy, config: { ...config, ...(copy.config as object) } } as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noLoader as unknown as import('vega').Loader });
  try {
    const svg = sanitizeSvg(await view.toSVG());
    return title ? svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(title)}" `) : svg;
  } finally {
    view.finalize();
  }
}

/** An SVG chart as PNG (2× scale, white background) for embedding elsewhere. */
export function svgToPng(svg: string): Uint8Array {
  const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return resvg.render().asPng();
}
