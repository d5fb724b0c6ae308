import type { PatternDetector } from './detector.js';

/**
 * Every built-in detector, by name, loaded on first use (ESLint's lazy rule map): adding a pattern
 * is one file plus one line here. The order is the order of `architecture.patterns`.
 */
export const detectorLoaders: Readonly<Record<string, () => Promise<{ default: PatternDetector }>>> = Object.freeze({
  'conv-bn': () => import('./conv-bn.js'),
  'residual-add': () => import('./residual-add.js'),
  'depthwise-separable': () => import('./depthwise-separable.js'),
  'squeeze-excite': () => import('./squeeze-excite.js'),
  'inverted-residual': () => import('./inverted-residual.js'),
  attention: () => import('./attention.js'),
  mlp: () => import('./mlp.js'),
  'layer-norm': () => import('./layer-norm.js'),
  'rms-norm': () => import('./rms-norm.js'),
  'rotary-embedding': () => import('./rotary-embedding.js'),
  'token-embedding': () => import('./token-embedding.js'),
  'position-embedding': () => import('./position-embedding.js'),
  upsample: () => import('./upsample.js'),
  'fpn-merge': () => import('./fpn-merge.js'),
  'unet-skip': () => import('./unet-skip.js'),
  nms: () => import('./nms.js'),
  'recurrent-cell': () => import('./recurrent-cell.js'),
});

/** Loads the named detectors (all by default), in list order. */
export async function loadDetectors(only?: readonly string[]): Promise<PatternDetector[]> {
  const wanted = only ?? Object.keys(detectorLoaders);
  const out: PatternDetector[] = [];
  for (const name of wanted) {
    const load = detectorLoaders[name];
    if (load) out.push((await load()).default);
  }
  return out;
}
