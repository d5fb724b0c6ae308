import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Graph } from '../ir/graph.js';
import type { RunOptions } from './run-options.js';

/**
 * `--batch-size N` binds the model's batch symbol when it has one: the dim_param every graph input
 * that has one shares as its first dim (`batch`, `N`, `batch_size`…). Otherwise the option stays as
 * is and per-sample figures are scaled by the plugins that use it; the diagnostic says which.
 */
export function bindBatch(graph: Graph, options: RunOptions): { options: RunOptions; diagnostic?: Diagnostic } {
  if (options.batchSize === undefined) return { options };
  const firstDims = new Set<string>();
  for (const input of graph.inputs) {
    const t = input.declared;
    if (t?.kind !== 'tensor' || !t.shape?.length) continue;
    const d = t.shape[0];
    if (typeof d === 'string') firstDims.add(d);
  }
  if (firstDims.size === 1) {
    const symbol = [...firstDims][0];
    if (Object.hasOwn(options.bindings, symbol)) return { options };
    return {
      // Null prototype kept: symbol names come from the model (`constructor` must stay a plain key).
      options: { ...options, bindings: Object.assign(Object.create(null) as Record<string, number>, options.bindings, { [symbol]: options.batchSize }) },
      diagnostic: { code: 'BATCH_BOUND', severity: 'info', message: `--batch-size ${options.batchSize} binds the batch symbol "${symbol}".`, hint: 'Use --dim to bind a different symbol instead.' },
    };
  }
  return {
    options,
    diagnostic: {
      code: 'BATCH_NOT_SYMBOLIC',
      severity: 'info',
      message: firstDims.size === 0 ? `The model has no symbolic batch dim; --batch-size ${options.batchSize} scales per-sample figures instead.` : `The inputs' first dims use several symbols (${[...firstDims].join(', ')}); --batch-size binds none of them.`,
      hint: 'Bind the dims you mean with --dim NAME=VALUE.',
    },
  };
}
