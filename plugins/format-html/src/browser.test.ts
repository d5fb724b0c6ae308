import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FormatTester, systemChromium, transformerEncoder } from '@autodoc/core/testing';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { analyzeBuilder } from '../../../tests/fixtures/format-fixtures.js';

const browser = systemChromium();
const artifacts = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const LAYERS = 82;

describe.skipIf(browser.skipReason !== undefined)('html report in Chromium', () => {
  it('opens a ~5k-node report with no console errors, CSP violations or requests; sorts and filters', { timeout: 180_000 }, async () => {
    // transformerEncoder docs: nodes = 14 + 61·L → 5,016 for L = 82; each layer has one Softmax.
    const model = transformerEncoder({ layers: LAYERS, hidden: 32, heads: 2, intermediate: 128, vocab: 100, maxPositions: 128 });
    const result = await analyzeBuilder(model, 'encoder-5k.onnx', [plugin], { batch: 1, sequence: 128 });
    const html = await new FormatTester('html').renderText(result);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-html-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, html);

    const b = await chromium.launch({ executablePath: browser.value, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    try {
      const page = await b.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('#layers-live:not([hidden])');

      const count = () => page.textContent('#layers-live .count');
      expect(await count()).toBe('5,016 of 5,016 layers');
      expect(await page.$('#layers-static')).toBeNull();

      // Sort by FLOPs (descending first): the first row holds the largest FLOPs of report.layers.
      const maxFlops = Math.max(...(result.report.layers ?? []).map((l) => Number(l.flops ?? 0)));
      await page.click('#layers-live th[data-col="7"]');
      const firstFlops = await page.textContent('#layers-live tbody tr:not(.spacer) td:nth-child(8)');
      expect(Number(firstFlops?.replace(/,/g, ''))).toBe(maxFlops);
      await page.click('#layers-live th[data-col="7"]');
      expect(await page.getAttribute('#layers-live th[data-col="7"]', 'aria-sort')).toBe('ascending');

      // Filter by text, then by op type.
      await page.fill('#layers-live input', 'softmax');
      await page.waitForFunction(() => document.querySelector('#layers-live .count')?.textContent?.startsWith('82 '));
      expect(await count()).toBe(`${LAYERS} of 5,016 layers`);
      const ops = await page.$$eval('#layers-live tbody tr:not(.spacer) td:nth-child(3)', (tds) => [...new Set(tds.map((t) => t.textContent))]);
      expect(ops).toEqual(['Softmax']);
      await page.fill('#layers-live input', '');
      await page.selectOption('#layers-live select', 'Softmax');
      await page.waitForFunction(() => document.querySelector('#layers-live .count')?.textContent?.startsWith('82 '));

      // Scrolling deep into the virtual table renders rows there.
      await page.selectOption('#layers-live select', '');
      await page.waitForFunction(() => document.querySelector('#layers-live .count')?.textContent?.startsWith('5,016 '));
      await page.$eval('#layers-live .scroller', (el) => {
        el.scrollTop = 24 * 4000;
      });
      await page.waitForFunction(() => Number(document.querySelector('#layers-live tbody tr:not(.spacer) td')?.textContent) > 3000);

      // A filter keystroke whose debounce is still pending when the op select changes and the
      // user scrolls must not fire later and throw the view back to the top.
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('#layers-live input');
        const select = document.querySelector<HTMLSelectElement>('#layers-live select');
        if (!input || !select) throw new Error('layer table controls missing');
        input.value = '';
        input.dispatchEvent(new Event('input'));
        select.value = '';
        select.dispatchEvent(new Event('change'));
        const scroller = document.querySelector('#layers-live .scroller');
        if (scroller) scroller.scrollTop = 24 * 4000;
      });
      await page.waitForTimeout(500); // past the 120 ms filter debounce
      expect(await page.$eval('#layers-live .scroller', (el) => el.scrollTop)).toBe(24 * 4000);

      await page.$eval('#layers-live .scroller', (el) => {
        el.scrollTop = 0;
      });
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'html-report-layers.png') });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(artifacts, 'html-report.png') });
      await page.click('#theme-toggle');
      await page.evaluate(() => document.querySelector('#charts')?.scrollIntoView());
      await page.screenshot({ path: path.join(artifacts, 'html-report-charts-toggled.png') });

      expect(problems).toEqual([]);
      expect(requests.filter((r) => r !== url)).toEqual([]);
    } finally {
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
