/**
 * @autodoc/plugin-shapes: infers every value's dtype and symbolic shape at Stage.Shapes, using the
 * shape rules op packs contribute.
 */
import { definePlugin, Stage } from '@autodoc/core';
import { inferShapes } from './infer-shapes.js';

export { inferShapes } from './infer-shapes.js';
export type { InferShapesOptions, InferShapesResult } from './infer-shapes.js';
export { gradeType, evaluateShape, worst } from './grade.js';
export type { Grade, Graded, RecordedType } from './grade.js';

export default definePlugin({
  name: 'autodoc:shapes',
  description: "Infers every value's dtype and symbolic shape (stage Shapes).",
  setup: () => ({
    apply(host) {
      host.hooks.analyze.tapPromise({ name: 'autodoc:shapes', stage: Stage.Shapes }, async (ctx) => {
        const result = await inferShapes(ctx.graph, ctx.model, ctx.ops, {
          bindings: ctx.options.bindings,
          trustModelShapes: ctx.options.trustModelShapes,
          readTensor: (t, max) => ctx.readInitializer(t, max),
          checkBudget: (where) => ctx.checkBudget(where),
        });
        for (const d of result.diagnostics) ctx.diagnostics.add(d);
      });
    },
  }),
});
