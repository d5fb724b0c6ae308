import { fileURLToPath } from 'node:url';
import { FormatTester, tinyCnn } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { CSV_COLUMNS, csvText } from './csv.js';
import { analyzeBuilder, HOSTILE, hostileModel, matchGolden } from '../../../tests/fixtures/format-fixtures.js';

const goldenDir = fileURLToPath(new URL('./__golden__', import.meta.url));

/** A small RFC 4180 parser written for the test (independent of the renderer). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csv format', () => {
  it('writes one row per tinyCnn node (golden)', async () => {
    const result = await analyzeBuilder(tinyCnn(), 'tiny-cnn.onnx', [plugin], { batch: 1 });
    const csv = await new FormatTester('csv').renderText(result);
    expect(csv).toBe(matchGolden(goldenDir, 'tiny-cnn.csv', csv).expected);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 15);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    // tinyCnn docs: stem conv 16·32·32·27 = 442,368 MACs at batch 1, output [1, 16, 32, 32]; fc weight 10×32 + bias 10 = 330 params.
    const stem = byName.get('/stem/conv/Conv') ?? [];
    expect(stem[col('op_type')]).toBe('Conv');
    expect(stem[col('output_shape')]).toBe('[1, 16, 32, 32]');
    if (result.report.cost) expect(stem[col('macs')]).toBe('442368');
    if (result.report.params) expect(byName.get('/fc/Gemm')?.[col('params')]).toBe('330');
  });

  it('quotes, guards formulas and drops control characters', async () => {
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-2')).toBe("'-2");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('\u001b[31mred')).toBe('[31mred');
    const result = await analyzeBuilder(hostileModel(), 'hostile.onnx', [plugin]);
    const csv = await new FormatTester('csv').renderText(result);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(csv).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(rows[1][1]).toBe(HOSTILE.script);
    expect(rows[3][1]).toBe('a|b`c`*d* | x | y |[31mred[0m');
  });
});
