import attention from './attention.js';
import convBn from './conv-bn.js';
import type { PatternDetector } from './detector.js';
import depthwiseSeparable from './depthwise-separable.js';
import fpnMerge from './fpn-merge.js';
import invertedResidual from './inverted-residual.js';
import layerNorm from './layer-norm.js';
import mlp from './mlp.js';
import nms from './nms.js';
import positionEmbedding from './position-embedding.js';
import recurrentCell from './recurrent-cell.js';
import residualAdd from './residual-add.js';
import rmsNorm from './rms-norm.js';
import rotaryEmbedding from './rotary-embedding.js';
import squeezeExcite from './squeeze-excite.js';
import tokenEmbedding from './token-embedding.js';
import unetSkip from './unet-skip.js';
import upsample from './upsample.js';

/**
 * Every built-in detector, in the order of `architecture.patterns`: adding a pattern is one file plus
 * one line here. Imported statically: every run uses all of them by default, and one lazy import per
 * detector cost ~25 ms of module loading per run (the detectors together are ~30 KB).
 */
const BUILT_IN: readonly PatternDetector[] = [
  convBn,
  residualAdd,
  depthwiseSeparable,
  squeezeExcite,
  invertedResidual,
  attention,
  mlp,
  layerNorm,
  rmsNorm,
  rotaryEmbedding,
  tokenEmbedding,
  positionEmbedding,
  upsample,
  fpnMerge,
  unetSkip,
  nms,
  recurrentCell,
];

const byName = new Map(BUILT_IN.map((d) => [d.name, d]));

/** The named detectors (all by default), in list order; unknown names are skipped. */
export function selectDetectors(only?: readonly string[]): PatternDetector[] {
  if (!only) return [...BUILT_IN];
  return only.flatMap((name) => byName.get(name) ?? []);
}
