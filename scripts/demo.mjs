#!/usr/bin/env node
// `npm run demo`: generates the bundled example model with our own model builder, then analyses it
// with the CLI into ./autodoc-report/ in every report format this install has. A format whose system
// dependency is missing (PDF needs Chromium) is skipped with a line that says how to get it.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformerEncoder } from '@autodoc/core/testing';
import { main } from '../cli/dist/main.js';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const modelDir = path.join(root, 'examples', 'models');
mkdirSync(modelDir, { recursive: true });
const modelPath = path.join(modelDir, 'demo-encoder.onnx');

// A small BERT-like encoder with symbolic batch and sequence: 2 layers, hidden 64, 4 heads.
const builder = transformerEncoder({ layers: 2, hidden: 64, heads: 4, intermediate: 256, vocab: 1000, maxPositions: 128, opset: 17 });
await builder.write(modelPath);
console.log(`demo: wrote ${path.relative(root, modelPath)}`);

const wanted = ['json', 'markdown', 'html', 'pdf'];
const formats = [];
for (const format of wanted) {
  const skip = await skipReason(format);
  if (skip) console.log(`demo: skipping ${format}: ${skip}`);
  else formats.push(format);
}
const outDir = path.join(root, 'autodoc-report');
const code = await main(['node', 'autodoc', 'analyze', modelPath, '--format', formats.join(','), '--out-dir', outDir, '--dim', 'batch=1', '--dim', 'sequence=128']);
if (code === 0) console.log(`demo: report written to ${path.relative(root, outDir)}/ (${formats.join(', ')})`);
process.exitCode = code;

async function skipReason(format) {
  const installed = existsSync(path.join(root, 'plugins', `format-${format}`, 'dist', 'index.js'));
  if (!installed) return `the @autodoc/format-${format} plugin is not part of this build yet`;
  if (format === 'pdf') {
    const { findChromium } = await import('@autodoc/core');
    if (!findChromium()) return 'Chromium is not installed (run `bash .ci/setup-system`)';
  }
  return undefined;
}
