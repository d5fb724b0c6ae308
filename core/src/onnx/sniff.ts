/**
 * Recognises common non-ONNX files by their first bytes, so the user hears "this is a PyTorch
 * checkpoint" rather than "invalid protobuf at byte 3".
 */

/** A recognised non-ONNX format. */
export interface SniffResult {
  /** Short id: zip, pytorch, keras, gzip, png, jpeg, json, text, ort, tflite, safetensors, hdf5, pickle, numpy. */
  readonly format: string;
  /** One line naming the format. */
  readonly message: string;
  /** What to do instead. */
  readonly hint: string;
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return [...s].map((ch) => ch.charCodeAt(0));
}

function contains(b: Uint8Array | undefined, s: string): boolean {
  return b !== undefined && Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(s, 0, 'latin1');
}

const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `head` looks like human-readable text (no control bytes but tab/CR/LF). */
function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/**
 * Names the format of a file from its first bytes (`head`, ideally 64 KiB) and, for zip archives, its
 * last bytes (`tail`, where the central directory lists the member names). Returns undefined when
 * nothing non-ONNX was recognised (the bytes may still be invalid).
 */
export function sniffFormat(head: Uint8Array, fileSize: number, tail?: Uint8Array): SniffResult | undefined {
  if (fileSize === 0 || head.length === 0) {
    return { format: 'empty', message: 'The file is empty (0 bytes).', hint: 'Export or download the model again.' };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const names = (s: string) => contains(head, s) || contains(tail, s);
    if (names('data.pkl') || names('archive/')) {
      return {
        format: 'pytorch',
        message: 'Not an ONNX model: PyTorch checkpoint: convert it with `autodoc convert` (the file is a zip archive with data.pkl).',
        hint: 'Run `autodoc convert` (or torch.onnx.export) on it, then analyse the .onnx file.',
      };
    }
    if (names('config.json') && names('.weights.h5')) {
      return {
        format: 'keras',
        message: 'This is a Keras v3 model archive (.keras zip), not an ONNX model.',
        hint: 'Convert it with `autodoc convert` (or tf2onnx) first.',
      };
    }
    return { format: 'zip', message: 'This is a zip archive, not an ONNX model.', hint: 'Unpack it and pass the .onnx file inside.' };
  }
  if (startsWith(head, [0x1f, 0x8b])) {
    return { format: 'gzip', message: 'This is a gzip-compressed file, not an ONNX model.', hint: 'Decompress it (gunzip) and pass the .onnx file.' };
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { format: 'png', message: 'This is a PNG image, not an ONNX model.', hint: 'Pass the path of the .onnx model file.' };
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    return { format: 'jpeg', message: 'This is a JPEG image, not an ONNX model.', hint: 'Pass the path of the .onnx model file.' };
  }
  if (startsWith(head, ascii('ORTM'), 4)) {
    return {
      format: 'ort',
      message: 'This is an ONNX Runtime ORT-format model (flatbuffer), not an ONNX protobuf.',
      hint: 'Analyse the .onnx model it was converted from.',
    };
  }
  if (startsWith(head, ascii('TFL3'), 4)) {
    return {
      format: 'tflite',
      message: 'This is a TensorFlow Lite model, not an ONNX model.',
      hint: 'Convert it with `autodoc convert` (or tf2onnx --tflite) first.',
    };
  }
  if (startsWith(head, HDF5) || [512, 1024, 2048].some((at) => startsWith(head, HDF5, at))) {
    return {
      format: 'hdf5',
      message: 'This is an HDF5 file (Keras .h5 model or weights), not an ONNX model.',
      hint: 'Convert it with `autodoc convert` (or tf2onnx) first.',
    };
  }
  if (startsWith(head, [0x93, ...ascii('NUMPY')])) {
    return { format: 'numpy', message: 'This is a NumPy .npy array, not an ONNX model.', hint: 'Pass the path of the .onnx model file.' };
  }
  if (head.length >= 9 && head[8] === 0x7b) {
    // safetensors: u64 little-endian header length, then a JSON header starting with '{'.
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const n = view.getBigUint64(0, true);
    if (n > 1n && n <= BigInt(Math.max(0, fileSize - 8))) {
      return {
        format: 'safetensors',
        message: 'This is a safetensors weights file, not an ONNX model.',
        hint: 'It holds weights only; export the model to ONNX (e.g. with optimum) first.',
      };
    }
  }
  if (head[0] === 0x80 && head.length > 1 && head[1] >= 2 && head[1] <= 5) {
    return {
      format: 'pickle',
      message: 'This is a Python pickle (legacy PyTorch checkpoint?), not an ONNX model.',
      hint: 'PyTorch checkpoint: convert it with `autodoc convert` first.',
    };
  }
  // Text: JSON or any printable file. A real ModelProto starts with a control byte (0x08: ir_version).
  let i = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x7b || head[i] === 0x5b) {
    if (looksLikeText(head.subarray(i))) {
      return {
        format: 'json',
        message: 'This is a JSON text file, not an ONNX model.',
        hint: 'Pass the path of the .onnx model file (a config.json is not the model).',
      };
    }
  }
  if (looksLikeText(head)) {
    return {
      format: 'text',
      message: 'This is a text file, not an ONNX model.',
      hint: 'Pass the path of the binary .onnx model file (is this a Git LFS pointer?).',
    };
  }
  return undefined;
}
