import type { Precision } from '@autodoc/core';
import { AutodocError } from '@autodoc/core/errors';

export const defaultOutDir = './autodoc-report';

/** Parses repeated `--dim NAME=VALUE` flags. */
export function parseDim(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const match = /^([^=]+)=(\d+)$/.exec(value);
  if (!match) throw new AutodocError('USAGE', `--dim expects NAME=VALUE with a non-negative integer, got "${value}".`, 'Example: --dim batch=1 --dim sequence=128');
  return { ...previous, [match[1]]: Number(match[2]) };
}

export function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new AutodocError('USAGE', `${flag} expects a positive integer, got "${value}".`, `Example: ${flag} 8`);
    return n;
  };
}

export function parseByteSize(flag: string) {
  return (value: string): number => {
    const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?$/i.exec(value.trim());
    if (!match) throw new AutodocError('USAGE', `${flag} expects a size such as 512MB or 4GiB, got "${value}".`, `Example: ${flag} 8GiB`);
    const unit = (match[2] ?? '').toLowerCase().replace(/i?b$/, '');
    const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit] ?? 1;
    return Math.floor(Number(match[1]) * scale);
  };
}

const precisions: readonly Precision[] = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'];
export function parsePrecision(value: string): Precision {
  if (!(precisions as readonly string[]).includes(value)) throw new AutodocError('USAGE', `--precision must be one of ${precisions.join(', ')}, got "${value}".`, 'Example: --precision fp16');
  return value as Precision;
}

/** `--format json,html` (repeatable, comma separated); `md` is an alias of `markdown` handled by the format. */
export function parseFormats(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function parseFailOn(value: string): 'warning' | 'error' {
  if (value !== 'warning' && value !== 'error') throw new AutodocError('USAGE', `--fail-on must be "warning" or "error", got "${value}".`, 'Example: --fail-on error');
  return value;
}

/** `--deployment-target edge|local|cloud`. */
export function parseDeploymentTarget(value: string): 'edge' | 'local' | 'cloud' {
  if (value !== 'edge' && value !== 'local' && value !== 'cloud')
    throw new AutodocError('USAGE', `--deployment-target must be edge, local or cloud, got "${value}".`, 'Example: --deployment-target cloud');
  return value;
}

/** A positive number flag (`--target-latency-ms 20`, `--target-throughput 1000`). */
export function parsePositiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new AutodocError('USAGE', `${flag} expects a positive number, got "${value}".`, `Example: ${flag} 50`);
    return n;
  };
}

function intList(flag: string, text: string): number[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => !/^[1-9]\d*$/.test(s)))
    throw new AutodocError('USAGE', `${flag} expects positive integers separated by commas, got "${text}".`, `Example: ${flag} 1,2,4,8`);
  return items.map(Number);
}

/** `--sweep-batch 1,4,16`. */
export function parseSweepBatch(value: string): number[] {
  return intList('--sweep-batch', value);
}

/** Repeated `--sweep-dim sequence=128,512,2048`. */
export function parseSweepDim(value: string, previous: Record<string, number[]> = {}): Record<string, number[]> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new AutodocError('USAGE', `--sweep-dim expects NAME=V1,V2,…, got "${value}".`, 'Example: --sweep-dim sequence=128,512,2048');
  return { ...previous, [value.slice(0, eq).trim()]: intList('--sweep-dim', value.slice(eq + 1)) };
}
