/**
 * The benchmark models of issue #10: their files under bench/.models/, how each is made, and the
 * targets autodoc must meet on it. Shared by generate.mjs (makes the files) and run.mjs (times tools).
 */
import { fileURLToPath } from 'node:url';

/** Folder of the generated models (gitignored). */
export const MODELS_DIR = fileURLToPath(new URL('./.models/', import.meta.url));

/** GPT-2 large (36 layers, h 1280, 20 heads): 774,030,080 float parameters = 3.10 GB = 2.88 GiB. */
export const GPT2_LARGE = { layers: 36, hidden: 1280, heads: 20, vocab: 50257, maxPositions: 1024 };

/**
 * One entry per model. `targets` are autodoc's: `wall` seconds and `rss` MB for the full
 * `analyze --json`, `summaryWall`/`summaryRss` for `--summary`. `heavy` models are skipped by --quick.
 */
export const MODELS = [
  {
    id: 'resnet50',
    file: 'resnet50.onnx',
    title: 'ResNet-50 (torchvision, opset 13)',
    targets: { wall: 0.25, rss: 120 },
  },
  {
    id: 'gpt2-medium',
    file: 'gpt2-medium.onnx',
    title: 'GPT-2-medium-sized decoder (24 layers, d 1024, 16 heads, vocab 50257, symbolic batch/seq, one file)',
    targets: { wall: 0.3, rss: 150, peerFactor: 10, floorFactor: 3 },
  },
  {
    // The same network as an exporter writes it (torch 1.13, opset 14): ~3,850 nodes, 1,259 of them
    // Constant, LayerNorm and GELU spelled out; the decoder above has ~900. The GPT-2
    // targets hold for both.
    id: 'gpt2-medium-torch',
    file: 'gpt2-medium-torch.onnx',
    title: 'GPT-2-medium (24 layers, d 1024, 16 heads, vocab 50257) exported by torch.onnx at opset 14, symbolic batch/sequence, one file',
    targets: { wall: 0.3, rss: 150, peerFactor: 10, floorFactor: 3 },
    heavy: true,
  },
  {
    id: 'gpt2-large-external',
    file: 'gpt2-large-external.onnx',
    dataFile: 'gpt2-large-external.onnx.data',
    title: 'GPT-2-large-sized decoder (36 layers, d 1280, 20 heads), weights in one external-data file (2.9 GiB)',
    targets: { wall: 0.3, rss: 100, dataNeverRead: true },
    heavy: true,
  },
  {
    id: 'chain-100k',
    file: 'chain-100k.onnx',
    title: 'Synthetic Add/Mul/Relu chain, 100,000 nodes',
    nodes: 100_000,
    targets: { wall: 0.5, rss: 250 },
  },
  {
    id: 'chain-1m',
    file: 'chain-1m.onnx',
    title: 'Synthetic Add/Mul/Relu chain, 1,000,000 nodes',
    nodes: 1_000_000,
    targets: { wall: 6, rss: 1500, summaryWall: 3, summaryRss: 1000, shapesWall: 3, shapesRss: 1000 },
    heavy: true,
  },
];

/** The models selected by `--quick` and `--only <id>`. */
export function selectModels({ quick = false, only } = {}) {
  if (only && !MODELS.some((m) => m.id === only)) {
    throw new Error(`unknown model '${only}'; one of: ${MODELS.map((m) => m.id).join(', ')}`);
  }
  return MODELS.filter((m) => (only ? m.id === only : !(quick && m.heavy)));
}

/** Parses the flags `--quick`, `--only <id>`, `--runs <n>`, `--no-profile`, `--render` (see run.mjs). */
export function parseArgs(argv) {
  const opts = { quick: false, only: undefined, runs: undefined, profile: true, render: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--no-profile') opts.profile = false;
    else if (a === '--render') opts.render = true;
    else throw new Error(`unknown argument '${a}' (use --quick, --only <model>, --runs <n>, --no-profile, --render)`);
  }
  return opts;
}
