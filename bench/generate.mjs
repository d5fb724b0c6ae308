#!/usr/bin/env node
/**
 * Writes the benchmark models into bench/.models/ (gitignored). Idempotent: a model whose files exist
 * is skipped. Each model is written into a scratch folder first and moved into place when complete,
 * so an interrupted run never leaves a half-written file that a later run would take as done.
 * A model whose generator is unavailable (no Python with torch for ResNet-50) is skipped with a line
 * saying why; the runner then reports it as missing.
 *
 * Usage: node bench/generate.mjs [--quick] [--only <model>]   (needs `npm run build` first)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPython } from '@autodoc/core';
import { GPT2_MEDIUM, chain, gptDecoder } from '@autodoc/core/testing';
import { writeExternalDecoder } from './external-decoder.mjs';
import { GPT2_LARGE, MODELS_DIR, parseArgs, selectModels } from './models.mjs';

/** A model that `gen/<script> OUT.onnx` writes, with a Python that can import `modules`. */
function exportedByPython(script, modules, install) {
  return {
    available() {
      const python = findPython(modules);
      return python ? { python } : { reason: `no Python that can import ${modules.join(' and ')} (set AUTODOC_PYTHON; ${install})` };
    },
    async write(dir, model, { python }) {
      const file = new URL(`./gen/${script}`, import.meta.url);
      execFileSync(python, [file.pathname, join(dir, model.file)], { stdio: ['ignore', 'ignore', 'inherit'] });
    },
  };
}

/** How to write each model's files into `dir` (file names as in models.mjs). */
const GENERATORS = {
  resnet50: exportedByPython('resnet50.py', ['torch', 'torchvision'], 'Debian python3-torchvision'),
  'gpt2-medium': {
    async write(dir, model) {
      await gptDecoder(GPT2_MEDIUM).write(join(dir, model.file));
    },
  },
  'gpt2-medium-torch': exportedByPython('gpt2_medium_torch.py', ['torch'], 'Debian python3-torch'),
  'gpt2-large-external': {
    async write(dir, model) {
      await writeExternalDecoder(join(dir, model.file), GPT2_LARGE, model.dataFile);
    },
  },
  'chain-100k': {
    async write(dir, model) {
      await chain(model.nodes).write(join(dir, model.file));
    },
  },
  'chain-1m': {
    async write(dir, model) {
      await chain(model.nodes).write(join(dir, model.file));
    },
  },
};

/** Files a model consists of. */
function filesOf(model) {
  return model.dataFile ? [model.file, model.dataFile] : [model.file];
}

/**
 * Makes the selected models that are missing. Returns `{ id: 'exists' | 'written' | 'skipped: why' }`.
 */
export async function generate(opts = {}) {
  mkdirSync(MODELS_DIR, { recursive: true });
  const status = {};
  for (const model of selectModels(opts)) {
    if (filesOf(model).every((f) => existsSync(join(MODELS_DIR, f)))) {
      status[model.id] = 'exists';
      console.log(`generate: ${model.id} exists`);
      continue;
    }
    const gen = GENERATORS[model.id];
    const avail = gen.available ? gen.available() : {};
    if (avail.reason) {
      status[model.id] = `skipped: ${avail.reason}`;
      console.log(`generate: ${model.id} SKIPPED — ${avail.reason}`);
      continue;
    }
    const scratch = join(MODELS_DIR, `.partial-${model.id}`);
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const t0 = performance.now();
    await gen.write(scratch, model, avail);
    for (const f of filesOf(model)) renameSync(join(scratch, f), join(MODELS_DIR, f));
    rmSync(scratch, { recursive: true, force: true });
    status[model.id] = 'written';
    console.log(`generate: ${model.id} written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return status;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await generate(parseArgs(process.argv.slice(2)));
}
