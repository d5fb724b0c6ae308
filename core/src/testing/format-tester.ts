import type { RenderedFile } from '../plugin/contexts.js';
import { renderReport } from '../pipeline/render.js';
import type { AnalysisResult } from '../pipeline/analyze.js';

/** Renders an analysis result in one format and returns the text (or bytes) a user would get. */
export class FormatTester {
  constructor(private readonly formatId: string) {}

  async render(result: AnalysisResult, formatOptions: Record<string, unknown> = {}): Promise<string | Uint8Array> {
    const files: RenderedFile[] = await renderReport(result, [this.formatId], { formatOptions: { [this.formatId]: formatOptions } });
    return files[0].contents;
  }

  async renderText(result: AnalysisResult, formatOptions: Record<string, unknown> = {}): Promise<string> {
    const out = await this.render(result, formatOptions);
    return typeof out === 'string' ? out : new TextDecoder().decode(out);
  }
}
