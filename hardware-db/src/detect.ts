import { execFile } from 'node:child_process';
import { listDevices } from './devices.js';
import type { Device } from './types.js';

/** Fields asked of nvidia-smi, in order; {@link parseNvidiaSmi} expects this column order. */
export const NVIDIA_SMI_FIELDS = ['name', 'memory.total', 'driver_version', 'uuid'] as const;
/** Arguments for `nvidia-smi` that produce the text {@link parseNvidiaSmi} reads. */
export const NVIDIA_SMI_ARGS = [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits'] as const;

/** One GPU line of nvidia-smi and the database device it was matched to. */
export interface DetectedGpu {
  /** Position of the line (nvidia-smi's GPU index order). */
  readonly index: number;
  readonly name: string;
  /** memory.total as printed (MiB); null when nvidia-smi printed N/A. */
  readonly memoryMiB: number | null;
  readonly memoryBytes: number | null;
  readonly driverVersion: string | null;
  readonly uuid: string | null;
  /** Matched device, or null when the name is unknown or ambiguous. */
  readonly device: Device | null;
  /** How the match was made: an exact nvidia-smi name, a device name/alias, or name tokens plus memory size. */
  readonly matchedBy: 'nvidia-smi-name' | 'name' | 'name+memory' | null;
  /** Ids that were considered when the match was ambiguous or failed. */
  readonly candidates: readonly string[];
}

export type DetectResult = { readonly available: true; readonly gpus: readonly DetectedGpu[] } | { readonly available: false; readonly reason: string };

const MiB = 2 ** 20;
/** A reported size within this fraction of a device's memory counts as the same size (drivers reserve some). */
const MEMORY_TOLERANCE = 0.12;

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\b(nvidia|tesla|geforce|amd)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Parses `nvidia-smi --query-gpu=name,memory.total,driver_version,uuid --format=csv,noheader,nounits`
 * output and matches each line against the database. Pure: no process is started. Lines with fewer than
 * two fields (blank lines, messages) are skipped; `[N/A]` fields become null.
 */
export function parseNvidiaSmi(text: string, devices: readonly Device[] = listDevices()): DetectedGpu[] {
  const gpus: DetectedGpu[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 2 || fields[0] === '') continue;
    const [name, memory, driver, uuid] = fields;
    const memoryMiB = toNumber(memory);
    const memoryBytes = memoryMiB === null ? null : memoryMiB * MiB;
    const match = matchGpu(name, memoryBytes, devices);
    gpus.push({
      index: gpus.length,
      name,
      memoryMiB,
      memoryBytes,
      driverVersion: present(driver),
      uuid: present(uuid),
      ...match,
    });
  }
  return gpus;
}

/** Matches one reported GPU name (and memory, when known) to a device. */
export function matchGpu(
  name: string,
  memoryBytes: number | null,
  devices: readonly Device[] = listDevices(),
): Pick<DetectedGpu, 'device' | 'matchedBy' | 'candidates'> {
  // Systems and cloud instances are never what one nvidia-smi line describes.
  const pool = devices.filter((d) => d.kind === 'gpu' || d.kind === 'module');
  const n = norm(name);

  const exact = pool.filter((d) => d.nvidiaSmiNames?.some((s) => norm(s) === n));
  if (exact.length > 0) return pick(exact, memoryBytes, 'nvidia-smi-name');

  // A device name, id or alias: "H100" names three devices; an alias ("h100" -> h100-sxm) breaks ties.
  const aliasHits = new Set(pool.filter((d) => norm(d.id) === n || d.aliases.some((a) => norm(a) === n)).map((d) => d.id));
  const named = pool.filter((d) => aliasHits.has(d.id) || norm(d.name) === n || norm(`${d.name} ${d.variant ?? ''}`) === n);
  if (named.length > 0) return pick(named, memoryBytes, 'name', aliasHits);

  // Unknown spelling: every token of the device's model name must appear, and laptop parts only match laptop names.
  const tokens = new Set(n.split(' '));
  const laptop = tokens.has('laptop') || tokens.has('mobile');
  const modelTokens = (d: Device): string[] =>
    norm(d.name)
      .split(' ')
      .filter((t) => t !== 'laptop' && t !== 'gpu');
  const loose = pool.filter((d) => {
    const model = modelTokens(d);
    return model.length > 0 && model.every((t) => tokens.has(t)) && (d.variant === 'laptop') === laptop;
  });
  // Prefer the most specific model names ("rtx 4070 ti" over "rtx 4070").
  const longest = Math.max(0, ...loose.map((d) => modelTokens(d).length));
  const best = loose.filter((d) => modelTokens(d).length === longest);
  if (best.length > 0) return pick(best, memoryBytes, 'name+memory');
  return { device: null, matchedBy: null, candidates: [] };
}

/**
 * Chooses among candidates. An exact nvidia-smi name needs no memory check when it names one device;
 * otherwise the reported memory must be within MEMORY_TOLERANCE of the device's, preferred ids (aliases)
 * win, then the closest size. A tie is reported as no match rather than a guess.
 */
function pick(
  found: readonly Device[],
  memoryBytes: number | null,
  how: NonNullable<DetectedGpu['matchedBy']>,
  preferred: ReadonlySet<string> = new Set(),
): Pick<DetectedGpu, 'device' | 'matchedBy' | 'candidates'> {
  const candidates = found.map((d) => d.id);
  const none = { device: null, matchedBy: null, candidates };
  if (how === 'nvidia-smi-name' && found.length === 1) return { device: found[0], matchedBy: how, candidates };
  // A loose token match is only trusted when the memory size confirms it.
  if (how === 'name+memory' && memoryBytes === null) return none;
  const pool = memoryBytes === null ? [...found] : found.filter((d) => fits(d, memoryBytes));
  if (pool.length === 0) return none;
  const score = (d: Device): [number, number] => [
    preferred.has(d.id) ? 0 : 1,
    memoryBytes === null || d.memoryBytes === null ? 0 : Math.abs(d.memoryBytes - memoryBytes),
  ];
  const scored = pool.map((d) => ({ d, s: score(d) })).sort((a, b) => a.s[0] - b.s[0] || a.s[1] - b.s[1]);
  if (scored.length > 1 && scored[0].s[0] === scored[1].s[0] && scored[0].s[1] === scored[1].s[1]) return none;
  const usedMemory = found.length > 1 || how === 'name+memory';
  return { device: scored[0].d, matchedBy: usedMemory && how !== 'nvidia-smi-name' ? 'name+memory' : how, candidates };
}

function fits(d: Device, memoryBytes: number): boolean {
  return d.memoryBytes !== null && Math.abs(d.memoryBytes - memoryBytes) <= d.memoryBytes * MEMORY_TOLERANCE;
}

function toNumber(field: string | undefined): number | null {
  if (field === undefined) return null;
  const v = Number(field);
  return field !== '' && Number.isFinite(v) ? v : null;
}

function present(field: string | undefined): string | null {
  return field === undefined || field === '' || /^\[?n\/a\]?$/i.test(field) ? null : field;
}

/** Runs a program and resolves with its stdout; injectable so tests need no GPU. */
export type RunCommand = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

const runExecFile: RunCommand = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(String(stdout))));
  });

/**
 * Runs nvidia-smi and matches its GPUs against the database. Never throws for a missing or failing
 * tool: it resolves `{ available: false, reason }` so `--hardware auto` can fall back with a message.
 */
export async function detectGpus(
  options: { readonly run?: RunCommand; readonly devices?: readonly Device[]; readonly timeoutMs?: number } = {},
): Promise<DetectResult> {
  const run = options.run ?? runExecFile;
  let stdout: string;
  try {
    stdout = await run('nvidia-smi', NVIDIA_SMI_ARGS, options.timeoutMs ?? 10_000);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { killed?: boolean; stdout?: unknown };
    if (e.code === 'ENOENT') return { available: false, reason: 'nvidia-smi was not found on PATH (no NVIDIA driver installed?)' };
    if (e.killed) return { available: false, reason: 'nvidia-smi did not answer in time' };
    const said = typeof e.stdout === 'string' && e.stdout.trim() !== '' ? e.stdout.trim() : e.message;
    return { available: false, reason: `nvidia-smi failed: ${said.split('\n')[0]}` };
  }
  const gpus = parseNvidiaSmi(stdout, options.devices ?? listDevices());
  if (gpus.length === 0) return { available: false, reason: 'nvidia-smi listed no GPU' };
  return { available: true, gpus };
}
