import { type FileHandle, open } from 'node:fs/promises';
import { readTensorValues } from '../onnx/index.js';
import type { OnnxModel, OnnxTensor } from '../onnx/types.js';

type Contents = readonly (number | bigint)[] | undefined;

/** Tensors up to this many elements are remembered once read (shape constants, scales, axes). */
const REMEMBER_UP_TO = 64;

/** `AnalysisContext.readInitializer` for one run, and the file it keeps open until `close`. */
export interface InitializerReader {
  read(tensor: OnnxTensor, maxElements: number): Promise<Contents>;
  close(): Promise<void>;
}

/**
 * Several plugins read the same small constants (the Shapes stage for its shape arithmetic, the
 * patterns plugin for head counts and scales), thousands of them in a deep model, and each read
 * used to open and close the model file: a 53k-node decoder's patterns stage spent ~0.3 s on it.
 * The file is opened once for the run, and tiny tensors are read once and shared, frozen (their
 * contents do not depend on the limit asked, only whether they are read at all).
 */
export function initializerReader(model: OnnxModel): InitializerReader {
  const remembered = new WeakMap<OnnxTensor, Promise<Contents>>();
  let file: Promise<FileHandle> | undefined;
  const readOnce = async (tensor: OnnxTensor, maxElements: number): Promise<Contents> => {
    // External data is read from its own file; only inline payloads use the model file.
    const modelFile = tensor.external ? undefined : await (file ??= open(model.path, 'r'));
    return readTensorValues(model, tensor, { maxElements, modelFile });
  };
  return {
    read(tensor, maxElements) {
      const n = tensor.elementCount;
      if (n < 0 || n > maxElements) return Promise.resolve(undefined);
      if (n > REMEMBER_UP_TO) return readOnce(tensor, maxElements);
      let contents = remembered.get(tensor);
      if (!contents) {
        contents = readOnce(tensor, maxElements).then((values) => values && Object.freeze(values));
        remembered.set(tensor, contents);
      }
      return contents;
    },
    async close() {
      const opened = file;
      file = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
