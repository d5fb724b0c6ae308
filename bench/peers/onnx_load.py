"""Peer: onnx.load(path) (external data loaded too, the default)."""
import sys

import onnx

m = onnx.load(sys.argv[1])
print(len(m.graph.node))
