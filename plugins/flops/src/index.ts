import { definePlugin, type Graph, Stage } from '@autodoc/core';
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
        const graphs: Graph[] = [ctx.graph];
        for (let i = 0; i < graphs.length; i++) {
          counter.countGraph(graphs[i]);
          for (const node of graphs[i].nodes) if (node.subgraphs.size > 0) graphs.push(...node.subgraphs.values());
        }
        ctx.setSection('cost', aggregate(ctx, counter));
      });
    },
  }),
});
