/**
 * Shape-arithmetic, data-movement and control-flow ops: their rules carry known contents (shape
 * tensors) so Reshape/Expand/Slice downstream see symbolic values. All data movement is `free`.
 */
import type { OpDefinition } from '@autodoc/core';
import { concatOp, splitOp } from './concat-split.js';
import { constantOfShapeOp, constantOp } from './constant.js';
import { ifOp, loopOp, scanOp } from './control-flow.js';
import { expandOp, tileOp } from './expand-tile.js';
import { gatherOp } from './gather.js';
import { castLikeOp, castOp, identityOp } from './identity-cast.js';
import { padOp } from './pad.js';
import { rangeOp } from './range.js';
import { flattenOp, reshapeOp } from './reshape.js';
import { shapeOp, sizeOp } from './shape-size.js';
import { sliceOp } from './slice.js';
import { squeezeOp, unsqueezeOp } from './squeeze.js';
import { depthToSpaceOp, spaceToDepthOp, transposeOp } from './transpose.js';

export const tensorOps: OpDefinition[] = [
  shapeOp,
  sizeOp,
  constantOp,
  constantOfShapeOp,
  identityOp,
  castOp,
  castLikeOp,
  reshapeOp,
  flattenOp,
  squeezeOp,
  unsqueezeOp,
  expandOp,
  tileOp,
  concatOp,
  splitOp,
  sliceOp,
  gatherOp,
  rangeOp,
  padOp,
  transposeOp,
  depthToSpaceOp,
  spaceToDepthOp,
  ifOp,
  loopOp,
  scanOp,
];
