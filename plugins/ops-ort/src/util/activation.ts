/**
 * FLOPs per element of the activations ONNX Runtime fuses into FusedConv/FusedGemm/NhwcFusedConv:
 * Relu, Tanh, Sigmoid, LeakyRelu and Clip count 1 (one primitive each), HardSigmoid 3 (α·x, + β, clip).
 */
const ACTIVATION_FLOPS: Readonly<Record<string, number>> = {
  Relu: 1,
  Tanh: 1,
  Sigmoid: 1,
  LeakyRelu: 1,
  Clip: 1,
  HardSigmoid: 3,
};

/** FLOPs per output element of a fused activation; an unlisted name counts 1 and says so. */
export function activationFlops(name: string | undefined): { perElement: number; note?: string } {
  if (!name) return { perElement: 0 };
  const known = ACTIVATION_FLOPS[name];
  if (known !== undefined) return { perElement: known };
  return { perElement: 1, note: `fused activation "${name}" counted as 1 FLOP per element` };
}

export const ACTIVATION_NOTE = 'Fused activation per output element: Relu, Tanh, Sigmoid, LeakyRelu, Clip 1; HardSigmoid 3 (another name: 1, with a note).';
