"""Exports torchvision's ResNet-18 (random weights, eval mode) to ONNX for the acceptance test.

Usage: python3 export_resnet18.py OUTPUT.onnx
In eval mode the exporter folds each BatchNormalization into the Conv before it, so the file has
20 Conv nodes with biases and no BatchNormalization.
"""
import sys

import torch
import torchvision

model = torchvision.models.resnet18(weights=None).eval()
x = torch.randn(1, 3, 224, 224)
torch.onnx.export(model, x, sys.argv[1], opset_version=13, input_names=["input"], output_names=["logits"])
