import { dataInputCount, names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';
import { hasUpsamplers, isUpsampled } from './upsample-common.js';

/**
 * Feature-pyramid top-down merge: Add of an upsampled coarse map (Resize/Upsample directly) and a
 * lateral Conv of a finer map (FPN, PANet, YOLO necks use Concat instead; see `unet-skip`).
 */
export default defineDetector({
  name: 'fpn-merge',
  description: 'FPN top-down merge: Add(upsampled coarse map, lateral 1×1 Conv of a finer map).',
  detect(view) {
    const out: PatternMatch[] = [];
    if (!hasUpsamplers(view)) return out;
    for (const node of view.nodesOf(['Add', 'Sum'])) {
      if (dataInputCount(view, node) !== 2) continue;
      const data = node.inputs.filter((x) => x !== undefined && !view.isConstant(x));
      const up = data.findIndex((x) => isUpsampled(view, x, 0));
      if (up < 0) continue;
      const lateral = view.producer(data[1 - up]);
      if (lateral?.opType !== 'Conv') continue;
      out.push({ anchor: node, nodes: names(view.producer(data[up]), lateral, node), tags: ['top-down'] });
    }
    return out;
  },
});
