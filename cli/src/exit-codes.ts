import { isAutodocError } from '@autodoc/core/errors';

/** Exit codes of DESIGN.md §3. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2, BadModel: 3, Internal: 4 } as const;

const usageCodes = new Set(['USAGE', 'CONFIG_INVALID', 'CONFIG_LOAD_FAILED', 'PLUGIN_NOT_FOUND', 'OPTIONS_INVALID', 'FORMAT_UNKNOWN', 'PLUGIN_REQUIRES_MISSING', 'PLUGIN_REQUIRES_CYCLE', 'PLUGIN_SECTION_CONFLICT', 'HARDWARE_UNKNOWN', 'DEVICE_INVALID']);
const internalCodes = new Set(['PLUGIN_ERROR', 'REPORT_INVALID', 'INTERNAL_ERROR']);

/** Usage/config problems → 2; plugin bugs and unknown throws → 4; everything else about the model → 3. */
export function exitCodeFor(error: unknown): number {
  if (!isAutodocError(error)) return ExitCode.Internal;
  if (usageCodes.has(error.code)) return ExitCode.Usage;
  if (internalCodes.has(error.code)) return ExitCode.Internal;
  return ExitCode.BadModel;
}
