/**
 * Stages of the `analyze` hook, run in ascending order (one staged hook instead of many hooks; gaps
 * leave room for third-party stages such as `Stage.Count + 10`).
 */
export const Stage = Object.freeze({
  /** dtypes and shapes of every value (writes the IR; the IR is frozen after it). */
  Shapes: -100,
  /** The block tree from name scopes and structure. */
  Structure: -50,
  /** Params, MACs/FLOPs, bytes per node, summed by op type and block. */
  Count: 0,
  /** Memory, KV cache. */
  Derive: 100,
  /** Hardware estimates (needs Derive and a device). */
  Estimate: 150,
  Patterns: 200,
  Risks: 300,
  Summarize: 1000,
});

export type StageName = keyof typeof Stage;

export function stageName(stage: number): string {
  const found = Object.entries(Stage).find(([, v]) => v === stage);
  return found ? found[0] : String(stage);
}
