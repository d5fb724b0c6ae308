import { defineDetector, type PatternMatch } from './detector.js';

/**
 * Spatial upsampling: Resize/Upsample (tag = mode, e.g. `nearest`, `linear`), ConvTranspose with
 * stride > 1 (`transposed-conv`), DepthToSpace (`pixel-shuffle`).
 */
export default defineDetector({
  name: 'upsample',
  description: 'Upsampling: Resize/Upsample, strided ConvTranspose, DepthToSpace.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf(['Resize', 'Upsample', 'ConvTranspose', 'DepthToSpace'])) {
      let tag: string | undefined;
      if (node.opType === 'Resize' || node.opType === 'Upsample') tag = node.attributes.get('mode')?.s ?? 'nearest';
      else if (node.opType === 'ConvTranspose' && (view.attrInts(node, 'strides') ?? [1]).some((s) => s > 1)) tag = 'transposed-conv';
      else if (node.opType === 'DepthToSpace') tag = 'pixel-shuffle';
      if (tag) out.push({ anchor: node, nodes: [node.name], tags: [tag] });
    }
    return out;
  },
});
