/**
 * Turns any section into format-neutral blocks from its `views` (keyValue, table, chart), so a new
 * analysis appears in every format without editing it. Strings stay raw here; each format escapes.
 *
 * Shared by the markdown, html and terminal formats: each package keeps an identical copy of this
 * file (packages do not reach into each other's src) until it moves into @autodoc/core.
 */
import type { SectionDefinition, SectionView } from '../plugin/contributions.js';
import type { Report } from '../report/report-types.js';
import { compareText, formatUnit, type Shown, type Unit, unitWord } from './units.js';

/** One shown value. `symbolic`: an expression stands in for an unbound total; `missing`: unknown. */
export interface Cell extends Shown {
  readonly symbolic?: boolean;
  readonly missing?: boolean;
  /** Right-align in tables (numbers). */
  readonly numeric?: boolean;
}

export interface KeyValueBlock {
  readonly kind: 'keyValue';
  readonly title?: string;
  readonly items: readonly { readonly label: string; readonly cell: Cell }[];
}

export interface TableBlock {
  readonly kind: 'table';
  readonly title?: string;
  readonly columns: readonly { readonly label: string; readonly unit?: Unit }[];
  readonly rows: readonly (readonly Cell[])[];
  /** Rows before the limit was applied. */
  readonly totalRows: number;
}

export interface ChartBlock {
  readonly kind: 'chart';
  readonly title: string;
  /** The vega-lite spec the section asked for. */
  readonly spec: Record<string, unknown>;
}

export type Block = KeyValueBlock | TableBlock | ChartBlock;

export interface SectionModel {
  readonly key: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** Reads `a.b.c` from an object; undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const MAX_LIST = 8;

/**
 * A value as a cell. A `{ total, expression }` figure whose total is null shows its expression
 * (`2*batch*sequence + 4`), never 0 or blank; a bare null shows "unknown".
 */
export function figureCell(value: unknown, unit?: Unit, expression?: unknown): Cell {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'total' in value && 'expression' in value) {
    const fig = value as { total: unknown; expression: unknown };
    return figureCell(fig.total, unit, fig.expression);
  }
  if (value === null || value === undefined) {
    if (typeof expression === 'string' && expression !== '') {
      const word = unitWord(unit);
      return { text: word ? `${expression} ${word}` : expression, symbolic: true };
    }
    return { text: 'unknown', missing: true };
  }
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no' };
  if (typeof value === 'number' || (typeof value === 'string' && unit !== undefined && /^-?[0-9]+$/.test(value))) {
    return { ...formatUnit(value, unit), numeric: true };
  }
  if (typeof value === 'string') return { text: value };
  if (Array.isArray(value)) {
    if (value.length === 0) return { text: 'none' };
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const shown = value.slice(0, MAX_LIST).map((v) => (v === null ? '?' : String(v)));
      return { text: shown.join(', ') + (value.length > MAX_LIST ? `, … (${value.length} in all)` : '') };
    }
    return { text: `${value.length} entries` };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return { text: 'none' };
    const shown = entries.slice(0, MAX_LIST).map(([k, v]) => `${k}: ${figureCell(v, unit).text}`);
    return { text: shown.join('; ') + (entries.length > MAX_LIST ? `; … (${entries.length} in all)` : '') };
  }
  return { text: String(value) };
}

/**
 * The cell of `path` inside `container`. When the value is null, the expression beside it is used:
 * `x.total` → `x.expression`, `macs` → `macsExpression` (per-layer rows).
 */
export function fieldCell(container: unknown, path: string, unit?: Unit): Cell {
  const value = getPath(container, path);
  if (value !== null) return figureCell(value, unit);
  const dot = path.lastIndexOf('.');
  const parent = dot < 0 ? '' : path.slice(0, dot);
  const leaf = dot < 0 ? path : path.slice(dot + 1);
  const sibling = (name: string) => getPath(container, parent ? `${parent}.${name}` : name);
  const expression = leaf === 'total' ? sibling('expression') : sibling(`${leaf}Expression`);
  return figureCell(null, unit, expression);
}

function isFormula(path: string): boolean {
  return /expression$/i.test(path);
}

/** A formula field whose formula is a plain integer repeats its total: formats leave it out. */
function redundantFormula(path: string, value: unknown): boolean {
  return isFormula(path) && (value === null || (typeof value === 'string' && /^[0-9]+$/.test(value)));
}

/** A null field of an object marked `present: false` (e.g. `kvCache` of a model without one) is not applicable. */
function absentFeature(section: unknown, path: string, value: unknown): boolean {
  const dot = path.lastIndexOf('.');
  return value === null && dot > 0 && getPath(section, `${path.slice(0, dot)}.present`) === false;
}

const DEFAULT_TABLE_LIMIT = 50;

/** One view of a section as a block; undefined when it has nothing to show. */
export function viewBlock(section: unknown, view: SectionView, report: Report, tableLimit = DEFAULT_TABLE_LIMIT): Block | undefined {
  switch (view.kind) {
    case 'keyValue': {
      const items: { label: string; cell: Cell }[] = [];
      const shownExpressions = new Set<string>();
      const fields = view.fields;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        const value = getPath(section, f.path);
        if (value === undefined || redundantFormula(f.path, value) || absentFeature(section, f.path, value)) continue;
        if (isFormula(f.path) && shownExpressions.has(String(value))) continue;
        let cell = fieldCell(section, f.path, f.unit);
        // A null figure followed by its formula field (`peakActivationBytes`, `peakActivation.expression`)
        // shows the formula in its place.
        const next = fields[i + 1];
        const nextValue = next ? getPath(section, next.path) : undefined;
        if (cell.missing && next && isFormula(next.path) && typeof nextValue === 'string' && nextValue !== '') cell = figureCell(null, f.unit, nextValue);
        if (cell.symbolic) shownExpressions.add(cell.text.replace(/ (bytes|MACs|FLOPs|ms)$/, ''));
        items.push({ label: f.label, cell });
      }
      return items.length ? { kind: 'keyValue', title: view.title, items } : undefined;
    }
    case 'table': {
      let rows = getPath(section, view.rows);
      if (rows && typeof rows === 'object' && !Array.isArray(rows)) rows = Object.entries(rows).map(([key, value]) => ({ key, value }));
      if (!Array.isArray(rows) || rows.length === 0) return undefined;
      const limit = view.limit ?? tableLimit;
      return {
        kind: 'table',
        title: view.title,
        columns: view.columns.map((c) => ({ label: c.label, unit: c.unit })),
        rows: rows.slice(0, limit).map((row) => view.columns.map((c) => fieldCell(row, c.path, c.unit))),
        totalRows: rows.length,
      };
    }
    case 'chart': {
      const spec = view.spec(section, report);
      return spec ? { kind: 'chart', title: view.title, spec } : undefined;
    }
  }
}

/** Top-level scalars and figures of a section that declares no views. */
function fallbackBlock(section: unknown): Block | undefined {
  if (section === null || typeof section !== 'object') return { kind: 'keyValue', items: [{ label: 'Value', cell: figureCell(section) }] };
  const items = [];
  for (const [key, value] of Object.entries(section)) {
    const figure = value !== null && typeof value === 'object' && 'total' in value && 'expression' in value;
    if (value !== null && typeof value === 'object' && !figure) continue;
    items.push({ label: humanize(key), cell: figureCell(value) });
  }
  return items.length ? { kind: 'keyValue', items } : undefined;
}

/** `peakActivationBytes` → "Peak activation bytes". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Sections present in the report, by `order` then key. */
export function presentSections(report: Report, sections: readonly SectionDefinition[]): SectionDefinition[] {
  return sections.filter((s) => report[s.key] !== undefined).sort((a, b) => (a.order ?? 500) - (b.order ?? 500) || compareText(a.key, b.key));
}

/**
 * Every present section as blocks, in order. A chart spec that throws becomes a note instead of
 * failing the whole report (a third-party chart must not take the report down).
 */
export function sectionModels(report: Report, sections: readonly SectionDefinition[], options: { tableLimit?: number; charts?: boolean } = {}): SectionModel[] {
  return presentSections(report, sections).map((def) => {
    const value = report[def.key];
    const blocks: Block[] = [];
    const views = def.views ?? [];
    for (const view of views) {
      if (view.kind === 'chart' && options.charts === false) continue;
      try {
        const block = viewBlock(value, view, report, options.tableLimit);
        if (block) blocks.push(block);
      } catch (e) {
        blocks.push({
          kind: 'keyValue',
          title: view.title,
          items: [{ label: 'Not shown', cell: { text: `this view failed: ${(e as Error).message}`, missing: true } }],
        });
      }
    }
    if (views.length === 0) {
      const block = fallbackBlock(value);
      if (block) blocks.push(block);
    }
    return { key: def.key, title: def.title, blocks };
  });
}
