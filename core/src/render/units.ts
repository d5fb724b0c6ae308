/**
 * Human units for report figures (1.81 G MACs, 44.6 MiB) with the exact number beside them.
 *
 * Shared by the markdown, html and terminal formats: each package keeps an identical copy of this
 * file (packages do not reach into each other's src) until it moves into @autodoc/core.
 */

/** The units a section view may give a field (see SectionView in @autodoc/core). */
export type Unit = 'bytes' | 'count' | 'flops' | 'macs' | 'ms' | 'percent';

/** A figure as shown: short text, and the exact integer when the text is rounded. */
export interface Shown {
  readonly text: string;
  /** Exact value with thousands separators, present only when `text` rounds it. */
  readonly exact?: string;
}

const DECIMAL = ['', ' K', ' M', ' G', ' T', ' P', ' E'];
const BINARY = [' B', ' KiB', ' MiB', ' GiB', ' TiB', ' PiB', ' EiB'];

/** A report count (number, or a decimal string beyond 2^53) as an exact bigint; undefined if not one. */
export function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) return BigInt(v);
  return undefined;
}

/** 6138 → "6,138"; works for counts beyond 2^53 given as decimal strings. */
export function groupDigits(v: number | string | bigint): string {
  const s = typeof v === 'bigint' ? v.toString() : String(v);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  const dot = digits.indexOf('.');
  const int = dot < 0 ? digits : digits.slice(0, dot);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${dot < 0 ? '' : digits.slice(dot)}`;
}

/**
 * Orders strings by UTF-16 code units, for tie-breaks in sorted report lists. Unlike localeCompare
 * it gives the same order on every machine and locale, and costs nothing on first use (the first
 * localeCompare loads ICU's collator: ~10 ms of a small model's run).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Three significant digits: 1.8143 → "1.81", 44.62 → "44.6", 512 → "512". */
function sig3(x: number): string {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function scaled(v: number | string | bigint, base: number, suffixes: readonly string[], smallSuffix: string): Shown {
  const big = typeof v === 'bigint' ? v : toBigInt(v);
  const n = Number(v);
  if (!Number.isFinite(n)) return { text: String(v) };
  let x = Math.abs(n);
  let i = 0;
  while (x >= base && i < suffixes.length - 1) {
    x /= base;
    i++;
  }
  const exact = big !== undefined ? groupDigits(big) : groupDigits(n);
  if (i === 0) return { text: `${big !== undefined ? exact : sig3(n)}${smallSuffix}` };
  return { text: `${n < 0 ? '-' : ''}${sig3(x)}${suffixes[i]}`, exact };
}

/** A count: 6138 → "6.14 K" (exact "6,138"); below 1,000 the number itself. */
export function formatCount(v: number | string | bigint): Shown {
  return scaled(v, 1000, DECIMAL, '');
}

/** Bytes in binary units: 46,787,584 → "44.6 MiB" (exact "46,787,584 bytes"). */
export function formatBytes(v: number | string | bigint): Shown {
  const s = scaled(v, 1024, BINARY, ' B');
  return s.exact ? { text: s.text, exact: `${s.exact} bytes` } : s;
}

/** A value with its unit; undefined unit means a plain value (numbers keep their digits). */
export function formatUnit(v: number | string | bigint, unit: Unit | undefined): Shown {
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'count':
      return formatCount(v);
    case 'macs': {
      const s = formatCount(v);
      return { text: `${s.text} MACs`, exact: s.exact };
    }
    case 'flops': {
      const s = formatCount(v);
      return { text: `${s.text} FLOPs`, exact: s.exact };
    }
    case 'ms': {
      const n = Number(v);
      return { text: Number.isFinite(n) ? `${n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(2)} ms` : String(v) };
    }
    case 'percent': {
      // Views give shares as fractions 0–1 (cost hotspots' `share`).
      const n = Number(v);
      return { text: Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : String(v) };
    }
    default:
      return { text: typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 10000 ? groupDigits(v) : String(v) };
  }
}

/** Unit word for a symbolic figure's expression (the expression itself has no unit). */
export function unitWord(unit: Unit | undefined): string {
  switch (unit) {
    case 'bytes':
      return 'bytes';
    case 'macs':
      return 'MACs';
    case 'flops':
      return 'FLOPs';
    case 'ms':
      return 'ms';
    default:
      return '';
  }
}
