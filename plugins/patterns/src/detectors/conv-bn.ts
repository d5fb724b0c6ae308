import { names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';

/** Activations that commonly follow Conv-BN. */
export const ACTIVATIONS = new Set(['Relu', 'LeakyRelu', 'PRelu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Elu', 'Selu', 'Celu', 'Mish', 'Gelu', 'Tanh', 'Softplus', 'ThresholdedRelu', 'Swish']);

/**
 * PyTorch's exporter folds BatchNormalization into the preceding Conv in eval mode and, because the
 * folded tensors no longer belong to a module parameter, names them `onnx::Conv_<n>` instead of
 * `<module>.weight`. A Conv with a bias whose weight carries that name is therefore a folded Conv-BN.
 */
const FOLDED_WEIGHT = /^onnx::Conv_\d+$/;

/**
 * Conv followed by BatchNormalization (tag `bn`), or a Conv with BN folded in (tag `folded`), either
 * optionally followed by an activation (tag `act`).
 */
export default defineDetector({
  name: 'conv-bn',
  description: 'Conv + BatchNormalization (+ activation), or a Conv whose BatchNormalization the exporter folded in.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const conv of view.nodesOf(['Conv'])) {
      if (conv.opType !== 'Conv') continue;
      const y = conv.outputs[0];
      const next = view.consumers(y);
      const bn = next.length === 1 && next[0].opType === 'BatchNormalization' ? next[0] : undefined;
      let tags: string[];
      let last = conv;
      if (bn) {
        tags = ['bn'];
        last = bn;
      } else {
        const w = view.weight(conv, 1);
        const hasBias = conv.inputs[2] !== undefined;
        if (!w || !hasBias || !FOLDED_WEIGHT.test(w.name)) continue;
        tags = ['folded'];
      }
      const after = view.consumers(last.outputs[0]);
      const act = after.length === 1 && ACTIVATIONS.has(after[0].opType) ? after[0] : undefined;
      if (act) tags.push('act');
      out.push({ anchor: conv, nodes: names(conv, bn, act), tags });
    }
    return out;
  },
});
