/**
 * Minimised fuzzer findings, kept as regular generator entries so they are replayed forever.
 * Each entry names the seed and mutation that found it and the fix that closed it.
 */
import type { HostileCase } from './types.js';

export function findingCases(): HostileCase[] {
  return [];
}
