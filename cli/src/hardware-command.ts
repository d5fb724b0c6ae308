import { AutodocError } from '@autodoc/core/errors';
import { type DetectResult, type Device, detectGpus, devicePool, filterDevices, listDevices, PRECISIONS, requireDevice } from '@autodoc/hardware-db';
import { ExitCode } from './exit-codes.js';

/** Where the hardware commands write; injectable for tests. */
export interface HardwareIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const GiB = 2 ** 30;

/**
 * The devices `hardware list` and `show` know: the database's plus those the config (found from
 * `cwd`, or `--config`) and its plugins add — the same pool `analyze --hardware` resolves against.
 * No config: the database alone, without loading any plugin.
 */
export async function configuredDevices(cwd: string, configPath?: string): Promise<Device[]> {
  const { createRunner } = await import('@autodoc/core');
  return devicePool((await createRunner({ cwd, configPath })).devices());
}

/** Parses `--filter`: comma-separated `vendor=`, `kind=`, `min-memory=<GiB>`, or words matched against id, name and aliases. */
export function parseDeviceFilter(text: string | undefined): (devices: readonly Device[]) => Device[] {
  const terms = (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return (devices) => {
    let out = [...devices];
    for (const term of terms) {
      const eq = term.indexOf('=');
      if (eq < 0) {
        const word = term.toLowerCase();
        out = out.filter((d) => [d.id, d.name, d.vendor, d.variant ?? '', ...d.aliases].some((s) => s.toLowerCase().includes(word)));
        continue;
      }
      const key = term.slice(0, eq).trim().toLowerCase();
      const value = term.slice(eq + 1).trim();
      if (key === 'vendor') out = filterDevices({ vendor: value }, out);
      else if (key === 'kind') out = filterDevices({ kind: value.split('|') as Device['kind'][] }, out);
      else if (key === 'min-memory' || key === 'minmemory') {
        const gib = Number(value.replace(/gi?b$/i, ''));
        if (!Number.isFinite(gib) || gib < 0)
          throw new AutodocError('USAGE', `--filter min-memory expects a number of GiB, got "${value}".`, 'Example: --filter min-memory=40');
        out = filterDevices({ minMemoryBytes: gib * GiB }, out);
      } else
        throw new AutodocError(
          'USAGE',
          `--filter does not know "${key}".`,
          'Use vendor=, kind=, min-memory=<GiB> or plain words, comma separated: --filter vendor=nvidia,kind=gpu',
        );
    }
    return out;
  };
}

function gib(bytes: number | null): string {
  return bytes === null ? '-' : `${(bytes / GiB).toFixed(bytes % GiB === 0 ? 0 : 1)} GiB`;
}

function rate(x: number | null | undefined, unit: number, suffix: string): string {
  return x === null || x === undefined ? '-' : `${+(x / unit).toPrecision(4)} ${suffix}`;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** `autodoc hardware list [--json] [--filter ...]`: the devices as stored (JSON) or a table. */
export function hardwareList(flags: { json?: boolean; filter?: string }, io: HardwareIO, devices: readonly Device[] = listDevices()): number {
  const selected = parseDeviceFilter(flags.filter)(devices);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(selected)}\n`);
    return ExitCode.Ok;
  }
  const rows = [['ID', 'KIND', 'NAME', 'MEMORY', 'BANDWIDTH', 'FP16 DENSE', 'USD/H']];
  for (const d of selected) {
    rows.push([
      d.id,
      d.kind,
      `${d.vendor} ${d.name}${d.variant ? ` ${d.variant}` : ''}`,
      gib(d.memoryBytes),
      rate(d.memoryBandwidth, 1e9, 'GB/s'),
      rate(d.peak.fp16.dense, 1e12, 'TFLOPS'),
      d.pricePerHourUsd === undefined ? '-' : d.pricePerHourUsd.toFixed(2),
    ]);
  }
  io.stdout.write(table(rows));
  io.stderr.write(`${selected.length} device(s). Show one with \`autodoc hardware show ID\`; figures are dense unless marked sparse.\n`);
  return ExitCode.Ok;
}

/** `autodoc hardware show ID [--json]`: one device with its dense and sparse peaks and sources. */
export function hardwareShow(id: string, flags: { json?: boolean }, io: HardwareIO, devices: readonly Device[] = listDevices()): number {
  let d: Device;
  try {
    d = requireDevice(id, devices);
  } catch (error) {
    const e = error as { message?: string; hint?: string };
    throw new AutodocError('HARDWARE_UNKNOWN', e.message ?? `Unknown hardware "${id}".`, e.hint ?? 'Run `autodoc hardware list` for all ids.');
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(d)}\n`);
    return ExitCode.Ok;
  }
  const lines = [
    `${d.vendor} ${d.name}${d.variant ? ` ${d.variant}` : ''} (${d.id})`,
    `  kind:          ${d.kind}${d.aggregation === 'total-of-gpus' ? ` — totals over ${d.gpuCount} x ${d.gpu}` : ''}`,
    `  aliases:       ${d.aliases.join(', ') || '-'}`,
    `  memory:        ${gib(d.memoryBytes)}${d.memoryType ? ` ${d.memoryType}` : ''}, ${rate(d.memoryBandwidth, 1e9, 'GB/s')}`,
    `  interconnect:  ${[d.interconnect.pcie ? `PCIe ${d.interconnect.pcie}` : '', d.interconnect.nvlink ? `NVLink ${d.interconnect.nvlink.generation} ${rate(d.interconnect.nvlink.bandwidthBytesPerSec, 1e9, 'GB/s')}` : '', d.interconnect.other ? `${d.interconnect.other.name} ${rate(d.interconnect.other.bandwidthBytesPerSec, 1e9, 'GB/s')}` : ''].filter(Boolean).join(', ') || '-'}`,
    `  tdp:           ${d.tdpWatts === null ? '-' : `${d.tdpWatts} W`}`,
  ];
  if (d.pricePerHourUsd !== undefined)
    lines.push(`  price:         ${d.pricePerHourUsd} USD/h (${d.provider ?? ''} ${d.region ?? ''}, ${d.priceDate ?? 'undated'})`);
  lines.push('  peak (dense / sparse):');
  for (const p of PRECISIONS) {
    const unit = p.startsWith('int') ? 'TOPS' : 'TFLOPS';
    lines.push(`    ${p.padEnd(5)} ${rate(d.peak[p].dense, 1e12, unit).padStart(14)} / ${rate(d.peak[p].sparse, 1e12, unit)}`);
  }
  const unverified = d.sources.filter((s) => s.kind !== 'secondary' && !s.verified).length;
  lines.push(`  sources:       ${d.sources.length} (${unverified} not yet verified)${d.verified ? `, verified ${d.verified}` : ''}; main: ${d.source}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.Ok;
}

/**
 * `autodoc hardware detect [--json]`: runs nvidia-smi and matches each GPU. A missing tool is not an
 * error: the reason is printed and the exit code is 0.
 */
export async function hardwareDetect(flags: { json?: boolean }, io: HardwareIO, detect: () => Promise<DetectResult> = () => detectGpus()): Promise<number> {
  const found = await detect();
  if (flags.json) {
    const json = found.available ? { available: true, gpus: found.gpus.map((g) => ({ ...g, device: g.device?.id ?? null })) } : found;
    io.stdout.write(`${JSON.stringify(json)}\n`);
    return ExitCode.Ok;
  }
  if (!found.available) {
    io.stdout.write(
      `No GPU detected: ${found.reason}.\nEstimates still work for any device: autodoc analyze model.onnx --hardware ID (see \`autodoc hardware list\`).\n`,
    );
    return ExitCode.Ok;
  }
  for (const g of found.gpus) {
    const match = g.device
      ? `${g.device.id} (matched by ${g.matchedBy})`
      : `not in the database${g.candidates.length ? `; candidates: ${g.candidates.join(', ')}` : ''}`;
    io.stdout.write(`GPU ${g.index}: ${g.name}, ${g.memoryMiB === null ? '?' : `${g.memoryMiB} MiB`}, driver ${g.driverVersion ?? '?'} → ${match}\n`);
  }
  return ExitCode.Ok;
}
