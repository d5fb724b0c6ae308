import { definePlugin, Stage } from '@autodoc/core';
import { graphSectionDefinition } from './graph-section.js';
import { summarizeGraph } from './summarize-graph.js';

export type { GraphSection } from './graph-section.js';

/** The `graph` section: node counts (with subgraphs), op histogram by domain, produced tensors. */
export default definePlugin({
  name: 'autodoc:graph',
  description: 'Node counts, op histogram and the type of every produced tensor.',
  setup: () => ({
    sections: [graphSectionDefinition],
    apply({ hooks }) {
      hooks.analyze.tap({ name: 'autodoc:graph', stage: Stage.Summarize }, (ctx) => {
        ctx.setSection('graph', summarizeGraph(ctx));
      });
    },
  }),
});
