import type { RiskRule } from './rule.js';
import { runtimes } from './runtimes/index.js';

/**
 * The risk-code reference (docs/reference/risk-codes.md), rendered from the rule list so the docs
 * cannot drift from the code; a test compares it with the committed file.
 */
export function renderRiskDocs(list: readonly RiskRule[], defaults: Readonly<Record<string, unknown>>): string {
  const lines: string[] = [
    '# Risk codes',
    '',
    '<!-- Generated from plugins/risks/src/rules by plugins/risks/src/docs.test.ts: do not edit by hand.',
    '     Regenerate with: UPDATE_DOCS=1 npx vitest run plugins/risks -->',
    '',
    'The `autodoc:risks` plugin reports deployment risks as diagnostics with stable `RISK_*` codes.',
    'Set a code\'s severity (or `off`) with the plugin\'s `severity` option and gate CI with `--fail-on`:',
    '',
    '```ts',
    "plugins: [[risks, { severity: { RISK_OP_UNSUPPORTED: 'error' }, runtimes: ['tensorrt'] }]]",
    '```',
    '',
    '| Code | Severity | Meaning |',
    '|---|---|---|',
    ...list.map((r) => `| [\`${r.code}\`](#${r.code.toLowerCase()}) | ${r.severity} | ${r.summary} |`),
    '',
  ];
  for (const r of list) {
    lines.push(`## ${r.code}`, '', `**Severity:** ${r.severity}`, '', r.summary, '', `**Why it hurts:** ${r.why}`, '', `**Fix:** ${r.hint}`, '');
    if (r.options.length > 0) lines.push(`**Options:** ${r.options.map((o) => `\`${o}\` (default \`${JSON.stringify(defaults[o])}\`)`).join(', ')}`, '');
  }
  lines.push('## Runtime operator lists', '', 'Used by `RISK_OP_UNSUPPORTED`; each list is data in plugins/risks/src/runtimes/.', '');
  for (const r of Object.values(runtimes)) lines.push(`- \`${r.id}\` — ${r.title}: ${r.source}`);
  lines.push('');
  return lines.join('\n');
}
