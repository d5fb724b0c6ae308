"""Peer: onnx.checker.check_model given the path (the form that also works for > 2 GB models)."""
import sys

import onnx

onnx.checker.check_model(sys.argv[1])
print('ok')
