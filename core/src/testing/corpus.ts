import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * The shared conformance corpus lives beside the repository (`../shared/corpus`). Tests that need it
 * call `corpus()`: it returns the folder, or undefined after printing a visible skip message.
 */
// The repository root is the folder above core/ (found by package name: works from src, dist and bundle).
const repoRoot = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@autodoc/core/package.json')), '..');
export const corpusDir = process.env.AUTODOC_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');

export function corpus(): string | undefined {
  if (existsSync(path.join(corpusDir, 'README.md'))) return corpusDir;
  console.warn(`SKIPPED: the ONNX conformance corpus is absent (expected at ../shared/corpus); corpus tests are skipped`);
  return undefined;
}

export function readCorpusJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(path.join(corpusDir, relative), 'utf8')) as T;
}
