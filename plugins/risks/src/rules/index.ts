import type { RiskRule } from '../rule.js';
import concatResidual from './concat-residual.js';
import deepWithoutSkip from './deep-without-skip.js';
import dynamicDimUnbounded from './dynamic-dim-unbounded.js';
import dynamicDimUnnamed from './dynamic-dim-unnamed.js';
import fp16Overflow from './fp16-overflow.js';
import hugeConstant from './huge-constant.js';
import opUnsupported from './op-unsupported.js';
import opsetTooNew from './opset-too-new.js';
import opsetTooOld from './opset-too-old.js';
import oversizedDense from './oversized-dense.js';
import residualShapeMismatch from './residual-shape-mismatch.js';
import unusedInitializer from './unused-initializer.js';
import unusedOutput from './unused-output.js';

/** Every risk rule, sorted by code as codes.ts is ('_' before letters). One rule per file. */
export const rules: readonly RiskRule[] = Object.freeze(
  [
    concatResidual,
    deepWithoutSkip,
    dynamicDimUnbounded,
    dynamicDimUnnamed,
    fp16Overflow,
    hugeConstant,
    opUnsupported,
    opsetTooNew,
    opsetTooOld,
    oversizedDense,
    residualShapeMismatch,
    unusedInitializer,
    unusedOutput,
  ].sort((a, b) => (a.code.replace(/_/g, ' ') < b.code.replace(/_/g, ' ') ? -1 : 1)),
);
