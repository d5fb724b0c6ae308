import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderOpReference } from '@autodoc/core';
import { onnxOps } from '@autodoc/plugin-ops-onnx';
import { ortOps } from '@autodoc/plugin-ops-ort';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// docs/reference/ops.md is rendered from the op packs, so what it says each op counts cannot drift
// from the rules (docs/definitions.md points here). The examples it prints are the ones each op
// pack's OpTester tests check.
const target = path.join(repoRoot, 'docs/reference/ops.md');
const header = [
  '# Operator reference',
  '',
  '<!-- Generated from plugins/ops-onnx and plugins/ops-ort by tests/ops-reference.test.ts: do not edit by hand.',
  '     Regenerate with: UPDATE_DOCS=1 npx vitest run tests/ops-reference.test.ts -->',
  '',
  'Every operator the built-in op packs define: the opset its rule applies from, how its cost is counted and',
  'what is counted, and worked examples (input shapes and attributes → output shapes, MACs, FLOPs).',
];

describe('operator reference', () => {
  const text = renderOpReference([...onnxOps, ...ortOps], header);

  it('docs/reference/ops.md is rendered from the op packs', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(target, text);
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
    expect(committed, 'docs/reference/ops.md is stale: run UPDATE_DOCS=1 npx vitest run tests/ops-reference.test.ts').toBe(text);
  });

  it('covers the operators a user meets most, with their counting rule', () => {
    for (const op of ['Conv', 'MatMul', 'Gemm', 'Attention', 'LayerNormalization', 'Softmax', 'MatMulNBits', 'GroupQueryAttention']) {
      expect(text, op).toMatch(new RegExp(`\\| \\[${op}\\]\\(#[^)]+\\) \\| \\d+ \\| counted \\| .+ \\|`));
    }
    expect(text).toMatch(/\| \[Reshape\]\(#[^)]+\) \| \d+ \| free \|/);
  });
});
