/**
 * The streaming ONNX reader: {@link readModel} decodes a model positionally from its file (weights
 * recorded by offset, never read), {@link readTensorValues} reads a small tensor on demand.
 */
export { readModel } from './read-model.js';
export { readTensorValues } from './tensor-values.js';
export type { ReadTensorValuesOptions } from './tensor-values.js';
export { DTYPES, DataType, dataTypeName, dtypeByName, dtypeInfo, storageBytes } from './dtypes.js';
export type { DTypeInfo } from './dtypes.js';
export { sniffFormat } from './sniff.js';
export type { SniffResult } from './sniff.js';
export { MAX_PROTO_DEPTH, MAX_SUBGRAPH_DEPTH } from './decoder.js';
export type * from './types.js';
