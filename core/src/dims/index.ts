/**
 * Symbolic dimensions: exact integer arithmetic over numbers and canonical polynomial expressions,
 * shared by every shape rule and every cost rule. Import the functions, or the `dims` namespace.
 */
import * as arith from './arith.js';
import * as compare from './compare.js';
import * as evaluation from './evaluate.js';
import * as formatting from './format.js';
import * as parsing from './parse.js';
import * as window from './window.js';
import { SymbolTable } from './symbol-table.js';
import { DimSum } from './dim-sum.js';

export {
  add,
  asBigInt,
  asNumber,
  ceilDiv,
  floorDiv,
  hasSymbols,
  isConstant,
  isSymbolic,
  max,
  min,
  mod,
  mul,
  neg,
  numel,
  pow,
  product,
  sub,
  sum,
  sym,
} from './arith.js';
export { DimSum } from './dim-sum.js';
export { expressionLimitError } from './errors.js';
export { dominates, equal, provablyEqual, tryCompare } from './compare.js';
export { evaluate, rank, substitute, symbols, type Binding } from './evaluate.js';
export { Expr, type Dim } from './expr.js';
export { format, toJSONValue } from './format.js';
export { parse } from './parse.js';
export { SymbolTable } from './symbol-table.js';
export { slidingWindowOutput, type SlidingWindow } from './window.js';

/** Every helper under one name: `dims.mul(n, k)`, `dims.format(d)`. */
export const dims = Object.freeze({
  ...arith,
  ...compare,
  ...evaluation,
  ...formatting,
  ...parsing,
  ...window,
  SymbolTable,
  DimSum,
});
