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
