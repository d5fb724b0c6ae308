import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codes } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { renderRiskDocs } from './docs.js';
import { defaultRisksOptions } from './options.js';
import { rules } from './rules/index.js';

const docPath = fileURLToPath(new URL('../../../docs/reference/risk-codes.md', import.meta.url));

describe('risk code reference', () => {
  it('docs/reference/risk-codes.md is rendered from the rule list', () => {
    const text = renderRiskDocs(rules, defaultRisksOptions as unknown as Record<string, unknown>);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(docPath, text);
    const committed = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
    expect(committed, 'docs/reference/risk-codes.md is stale: regenerate with `UPDATE_DOCS=1 npx vitest run plugins/risks`').toBe(text);
  });

  it('every rule code is listed in core codes.ts with the same severity and summary', () => {
    const table = codes as Record<string, { severity: string; summary: string }>;
    for (const rule of rules) {
      expect(table[rule.code], rule.code).toEqual({ severity: rule.severity, summary: rule.summary });
    }
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
  });
});
