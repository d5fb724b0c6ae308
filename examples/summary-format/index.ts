import type { FormatDefinition } from '@autodoc/core';

interface GraphSummary {
  nodeCount: number;
  opHistogram: Record<string, number>;
}

/**
 * A custom output format: a three-line plain-text summary for chat notifications. Formats are pure
 * functions of the frozen report; they never see the graph.
 */
export const summaryFormat: FormatDefinition = {
  id: 'summary',
  extension: 'txt',
  description: 'Three-line plain-text summary.',
  render(report) {
    const graph = report.graph as GraphSummary | undefined;
    const ops = Object.entries(graph?.opHistogram ?? {})
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([op, n]) => `${op}×${n}`)
      .join(', ');
    return [`model: ${report.model.fileName}`, `nodes: ${graph?.nodeCount ?? 'unknown'}`, `top ops: ${ops || 'none'}`, ''].join('\n');
  },
};
