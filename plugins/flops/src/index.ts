import { definePlugin, Stage, walkAllGraphs } from '@autodoc/core';
import { aggregate } from './aggregate.js';
import { costSectionDefinition } from './cost-section.js';
import { CostCounter } from './node-cost.js';

export type { CostSection } from './cost-section.js';

/**
 * MACs and FLOPs of every node from the op packs' cost rules (docs/definitions.md), exact and symbolic,
 * summed by op type and block. An op without a rule is listed as uncounted, never counted as zero.
 */
export default definePlugin({
  name: 'autodoc:flops',
  description: 'MACs and FLOPs per node with symbolic totals.',
  setup: () => ({
    sections: [costSectionDefinition],
    apply({ hooks }) {
      hooks.analyze.tap({ name: 'autodoc:flops', stage: Stage.Count }, (ctx) => {
        const counter = new CostCounter(ctx);
        // Every graph, bodies included (a body a control-flow rule did not ask for still gets rows).
        for (const graph of walkAllGraphs(ctx.graph)) counter.countGraph(graph);
        ctx.setSection('cost', aggregate(ctx, counter));
      });
    },
  }),
});
