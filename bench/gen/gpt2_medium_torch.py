"""Exports a GPT-2-medium network written as Hugging Face's GPT2LMHeadModel computes it (random weights,
no KV cache) with torch.onnx at opset 14: the graph an exporter makes of the model, with its Constant,
Shape and Gather nodes and LayerNorm and GELU spelled out, unlike bench/'s model-builder decoder.

Usage: gpt2_medium_torch.py OUT.onnx. Input 'input_ids' [batch, sequence] (int64), output 'logits'.
"""
import math
import sys

import torch
from torch import nn

LAYERS, WIDTH, HEADS, VOCAB, POSITIONS = 24, 1024, 16, 50257, 1024


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(WIDTH)
        self.ln_2 = nn.LayerNorm(WIDTH)
        self.c_attn = nn.Linear(WIDTH, 3 * WIDTH)
        self.c_proj = nn.Linear(WIDTH, WIDTH)
        self.c_fc = nn.Linear(WIDTH, 4 * WIDTH)
        self.mlp_proj = nn.Linear(4 * WIDTH, WIDTH)
        causal = torch.tril(torch.ones(POSITIONS, POSITIONS, dtype=torch.bool))
        self.register_buffer('causal', causal.view(1, 1, POSITIONS, POSITIONS), persistent=False)

    def heads(self, x):
        b, t, c = x.size()
        return x.view(b, t, HEADS, c // HEADS).permute(0, 2, 1, 3)

    def forward(self, x):
        q, k, v = self.c_attn(self.ln_1(x)).split(WIDTH, dim=2)
        q, k, v = self.heads(q), self.heads(k), self.heads(v)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(v.size(-1))
        t = q.size(-2)
        lowest = torch.tensor(torch.finfo(scores.dtype).min, dtype=scores.dtype)
        scores = torch.where(self.causal[:, :, :t, :t], scores, lowest)
        attended = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3).contiguous()
        x = x + self.c_proj(attended.view(attended.size(0), attended.size(1), -1))
        h = self.c_fc(self.ln_2(x))
        h = 0.5 * h * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * torch.pow(h, 3.0))))
        return x + self.mlp_proj(h)


class GPT2(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, WIDTH)
        self.wpe = nn.Embedding(POSITIONS, WIDTH)
        self.blocks = nn.ModuleList([Block() for _ in range(LAYERS)])
        self.ln_f = nn.LayerNorm(WIDTH)

    def forward(self, ids):
        positions = torch.arange(0, ids.size(-1), dtype=torch.long).unsqueeze(0)
        x = self.wte(ids) + self.wpe(positions)
        for block in self.blocks:
            x = block(x)
        return torch.matmul(self.ln_f(x), self.wte.weight.t())  # tied embedding, as GPT-2's LM head


out = sys.argv[1]
torch.manual_seed(0)
model = GPT2().eval()
with torch.no_grad():
    torch.onnx.export(
        model,
        (torch.zeros(1, 8, dtype=torch.long),),
        out,
        opset_version=14,
        input_names=['input_ids'],
        output_names=['logits'],
        dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'logits': {0: 'batch', 1: 'sequence'}},
    )
print(f'wrote {out}')
