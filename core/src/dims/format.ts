/** Printing Dims in the report's expression grammar. */
import type { Dim } from './expr.js';
import { formatDim } from './print.js';

/**
 * The canonical string of `d`: terms by descending degree then lexicographically, coefficient first,
 * `*` between factors, `^` for powers, ` + ` / ` - ` between terms, constant last
 * (`1572864*batch*sequence^2 + 84934656*batch*sequence`, `floor((height - 1)/2) + 1`). Ceil is
 * printed in its floor normal form; min/max as nested binary calls; odd symbol names back-quoted.
 * `parse(format(d))` rebuilds `d`.
 */
export function format(d: Dim): string {
  return formatDim(d);
}

/** A JSON value for the report: the number when it is a safe integer, else the expression string (all digits for a huge constant). */
export function toJSONValue(d: Dim): number | string {
  return typeof d === 'number' && Number.isSafeInteger(d) ? d : formatDim(d);
}
