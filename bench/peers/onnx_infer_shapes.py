"""Peer: onnx.shape_inference.infer_shapes_path(path, out); the inferred model goes to a temporary
folder that is removed afterwards."""
import os
import shutil
import sys
import tempfile

import onnx

tmp = tempfile.mkdtemp(prefix='autodoc-bench-')
try:
    onnx.shape_inference.infer_shapes_path(sys.argv[1], os.path.join(tmp, 'inferred.onnx'))
finally:
    shutil.rmtree(tmp, ignore_errors=True)
print('ok')
