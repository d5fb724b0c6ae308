import { dtypeByName, type Graph, type Node, nodesOfType, type Value } from '@autodoc/core';

/** What an initializer (or a ConstantOfShape output) is for. */
export type Role = 'weight' | 'quantizedWeight' | 'scale' | 'zeroPoint' | 'batchNormStatistic' | 'integerConstant' | 'unused';

/**
 * Inputs that are not weights even when they are float: quantisation scales and zero points, and
 * BatchNorm running statistics. Keyed by op type → input index → role. Data, so a new quantised op is
 * one line. (ai.onnx and com.microsoft op types share names only where their inputs agree.)
 */
const inputRoles: Record<string, Record<number, Role>> = {
  BatchNormalization: { 3: 'batchNormStatistic', 4: 'batchNormStatistic' },
  DequantizeLinear: { 0: 'quantizedWeight', 1: 'scale', 2: 'zeroPoint' },
  QuantizeLinear: { 1: 'scale', 2: 'zeroPoint' },
  DynamicQuantizeLinear: {},
  QLinearConv: { 1: 'scale', 2: 'zeroPoint', 3: 'quantizedWeight', 4: 'scale', 5: 'zeroPoint', 6: 'scale', 7: 'zeroPoint' },
  QLinearMatMul: { 1: 'scale', 2: 'zeroPoint', 3: 'quantizedWeight', 4: 'scale', 5: 'zeroPoint', 6: 'scale', 7: 'zeroPoint' },
  ConvInteger: { 1: 'quantizedWeight', 2: 'zeroPoint', 3: 'zeroPoint' },
  MatMulInteger: { 1: 'quantizedWeight', 2: 'zeroPoint', 3: 'zeroPoint' },
  MatMulNBits: { 1: 'quantizedWeight', 2: 'scale', 3: 'zeroPoint' },
  QGemm: { 1: 'scale', 2: 'zeroPoint', 3: 'quantizedWeight', 4: 'scale', 5: 'zeroPoint', 7: 'scale', 8: 'zeroPoint' },
  DynamicQuantizeMatMul: { 1: 'quantizedWeight', 2: 'scale', 3: 'zeroPoint' },
  MatMulIntegerToFloat: { 1: 'quantizedWeight', 2: 'scale', 3: 'scale', 4: 'zeroPoint', 5: 'zeroPoint' },
};

/** The role an input slot gives a tensor, or undefined when the slot says nothing special. */
export function slotRole(node: Node, index: number): Role | undefined {
  return inputRoles[node.opType]?.[index];
}

/** Whether `graph` has a node of an op type whose input slots give roles (see slotRole). */
export function hasRoleSlots(graph: Graph): boolean {
  return ROLE_OPS.some((op) => nodesOfType(graph, op).length > 0);
}

const ROLE_OPS = Object.keys(inputRoles);

/**
 * Classifies a tensor by its dtype and its consumers: a special slot wins; otherwise floats are
 * weights and integers are shape constants (axes, shapes, indices). `slotsMatter`: false when the
 * value's graph has no op with special slots (see hasRoleSlots), so its consumers need no look (a
 * constant read by a million nodes took ~30 ms).
 */
export function roleOf(value: Value, dtypeName: string, slotsMatter = true): Role {
  if (value.consumerCount === 0) return 'unused';
  for (let c = 0, count = slotsMatter ? value.consumerCount : 0; c < count; c++) {
    const consumer = value.consumer(c) as Node;
    for (let i = 0, slots = consumer.inputCount; i < slots; i++) {
      if (consumer.input(i) !== value) continue;
      const role = slotRole(consumer, i);
      if (role) return role;
    }
  }
  return dtypeByName(dtypeName)?.isFloat ? 'weight' : 'integerConstant';
}
