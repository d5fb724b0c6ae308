import { coreml } from './coreml.js';
import { ortMobile } from './ort-mobile.js';
import type { RuntimeSupport } from './runtime.js';
import { tensorrt } from './tensorrt.js';
import { tflite } from './tflite.js';

/** Every runtime list, by the id used in the `runtimes` option. */
export const runtimes: Readonly<Record<string, RuntimeSupport>> = Object.freeze({
  tensorrt,
  'ort-mobile': ortMobile,
  coreml,
  tflite,
});

export type { RuntimeSupport } from './runtime.js';
