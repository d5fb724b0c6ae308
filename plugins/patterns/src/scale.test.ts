import { AnalysisTester, chain } from '@autodoc/core/testing';
import { expect, it } from 'vitest';
import type { ArchitectureSection } from './architecture-section.js';
import patterns from './index.js';

// Bounded work and output on a large graph: 200,000 nodes without scopes (the chain factory names
// nodes without '/'), so the tree comes from structure; the section stays small.
it('handles a 200,000-node chain with a bounded section', async () => {
  const result = await new AnalysisTester({ plugins: [patterns] }).analyze(chain(200_000));
  const a = (result.report as unknown as { architecture: ArchitectureSection }).architecture;
  expect(a.blockSource).toBe('structure');
  expect(a.blocks.length).toBeLessThanOrEqual(500);
  expect(JSON.stringify(a).length).toBeLessThan(2_000_000);
}, 120_000);
