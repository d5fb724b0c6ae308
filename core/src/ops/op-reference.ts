import { compareText } from '../render/units.js';
import type { OpDefinition, OpExample } from './define-op.js';

/** How an op's cost is counted: by its rule, deliberately zero, or not at all (no cost rule: the report lists the op as uncounted). */
export function costKind(definition: OpDefinition): 'counted' | 'free' | 'uncounted' {
  if (definition.cost === 'free') return 'free';
  return definition.cost ? 'counted' : 'uncounted';
}

/**
 * The operator reference (Markdown) of op definitions: per domain a table of every op with the opset
 * its definition starts at, how its cost is counted and what it counts (`notes`), then each op's
 * worked examples (the ones OpTester checks). Op packs render their own with it; ours is
 * docs/reference/ops.md, compared with the committed file by tests/ops-reference.test.ts.
 */
export function renderOpReference(definitions: readonly OpDefinition[], header: readonly string[]): string {
  const byDomain = new Map<string, OpDefinition[]>();
  for (const d of definitions) {
    const list = byDomain.get(d.domain);
    if (list) list.push(d);
    else byDomain.set(d.domain, [d]);
  }
  const domains = [...byDomain.keys()].sort(compareText);
  const uncounted = definitions.filter((d) => costKind(d) === 'uncounted');
  const lines = [
    ...header,
    '',
    `${opCount(definitions)} operators in ${domains.length} domain(s): ${domains.map((d) => `${d} ${opCount(byDomain.get(d) ?? [])}`).join(', ')}.`,
    `Cost: ${definitions.filter((d) => costKind(d) === 'counted').length} counted, ${definitions.filter((d) => costKind(d) === 'free').length} free (no arithmetic: reshapes, copies, shape queries), ${uncounted.length} uncounted${uncounted.length ? ` (${uncounted.map(name).join(', ')}: the report lists them and marks its totals incomplete)` : ''}.`,
    'MACs and FLOPs are defined in [docs/definitions.md](../definitions.md). A symbol in an example (`batch`) stays a symbol in its result.',
    '',
  ];
  for (const domain of domains) {
    const ops = (byDomain.get(domain) ?? []).sort((a, b) => compareText(a.opType, b.opType) || a.since - b.since);
    lines.push(`## ${domain}`, '', '| op | since opset | cost | what is counted |', '|---|---|---|---|');
    for (const d of ops) lines.push(`| [${d.opType}](#${anchor(d)}) | ${d.since} | ${costKind(d)} | ${cell(d.notes ?? '')} |`);
    lines.push('');
    for (const d of ops) {
      lines.push(`### ${heading(d)}`, '', d.notes ?? '(no notes)', '');
      for (const example of d.examples ?? []) lines.push(`- ${exampleLine(example)}`);
      if (d.examples?.length) lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function opCount(definitions: readonly OpDefinition[]): number {
  return new Set(definitions.map(name)).size;
}

function name(d: OpDefinition): string {
  return d.domain === 'ai.onnx' ? d.opType : `${d.domain}::${d.opType}`;
}

function heading(d: OpDefinition): string {
  return `${d.opType} (${d.domain}, since ${d.since})`;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(d: OpDefinition): string {
  return heading(d).toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** A table cell: pipes escaped, line breaks folded. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** `title: inputs [1, 3] · [3, 4], attrs → shapes [1, 4]; MACs 12, FLOPs 24`. */
function exampleLine(e: OpExample): string {
  const inputs = e.inputs.map((i) => (i === null ? '(none)' : Array.isArray(i) ? shape(i) : inputEntry(i as Exclude<OpExample['inputs'][number], null | readonly unknown[]>)));
  const attrs = Object.entries(e.attrs ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const result = [
    e.expect.shapes ? `→ ${e.expect.shapes.map((s) => (s === null ? '(unknown)' : shape(s))).join(' · ')}` : '',
    e.expect.macs !== undefined ? `MACs ${e.expect.macs}` : '',
    e.expect.flops !== undefined ? `FLOPs ${e.expect.flops}` : '',
  ].filter(Boolean);
  const label = [e.title, e.opset !== undefined ? `(opset ${e.opset})` : ''].filter(Boolean).join(' ');
  return `${label ? `${label}: ` : ''}inputs ${inputs.join(' · ') || '(none)'}${attrs.length ? `, ${attrs.join(', ')}` : ''} ${result.join('; ')}`.trimEnd();
}

function shape(dims: readonly (number | string)[]): string {
  return `\`[${dims.join(', ')}]\``;
}

function inputEntry(i: { dtype?: string; shape: readonly (number | string)[]; value?: readonly (number | string)[] }): string {
  return `${i.dtype ? `${i.dtype} ` : ''}${shape(i.shape)}${i.value ? ` = \`[${i.value.join(', ')}]\`` : ''}`;
}
