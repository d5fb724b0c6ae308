import type { AnalysisContext, Graph, Node } from '@autodoc/core';
import type { RisksOptions } from './options.js';

/** What a rule sees: the run's context, the validated options and a few shared facts. */
export interface RiskContext {
  readonly ctx: AnalysisContext;
  readonly graph: Graph;
  readonly options: RisksOptions;
  /** The model's ai.onnx opset (0 when not imported). */
  readonly opset: number;
}

/** One finding of a rule; the plugin turns it into a coded Diagnostic. */
export interface RiskFinding {
  readonly message: string;
  /** Overrides the rule's hint when the fix depends on the finding. */
  readonly hint?: string;
  readonly node?: Node;
  /** Overrides the rule's severity (e.g. info when the risk only matters at another precision). */
  readonly severity?: 'error' | 'warning' | 'info';
}

/** A risk rule: its code, documentation and check, as data (one file per rule under rules/). */
export interface RiskRule {
  /** Stable `RISK_*` code (listed in core/src/diagnostics/codes.ts). */
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** One sentence: what the code means. */
  readonly summary: string;
  /** Why it hurts, for the documentation. */
  readonly why: string;
  /** The usual fix. */
  readonly hint: string;
  /** Option names that tune the rule. */
  readonly options: readonly string[];
  check(rc: RiskContext): RiskFinding[] | Promise<RiskFinding[]>;
}

export function defineRule(rule: RiskRule): RiskRule {
  return rule;
}
