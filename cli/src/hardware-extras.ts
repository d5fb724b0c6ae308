// Kept apart from hardware-command.ts so `analyze` does not load the device database to read its flags.
/** The analyze flags this command family owns, as `RunOptions.extras.hardware` (undefined when none is set). */
export function hardwareExtras(flags: {
  deploymentTarget?: string;
  targetLatencyMs?: number;
  targetThroughput?: number;
  sweepBatch?: number[];
  sweepDim?: Record<string, number[]>;
}): Record<string, unknown> | undefined {
  const extras = {
    ...(flags.deploymentTarget ? { deploymentTarget: flags.deploymentTarget } : {}),
    ...(flags.targetLatencyMs !== undefined ? { targetLatencyMs: flags.targetLatencyMs } : {}),
    ...(flags.targetThroughput !== undefined ? { targetThroughput: flags.targetThroughput } : {}),
    ...(flags.sweepBatch ? { sweepBatch: flags.sweepBatch } : {}),
    ...(flags.sweepDim ? { sweepDims: flags.sweepDim } : {}),
  };
  return Object.keys(extras).length > 0 ? extras : undefined;
}
