import { AutodocError, type Diagnostic } from '@autodoc/core';
import { type DetectResult, type Device, detectGpus, requireDevice } from '@autodoc/hardware-db';

const PLUGIN = 'autodoc:hardware-estimates';

export type Selection =
  | { readonly device: Device; readonly selectedBy: 'option' | 'detected'; readonly diagnostics: readonly Diagnostic[]; readonly detectedCount?: number }
  | { readonly device: undefined; readonly diagnostics: readonly Diagnostic[] };

/**
 * Resolves `--hardware`: an id or alias (unknown → HARDWARE_UNKNOWN, a usage error), `auto` (the first
 * GPU nvidia-smi lists, matched against the pool), or nothing (an info diagnostic; no section).
 */
export async function selectDevice(
  hardware: string | undefined,
  devices: readonly Device[],
  detect: () => Promise<DetectResult> = () => detectGpus({ devices }),
): Promise<Selection> {
  if (hardware === undefined || hardware === '') {
    return {
      device: undefined,
      diagnostics: [
        {
          code: 'HARDWARE_NOT_SELECTED',
          severity: 'info',
          plugin: PLUGIN,
          message: 'No --hardware given: the report has no hardware estimates.',
          hint: 'Pass --hardware ID (see `autodoc hardware list`) or --hardware auto to detect the local GPU.',
        },
      ],
    };
  }
  if (hardware.toLowerCase() === 'auto') {
    const found = await detect();
    if (!found.available) {
      return {
        device: undefined,
        diagnostics: [
          {
            code: 'HARDWARE_NOT_SELECTED',
            severity: 'info',
            plugin: PLUGIN,
            message: `--hardware auto found no GPU: ${found.reason}. The report has no hardware estimates.`,
            hint: 'Pass --hardware ID to estimate for a device you do not have here (`autodoc hardware list`).',
          },
        ],
      };
    }
    const first = found.gpus[0];
    if (!first.device) {
      return {
        device: undefined,
        diagnostics: [
          {
            code: 'HARDWARE_NOT_SELECTED',
            severity: 'warning',
            plugin: PLUGIN,
            message: `--hardware auto detected "${first.name}", which the hardware database does not know${first.candidates.length ? ` for sure (candidates: ${first.candidates.join(', ')})` : ''}.`,
            hint: 'Pass --hardware with one of the candidate ids, or describe the GPU with defineDevice in autodoc.config.ts.',
          },
        ],
      };
    }
    return { device: first.device, selectedBy: 'detected', diagnostics: [], detectedCount: found.gpus.length };
  }
  try {
    return { device: requireDevice(hardware, devices), selectedBy: 'option', diagnostics: [] };
  } catch (error) {
    const e = error as { message?: string; hint?: string };
    throw new AutodocError('HARDWARE_UNKNOWN', e.message ?? `Unknown hardware "${hardware}".`, e.hint ?? 'Run `autodoc hardware list` for all ids.');
  }
}
