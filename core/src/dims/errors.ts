import { AutodocError } from '../diagnostics/autodoc-error.js';

/**
 * Thrown when dimension arithmetic is asked something undefined. A model can cause it (a Conv with
 * `strides = 0`, a `--dim` binding of 2.5), so it is a coded error rather than a bare RangeError.
 */
export function arithmeticError(message: string): AutodocError {
  return new AutodocError(
    'DIM_ARITHMETIC_INVALID',
    message,
    'Dimensions are integers; divisors must be non-zero and powers non-negative integers. Check the model attribute or --dim value involved.',
  );
}

/**
 * Thrown when an expression would grow past the size the analysis keeps symbolic: a min or max of
 * many distinct dimensions, which a chain of broadcasts of distinct symbols builds one argument per
 * node (and simplifying it compares every pair of arguments).
 */
export function expressionLimitError(message: string): AutodocError {
  return new AutodocError(
    'DIM_EXPRESSION_LIMIT',
    message,
    'Many distinct symbolic dimensions meet here (concatenated or broadcast together, say); what depends on this dimension is left unknown. Bind the symbols with --dim NAME=VALUE for numbers.',
  );
}

/** Thrown by `parse` for a string outside the expression grammar. */
export function syntaxError(source: string, position: number, why: string): AutodocError {
  return new AutodocError(
    'DIM_EXPRESSION_INVALID',
    `Cannot parse dimension expression "${source}" at position ${position}: ${why}`,
    'The grammar is: integers, symbols (bare identifiers or `back-quoted`), + - *, ^ with an integer exponent, parentheses, floor(a/b), ceil(a/b), min(a, b), max(a, b).',
  );
}
