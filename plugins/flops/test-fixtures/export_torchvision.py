"""Exports torchvision classics to ONNX for the FLOPs/params acceptance tests (issue #5).

Usage: python3 export_torchvision.py OUT_DIR [MODEL ...]

Each model is built with random weights (weights=None), put in eval mode (so the exporter folds
BatchNorm into the preceding convolutions) and exported at opset 13 with a 1x3x224x224 input; a model
the exporter cannot write at opset 13 is retried at the next opsets up to 17. Then this script counts
the float initializer elements of the written file with the `onnx` package, independently of ONNX
Autodoc, and prints one JSON object on stdout:
{"models": {name: {"path", "opset", "floatInitializerElements", "torchParams", "batchNormNodes",
"batchNormChannels", "dedupedElements"}}}: `batchNormChannels` sums num_features of the torch model's
BatchNorm layers (folding removes their weight and bias, 2 per channel, and gives the bias-less conv
before each a bias, 1 per channel); `dedupedElements` counts elements of initializers the exporter
stored once for several identical tensors (torch 1.13 deduplicates equal initializers and re-reads
them through Identity nodes: with fresh BatchNorm statistics every folded bias is all zeros).
"""
import json
import os
import sys

import onnx
import torch
import torchvision

FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE, onnx.TensorProto.BFLOAT16}


def export(name, out_dir):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None).eval()
    x = torch.randn(1, 3, 224, 224)
    path = os.path.join(out_dir, f"{name}.onnx")
    last_error = None
    for opset in range(13, 18):
        try:
            # Not under torch.no_grad(): with gradients enabled, nn.MultiheadAttention (vit_b_16) takes
            # its plain path instead of the fused aten::_native_multi_head_attention kernel, which
            # torch 1.13's exporter cannot write at any opset.
            torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["logits"], do_constant_folding=True)
            break
        except Exception as error:  # the exporter lacks a symbolic at this opset: try the next
            last_error = error
    else:
        raise RuntimeError(f"{name}: export failed at opsets 13-17: {last_error}")
    proto = onnx.load(path)
    sizes = {}
    for t in proto.graph.initializer:
        if t.data_type in FLOAT_TYPES:
            n = 1
            for d in t.dims:
                n *= d
            sizes[t.name] = n
    elements = sum(sizes.values())
    return {
        "path": path,
        "opset": opset,
        "floatInitializerElements": elements,
        "torchParams": sum(p.numel() for p in model.parameters()),
        "batchNormNodes": sum(1 for node in proto.graph.node if node.op_type == "BatchNormalization"),
        "batchNormChannels": sum(m.num_features for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)),
        "dedupedElements": sum(sizes[node.input[0]] for node in proto.graph.node if node.op_type == "Identity" and node.input[0] in sizes),
    }


def main():
    out_dir = sys.argv[1]
    names = sys.argv[2:] or ["resnet18", "mobilenet_v2", "vit_b_16"]
    os.makedirs(out_dir, exist_ok=True)
    result = {name: export(name, out_dir) for name in names}
    json.dump({"models": result}, sys.stdout)


if __name__ == "__main__":
    main()
