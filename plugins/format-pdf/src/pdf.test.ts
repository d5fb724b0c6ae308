import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import htmlPlugin from '@autodoc/format-html';
import { FormatTester, systemChromium, systemTool, transformerEncoder } from '@autodoc/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from './index.js';
import { printPdf } from './print-pdf.js';
import { analyzeBuilder, HOSTILE, hostileModel } from '../../../tests/fixtures/format-fixtures.js';

const chromium = systemChromium();
const pdftotext = systemTool('pdftotext', 'poppler-utils');

describe('pdf format', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('throws PDF_CHROMIUM_MISSING with the install hint when no Chromium is found', async () => {
    vi.stubEnv('AUTODOC_CHROMIUM', path.join(os.tmpdir(), 'no-such-chromium'));
    await expect(printPdf('<p>x</p>')).rejects.toMatchObject({ code: 'PDF_CHROMIUM_MISSING', hint: expect.stringContaining('bash .ci/setup-system') });
  });

  it.skipIf(chromium.skipReason !== undefined || pdftotext.skipReason !== undefined)(
    'prints the ~5k-node HTML report to a multi-page PDF holding the model name and total MACs',
    { timeout: 240_000 },
    async () => {
      // transformerEncoder docs, b = 1, s = 128, h = 32, i = 128, L = 82: MatMul MACs per layer
      // 4·s·h² + 2·s²·h + 2·s·h·i = 524,288 + 1,048,576 + 1,048,576 = 2,621,440; ×82 = 214,958,080;
      // the pooler Gemm adds b·h² = 1,024 → 214,959,104 MACs in all.
      const model = transformerEncoder({ layers: 82, hidden: 32, heads: 2, intermediate: 128, vocab: 100, maxPositions: 128 });
      const result = await analyzeBuilder(model, 'encoder-5k.onnx', [htmlPlugin, plugin], { batch: 1, sequence: 128 });
      const pdf = await new FormatTester('pdf').render(result, { paper: 'Letter' });
      expect(pdf).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode((pdf as Uint8Array).slice(0, 5))).toBe('%PDF-');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-pdf-'));
      const file = path.join(dir, 'report.pdf');
      await writeFile(file, pdf);
      if (process.env.AUTODOC_KEEP_PDF) await writeFile(process.env.AUTODOC_KEEP_PDF, pdf);
      const text = pdfText(file, ['-layout']);
      await rm(dir, { recursive: true, force: true });
      const pages = text.split('\f').filter((p) => p.trim() !== '').length;
      expect(pages).toBeGreaterThan(1);
      expect(text).toContain('encoder-5k.onnx');
      if (result.report.cost) expect(text).toContain('214,959,104');
      // Print shows the static layer table (JavaScript is off): its note and first rows.
      expect(text).toMatch(/The first 200 of 5,016 layers/);
      expect(text).toMatch(/\/embeddings\/Shape/);
    },
  );

  it.skipIf(chromium.skipReason !== undefined || pdftotext.skipReason !== undefined)('prints hostile model text as text', { timeout: 120_000 }, async () => {
    const result = await analyzeBuilder(hostileModel(), 'hostile.onnx', [htmlPlugin, plugin]);
    const pdf = await new FormatTester('pdf').render(result);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-pdf-'));
    const file = path.join(dir, 'hostile.pdf');
    await writeFile(file, pdf);
    const text = pdfText(file);
    await rm(dir, { recursive: true, force: true });
    // The markup shows up literally (escaped in HTML), so it was never parsed as an element.
    expect(text).toContain(HOSTILE.script);
  });
});

function pdfText(file: string, flags: string[] = []): string {
  return execFileSync('pdftotext', [...flags, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
