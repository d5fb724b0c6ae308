"""Peer: onnx.load(path, load_external_data=False)."""
import sys

import onnx

m = onnx.load(sys.argv[1], load_external_data=False)
print(len(m.graph.node))
