import type { Diagnostic } from '@autodoc/core';

/** One warning per uncounted op type, with a `defineOp` the user can paste into autodoc.config.ts. */
export function uncountedWarning(entry: { domain: string; opType: string; count: number; reason: string }): Diagnostic {
  const domain = entry.domain === 'ai.onnx' ? '' : `domain: '${entry.domain}', `;
  const snippet = `defineOp({ ${domain}opType: '${entry.opType}', since: 1, cost: (n) => ({ flops: dims.mul(1, n.output(0).numel) }), notes: 'FLOPs = 1 per output element' })`;
  return {
    code: 'COST_UNCOUNTED_OP',
    severity: 'warning',
    message: `${entry.count} ${entry.domain === 'ai.onnx' ? '' : `${entry.domain}::`}${entry.opType} node(s) are not counted (${entry.reason}); MAC and FLOP totals are incomplete.`,
    hint: entry.reason.startsWith('input or output shapes')
      ? 'Bind the symbols the shapes need (--dim) or add a shape rule for the op that produces them.'
      : `Add a cost rule in autodoc.config.ts: ops: [${snippet}]`,
  };
}
