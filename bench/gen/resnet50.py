"""Exports torchvision's ResNet-50 (random weights, eval mode) to ONNX at opset 13.

Usage: resnet50.py OUT.onnx. The batch dimension is symbolic ('batch'); input 'input' [batch, 3, 224, 224].
"""
import sys

import torch
import torchvision

out = sys.argv[1]
model = torchvision.models.resnet50().eval()
x = torch.randn(1, 3, 224, 224)
with torch.no_grad():
    torch.onnx.export(
        model,
        x,
        out,
        opset_version=13,
        input_names=['input'],
        output_names=['logits'],
        dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}},
    )
print(f'wrote {out}')
