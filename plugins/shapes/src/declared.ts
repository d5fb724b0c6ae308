/**
 * Types written in the file (graph inputs/outputs, value_info, initializers) as inference types:
 * dim_params become symbols (bound ones become numbers), dims with neither value nor param become
 * fresh `unk__N` symbols from the run's table.
 */
import { dataTypeName, dims, type Dim, type OnnxDim, type OnnxType, type ValueType } from '@autodoc/core';

/** What converting a declared type needs from the run. */
export interface DeclaredContext {
  readonly symbols: dims.SymbolTable;
  readonly bindings: Readonly<Record<string, number>>;
}

/** A dim as written, with the run's bindings applied. */
export function declaredDim(d: OnnxDim, ctx: DeclaredContext): Dim {
  if (typeof d === 'number' && d >= 0) return d;
  if (typeof d === 'string' && d !== '') {
    const bound = ctx.bindings[d];
    return bound !== undefined ? bound : dims.sym(d);
  }
  // No value and no name (or a dim_value of -1, which the reader uses for out-of-range dims).
  const fresh = ctx.symbols.fresh('unk');
  const bound = ctx.bindings[fresh.key];
  return bound !== undefined ? bound : fresh;
}

/** The inference type of a declared type, or undefined when none is written. */
export function fromDeclared(t: OnnxType | undefined, ctx: DeclaredContext): ValueType | undefined {
  if (!t) return undefined;
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: t.kind, dtype: t.elemType ? dataTypeName(t.elemType) : undefined, shape: t.shape?.map((d) => declaredDim(d, ctx)) };
    case 'sequence':
      return { kind: 'sequence', elem: fromDeclared(t.elem, ctx) };
    case 'optional':
      return { kind: 'optional', elem: fromDeclared(t.elem, ctx) };
    case 'map':
      return { kind: 'map', keyType: dataTypeName(t.keyType), value: fromDeclared(t.value, ctx) };
  }
}

/** Every dim_param written in a declared type (to keep fresh names clear of them). */
export function declaredNames(t: OnnxType | undefined, into: Set<string>): void {
  if (!t) return;
  if (t.kind === 'tensor' || t.kind === 'sparse_tensor') {
    for (const d of t.shape ?? []) if (typeof d === 'string' && d !== '') into.add(d);
  } else if (t.kind === 'map') declaredNames(t.value, into);
  else declaredNames(t.elem, into);
}
