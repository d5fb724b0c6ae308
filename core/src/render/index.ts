// Helpers for format authors: human units, the generic view → block model every format renders
// sections from, and the executive summary read from the report's stable paths.
export * from './units.js';
export * from './view-model.js';
export * from './summary-model.js';
