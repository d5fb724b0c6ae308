import { names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';
import { hasUpsamplers, isUpsampled } from './upsample-common.js';

/** How many nodes back a skip input must start to count as a long skip (not a local branch). */
const LONG_SKIP_NODES = 8;

/**
 * U-Net / decoder skip: a channel Concat (axis 1) of an upsampled decoder map and an encoder map
 * produced much earlier (tag `long`); also YOLO/PANet necks.
 */
export default defineDetector({
  name: 'unet-skip',
  description: 'U-Net style skip: channel Concat of an upsampled map with an encoder map from much earlier.',
  detect(view) {
    const out: PatternMatch[] = [];
    if (!hasUpsamplers(view)) return out;
    for (const node of view.nodesOf(['Concat'])) {
      if (node.opType !== 'Concat' || view.attrInt(node, 'axis', 0) !== 1) continue;
      const data = node.inputs.filter((x) => x !== undefined && !view.isConstant(x));
      if (data.length < 2) continue;
      const up = data.find((x) => isUpsampled(view, x));
      if (!up) continue;
      const skip = data.find((x) => x !== up && !isUpsampled(view, x) && node.index - (view.producer(x)?.index ?? -1) >= LONG_SKIP_NODES);
      if (!skip) continue;
      out.push({ anchor: node, nodes: names(view.producer(up), view.producer(skip), node), tags: ['long'] });
    }
    return out;
  },
});
