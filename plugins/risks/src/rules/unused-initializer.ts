import { groupDigits, storageBytes } from '@autodoc/core';
import { listNames, usedValues } from '../graph-utils.js';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_UNUSED_INITIALIZER',
  severity: 'info',
  summary: 'Initializers that no node reads and that are not graph outputs.',
  why: 'Dead weights still ship in the file and are loaded into memory by some runtimes; they often mean an exporter left training-only or replaced parameters behind.',
  hint: 'Remove them (onnx.utils / onnxsim / onnxoptimizer eliminate_unused_initializer).',
  options: [],
  check({ ctx, graph }) {
    const used = usedValues(graph, ctx.allNodes());
    const unused = graph.initializers.filter((v) => !used.has(v));
    if (unused.length === 0) return [];
    const bytes = unused.reduce((s, v) => s + (v.initializer && v.initializer.elementCount > 0 ? (storageBytes(v.initializer.dataType, v.initializer.elementCount) ?? 0) : 0), 0);
    return [{ message: `${unused.length} initializer(s) (${groupDigits(bytes)} bytes) are never used: ${listNames(unused.map((v) => v.name))}.` }];
  },
});
