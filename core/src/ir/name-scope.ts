import { decodeUtf8 } from '../onnx/text.js';

const SLASH = 0x2f;
/** Names were validated when decoded: nothing to report here. */
const ignoreInvalid = (): void => {};

/**
 * The exporter's name scope of a node: PyTorch names nodes `/encoder/layer.0/attention/self/MatMul`
 * and TF `model/conv1/Conv2D`; the scope is everything before the last segment, without the leading
 * slash. Names without a separator have the root scope ''.
 */
export function nameScope(nodeName: string): string {
  const end = nodeName.lastIndexOf('/');
  if (end <= 0) return '';
  const start = nodeName.startsWith('/') ? 1 : 0;
  return nodeName.slice(start, end);
}

/**
 * `nameScope` of the name whose UTF-8 bytes are `buf[start, end)`, without decoding the name: a
 * chain of unscoped names makes no string at all. Byte 0x2F is '/' wherever it appears in UTF-8.
 */
export function nameScopeOfBytes(buf: Buffer, start: number, end: number): string {
  let last = end - 1;
  while (last >= start && buf[last] !== SLASH) last--;
  if (last <= start) return '';
  return decodeUtf8(buf, buf[start] === SLASH ? start + 1 : start, last, ignoreInvalid);
}
