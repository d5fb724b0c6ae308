/**
 * One input through read → analyze → render in this process, classified the way the CLI would exit
 * (DESIGN.md §3). Shared by the in-process hostile suite, the fuzz replay test and scripts/fuzz.mjs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfiguredPlugin, type Plugin, analyzeModel, defaultRunOptions, isAutodocError, renderReport, resolvePlugins } from '@autodoc/core';
import recommended from '@autodoc/preset-recommended';
import { exitCodeFor } from '../../../cli/src/exit-codes.js';
import type { Expected } from '../generate/types.js';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** The plugins of a run and the formats they can render. */
export interface Toolkit {
  readonly plugins: readonly ConfiguredPlugin[];
  readonly formats: readonly string[];
  /** Formats asked for but not built (plugins/format-<id>/dist/index.js missing). */
  readonly skippedFormats: readonly string[];
}

/**
 * The recommended preset plus the markdown and html formats when they are built (their owners are
 * still editing them: a format whose dist/index.js is missing is skipped and listed).
 */
export async function loadToolkit(wanted: readonly string[] = ['markdown', 'html']): Promise<Toolkit> {
  const extra: Plugin[] = [];
  const formats = ['json'];
  const skippedFormats: string[] = [];
  for (const id of wanted) {
    if (!existsSync(path.join(repoRoot, 'plugins', `format-${id}`, 'dist', 'index.js'))) {
      skippedFormats.push(id);
      continue;
    }
    const mod = (await import(`@autodoc/format-${id}`)) as { default: Plugin };
    extra.push(mod.default);
    formats.push(id);
  }
  const plugins = await resolvePlugins({ presets: [recommended], plugins: extra }, repoRoot);
  return { plugins, formats, skippedFormats };
}

/** What one run produced. */
export interface Outcome {
  /** `report` (exit 0), `error` (a coded error, exit from §3) or `crash` (anything uncoded). */
  readonly kind: 'report' | 'error' | 'crash';
  readonly exit: number;
  readonly code?: string;
  readonly message?: string;
  readonly report?: Record<string, unknown>;
  /** Rendered outputs (json, markdown, html), and the error's text for errors. */
  readonly outputs: readonly string[];
  readonly ms: number;
}

export interface RunSettings {
  readonly allowExternalRoots?: readonly string[];
  readonly timeoutMs?: number;
  readonly maxHeapBytes?: number;
}

/** Runs one model in-process. Never throws: every failure is classified. */
export async function runInProcess(model: string, kit: Toolkit, settings: RunSettings = {}): Promise<Outcome> {
  const started = performance.now();
  try {
    const options = defaultRunOptions({ allowExternalRoots: settings.allowExternalRoots ?? [], ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}), ...(settings.maxHeapBytes ? { maxHeapBytes: settings.maxHeapBytes } : {}) });
    const result = await analyzeModel(model, kit.plugins, {}, options);
    const files = await renderReport(result, kit.formats);
    const outputs = files.map((f) => (typeof f.contents === 'string' ? f.contents : Buffer.from(f.contents).toString('utf8')));
    return { kind: 'report', exit: 0, report: result.report as unknown as Record<string, unknown>, outputs, ms: performance.now() - started };
  } catch (e) {
    const ms = performance.now() - started;
    const exit = exitCodeFor(e);
    if (isAutodocError(e)) return { kind: exit === 3 ? 'error' : 'crash', exit, code: e.code, message: e.message, outputs: [e.message, e.hint], ms };
    const err = e as Error;
    return { kind: 'crash', exit, code: 'UNCODED', message: `${err?.name}: ${err?.message}\n${err?.stack ?? ''}`, outputs: [String(err?.message)], ms };
  }
}

/** Problems of an outcome against an expectation (empty when it matches). */
export function judge(expect: Expected, o: Outcome): string[] {
  if (o.kind === 'crash') return [`crash (exit ${o.exit}, ${o.code}): ${o.message?.slice(0, 600)}`];
  if (expect.outcome === 'error') {
    if (o.kind !== 'error') return [`expected error ${expect.codes.join('|')}, got a report`];
    return expect.codes.includes(o.code ?? '') ? [] : [`expected error ${expect.codes.join('|')}, got ${o.code}: ${o.message}`];
  }
  if (o.kind !== 'report') return [`expected a report, got ${o.code}: ${o.message}`];
  const problems = reportProblems(o.report as Record<string, unknown>);
  const diags = (o.report?.diagnostics ?? []) as { code: string; severity: string }[];
  for (const code of expect.codes) {
    if (code === '*') {
      if (!diags.some((d) => d.severity === 'warning')) problems.push('expected at least one warning');
    } else if (!diags.some((d) => d.code === code)) problems.push(`expected diagnostic ${code}, got ${diags.map((d) => d.code).join(', ') || 'none'}`);
  }
  return problems;
}

const COUNT_KEYS = new Set(['total', 'macs', 'flops', 'params', 'weightsBytes', 'peakActivationBytes', 'outputBytes', 'bytes', 'count', 'nodeCount', 'nodeCountWithSubgraphs', 'fileBytes']);

/** Numbers must be finite; counts must be non-negative (numbers, or decimal strings past 2^53). */
export function reportProblems(report: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const stack: [unknown, string][] = [[report, '$']];
  while (stack.length > 0 && problems.length < 5) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v === 'number' && !Number.isFinite(v)) problems.push(`${at} is ${v}`);
    if (v === null || typeof v !== 'object') continue;
    for (const [k, x] of Object.entries(v)) {
      const here = `${at}.${k}`;
      if (COUNT_KEYS.has(k) && typeof x === 'number' && x < 0) problems.push(`${here} is negative (${x})`);
      if (COUNT_KEYS.has(k) && typeof x === 'string' && /^-|NaN|Infinity/.test(x)) problems.push(`${here} is "${x}"`);
      stack.push([x, here]);
    }
  }
  return problems;
}
