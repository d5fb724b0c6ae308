// A light entry point (`@autodoc/core/errors`) for code that only needs the error type — the CLI's
// flag parsing and exit codes — without loading the analysis stack.
export { AutodocError, isAutodocError } from './diagnostics/autodoc-error.js';
