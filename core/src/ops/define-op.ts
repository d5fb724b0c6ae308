import type { Dim } from '../dims/index.js';
import type { InferredType } from '../ir/value-type.js';
import type { OpCost, OpNode } from './op-node.js';

/** Returns one entry per output (undefined = this output's type cannot be told). */
export type ShapeRule = (node: OpNode) => readonly (InferredType | undefined)[];
/** `'free'` = deliberately zero (Reshape, Shape, Identity…); a function returns the node's cost. */
export type CostRule = ((node: OpNode) => OpCost) | 'free';

/** A worked example run by OpTester and printed in the op reference. */
export interface OpExample {
  readonly title?: string;
  /** Input shapes (dims may be symbol names), or full `{ dtype, shape, value }` entries. */
  readonly inputs: readonly (readonly (number | string)[] | { dtype?: string; shape: readonly (number | string)[]; value?: readonly (number | string)[] } | null)[];
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly opset?: number;
  readonly expect: {
    readonly shapes?: readonly (readonly (number | string)[] | null)[];
    readonly macs?: number | string;
    readonly flops?: number | string;
  };
}

export interface OpDefinitionInput {
  /** Defaults to 'ai.onnx'; '' is the same domain. */
  readonly domain?: string;
  readonly opType: string;
  /** First opset version of the domain this definition applies to. */
  readonly since: number;
  readonly shape?: ShapeRule;
  /**
   * The shape rule's result depends only on the input types (dtype and shape), the attributes and
   * the opset: not on names, input contents or the outputs. The shapes engine may then give a node
   * the result the rule gave another node of this op with the very same input types, when neither
   * has attributes or known input contents (a long elementwise chain runs the rule once per op).
   * OpTester checks the claim on each example.
   */
  readonly shapeFromTypes?: boolean;
  readonly cost?: CostRule;
  /**
   * The same claim for the cost rule: its count depends only on the input and output types, the
   * attributes and the opset. The cost pass then gives a node the count the rule gave another node of
   * this op with the very same input and output types (no attributes or known input contents).
   * OpTester checks the claim on each example.
   */
  readonly costFromTypes?: boolean;
  readonly examples?: readonly OpExample[];
  /** What the cost counts, in words (rendered in docs/reference/ops.md). */
  readonly notes?: string;
}

export interface OpDefinition extends OpDefinitionInput {
  readonly domain: string;
}

/** Normalises a domain name: '' and 'ai.onnx' are the same default domain. */
export function normalizeDomain(domain: string | undefined): string {
  return !domain ? 'ai.onnx' : domain;
}

/** Declares one operator's shape and cost rules. Pure data; registered through a plugin's `ops`. */
export function defineOp(definition: OpDefinitionInput): OpDefinition {
  return Object.freeze({ ...definition, domain: normalizeDomain(definition.domain) });
}

export type { Dim };
