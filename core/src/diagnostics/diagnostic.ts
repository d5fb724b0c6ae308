/** Where in the model a diagnostic points. `path` names enclosing subgraphs: `If_3/then_branch`. */
export interface NodeLocation {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly path?: string;
}

/** One finding. Repeats of the same (code, message) aggregate into one entry with a `count`. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly hint: string;
  readonly plugin?: string;
  readonly node?: NodeLocation;
  readonly count?: number;
}
