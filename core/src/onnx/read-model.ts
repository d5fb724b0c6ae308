/**
 * readModel: decodes a whole ModelProto positionally, in chunks, from the file. Weight payloads are
 * recorded by offset and never read; external data is only stat'ed. Memory stays bounded by the
 * window (16 MiB by default) plus the decoded graph, whatever the file size.
 */
import type { Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { type DecodeContext, decodeStream } from './decoder.js';
import { checkExternalData } from './external.js';
import { DEFAULT_CHUNK_BYTES, FileWindow } from './file-window.js';
import { MODEL, newModelDraft } from './msg-model.js';
import { sniffFormat } from './sniff.js';
import type { OnnxModel, ReadOptions } from './types.js';
import { Warnings } from './warnings.js';

const SNIFF_BYTES = 64 * 1024;

async function statModel(path: string): Promise<number> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AutodocError('FILE_NOT_FOUND', `Cannot read the model file '${path}' (${code ?? 'error'}).`, 'Check the path and the file permissions.', {
      cause: e,
    });
  }
  // Never open a FIFO or device: open() could block forever.
  if (!st.isFile()) {
    const kind = st.isDirectory() ? 'a directory' : 'not a regular file';
    throw new AutodocError('FILE_NOT_FOUND', `The model path '${path}' is ${kind}.`, 'Pass the path of the .onnx file itself.');
  }
  return st.size;
}

async function sniff(fh: FileHandle, size: number): Promise<void> {
  const headLen = Math.min(SNIFF_BYTES, size);
  const head = Buffer.allocUnsafe(headLen);
  if (headLen > 0) await fh.read(head, 0, headLen, 0);
  let tail: Buffer | undefined;
  if (headLen >= 4 && head[0] === 0x50 && head[1] === 0x4b && size > SNIFF_BYTES) {
    tail = Buffer.allocUnsafe(Math.min(SNIFF_BYTES, size));
    await fh.read(tail, 0, tail.length, size - tail.length);
  }
  const found = sniffFormat(head, size, tail);
  if (found) throw new AutodocError('FILE_NOT_ONNX', found.message, found.hint);
}

/** Newest IR version onnx.proto defines (IR 13 ships with ONNX 1.20). */
export const MAX_KNOWN_IR_VERSION = 13;

/** Missing or out-of-range versions are warnings: the model is still analysed with the nearest rules. */
function checkVersions(irVersion: number | undefined, opsets: Record<string, number>, warnings: Warnings): void {
  // A model may import only other domains (training ops): only an empty opset_import is missing.
  const noOpset = Object.keys(opsets).length === 0;
  if (irVersion === undefined || noOpset) {
    const what = irVersion === undefined ? (noOpset ? 'no ir_version and no opset_import' : 'no ir_version') : 'no opset_import';
    warnings.add('MODEL_VERSION_MISSING', `The model declares ${what}; the latest known rules are used.`, 'Re-export the model with a current exporter (it writes both).');
  }
  if (irVersion !== undefined && (irVersion < 1 || irVersion > MAX_KNOWN_IR_VERSION)) {
    warnings.add('MODEL_VERSION_UNKNOWN', `The model declares ir_version ${irVersion}, outside 1–${MAX_KNOWN_IR_VERSION}; it is read with the newest known field numbers.`, 'A newer ONNX may add fields this tool ignores; check for an update.');
  }
  for (const domain in opsets) {
    if (opsets[domain] < 1) {
      warnings.add('MODEL_VERSION_UNKNOWN', 'Some opset imports declare a version below 1; the oldest known rules are used for them.', 'Re-export the model with a valid opset_import.', 'opset-below-1');
    }
  }
}

/**
 * Reads an ONNX model. Throws AutodocError: FILE_NOT_FOUND, FILE_NOT_ONNX (another format, named),
 * MODEL_TRUNCATED, MODEL_INVALID, RESOURCE_LIMIT, EXTERNAL_DATA_OUTSIDE_FOLDER, EXTERNAL_DATA_INVALID.
 *
 * @example
 * ```ts
 * const model = await readModel('gpt2.onnx');
 * console.log(model.graph.nodes.length, model.graph.initializers[0].payload);
 * ```
 */
export async function readModel(path: string, options: ReadOptions = {}): Promise<OnnxModel> {
  const size = await statModel(path);
  if (options.maxFileBytes !== undefined && size > options.maxFileBytes) {
    throw new AutodocError(
      'RESOURCE_LIMIT',
      `The model file is ${size} bytes, more than the limit of ${options.maxFileBytes}.`,
      'Raise the file size limit if this model is expected.',
    );
  }
  if (size === 0) throw new AutodocError('FILE_NOT_ONNX', 'The file is empty (0 bytes).', 'Export or download the model again.');
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new AutodocError(
      'FILE_NOT_FOUND',
      `Cannot open the model file '${path}' (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check the file permissions.',
      { cause: e },
    );
  }
  try {
    await sniff(fh, size);
    // At least 32 bytes: a field key plus a length or scalar (≤ 15 bytes) must fit one window.
    const chunk = Math.max(32, Math.floor(options.chunkBytes ?? DEFAULT_CHUNK_BYTES));
    const warnings = new Warnings();
    const ctx: DecodeContext = {
      win: new FileWindow(fh, size, chunk, options.budget ? () => options.budget?.check('reading the model') : undefined),
      fileSize: size,
      warnings,
      graphDepth: 0,
      externals: new Map(),
      onInvalidUtf8: () =>
        warnings.add(
          'MODEL_INVALID_UTF8',
          'Some strings in the model are not valid UTF-8; invalid bytes were replaced by U+FFFD.',
          'Names and doc strings must be UTF-8; re-export the model.',
        ),
    };
    const draft = newModelDraft();
    decodeStream(ctx, MODEL, draft, 0, size, 0);
    if (!draft.graph) {
      const what = draft.knownFields === 0 ? 'no ModelProto field was recognised' : 'it has no graph';
      throw new AutodocError(
        'MODEL_INVALID',
        `Not an ONNX model: the file parses as protobuf but ${what}.`,
        'This may be a protobuf of another schema (a TensorFlow .pb, a TensorProto); pass an ONNX ModelProto.',
      );
    }
    checkVersions(draft.irVersion, draft.opsetImports, warnings);
    await checkExternalData(ctx.externals.values(), dirname(path), options.allowExternalRoots ?? [], warnings);
    return {
      path,
      fileBytes: size,
      ...(draft.irVersion !== undefined ? { irVersion: draft.irVersion } : {}),
      opsetImports: draft.opsetImports,
      producerName: draft.producerName,
      producerVersion: draft.producerVersion,
      domain: draft.domain,
      ...(draft.modelVersion !== undefined ? { modelVersion: draft.modelVersion } : {}),
      docString: draft.docString,
      metadata: draft.metadata,
      graph: draft.graph,
      functions: draft.functions,
      warnings: warnings.list(),
    };
  } finally {
    await fh.close();
  }
}
