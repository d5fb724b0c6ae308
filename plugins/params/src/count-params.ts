import { type AnalysisContext, blockOf, countJson, dataTypeName, dtypeByName, type Node, nodesOfType, storageBytes, type Value, walkAllGraphs } from '@autodoc/core';
import type { ParamsSection } from './params-section.js';
import { hasRoleSlots, type Role, roleOf, slotRole } from './roles.js';
import { weightOwner } from './weight-owner.js';

const MAX_SHAPE_ELEMENTS = 65_536;

class Tally {
  readonly map = new Map<string, number>();
  add(key: string, n: number): void {
    this.map.set(key, (this.map.get(key) ?? 0) + n);
  }
  json(): Record<string, number | string> {
    return Object.fromEntries([...this.map].map(([k, v]) => [k, countJson(v)]));
  }
}

/**
 * Counts parameters per docs/definitions.md: every initializer of every graph once (shared ones
 * listed), classified by role; plus weights ConstantOfShape materialises from constant shapes.
 */
export async function countParams(ctx: AnalysisContext): Promise<ParamsSection> {
  let total = 0;
  let bnStats = 0;
  let allCount = 0;
  let allElements = 0;
  let allBytes = 0;
  let intCount = 0;
  let intElements = 0;
  let intBytes = 0;
  let constantOfShapeElements = 0;
  const quantized = { weightElements: 0, scaleElements: 0, zeroPointElements: 0 };
  const byOp = new Tally();
  const byBlock = new Tally();
  const byDtype = new Tally();
  const bytesByDtype = new Tally();
  const byScheme = new Tally();
  const shared: ParamsSection['shared'] = [];
  const notes: string[] = [];
  const perNode = new Map<Node, number>();

  const credit = (owner: Node | undefined, elements: number, dtype: string) => {
    total += elements;
    byDtype.add(dtype, elements);
    if (!owner) return;
    byOp.add(owner.domain === 'ai.onnx' ? owner.opType : `${owner.domain}::${owner.opType}`, elements);
    byBlock.add(blockOf(ctx, owner), elements);
    perNode.set(owner, (perNode.get(owner) ?? 0) + elements);
  };

  for (const graph of walkAllGraphs(ctx.graph)) {
    const slotsMatter = hasRoleSlots(graph);
    for (const value of graph.initializers) {
      const tensor = value.initializer;
      if (!tensor) continue;
      const dtype = dataTypeName(tensor.dataType);
      const elements = Math.max(0, tensor.elementCount);
      const bytes = storageBytes(tensor.dataType, elements) ?? 0;
      allCount++;
      allElements += elements;
      allBytes += bytes;
      const distinctConsumers = distinctCount(value.consumers);
      const role: Role = roleOf(value, dtype, slotsMatter);
      if (distinctConsumers > 1 && (role === 'weight' || role === 'quantizedWeight')) shared.push({ name: value.name, elements: countJson(elements), consumers: distinctConsumers });
      switch (role) {
        case 'weight':
          credit(weightOwner(value), elements, dtype);
          bytesByDtype.add(dtype, bytes);
          break;
        case 'quantizedWeight': {
          const owner = weightOwner(value);
          const logical = owner?.opType === 'MatMulNBits' ? nBitsElements(owner) ?? elements : elements;
          quantized.weightElements += logical;
          byScheme.add(owner?.opType === 'MatMulNBits' ? `MatMulNBits int${owner.attributes.get('bits')?.i ?? 4}` : `${dtype} ${value.consumers[0]?.opType ?? ''}`.trim(), logical);
          credit(owner, logical, owner?.opType === 'MatMulNBits' ? `INT${owner.attributes.get('bits')?.i ?? 4}` : dtype);
          bytesByDtype.add(dtype, bytes);
          break;
        }
        case 'scale':
          quantized.scaleElements += elements;
          break;
        case 'zeroPoint':
          quantized.zeroPointElements += elements;
          break;
        case 'batchNormStatistic':
          bnStats += elements;
          break;
        case 'integerConstant':
        case 'unused':
          if (dtypeByName(dtype)?.isFloat) {
            // An unused float initializer is still stored weight data; the risks plugin flags it.
            credit(undefined, elements, dtype);
            bytesByDtype.add(dtype, bytes);
          } else {
            intCount++;
            intElements += elements;
            intBytes += bytes;
          }
          break;
      }
    }
  }

  // Weights that ConstantOfShape materialises from a constant shape (light ONNX test models store
  // their weights that way): they are weights the runtime allocates, so they count.
  let constantNodeElements = 0;
  let materialisedBytes = 0;
  for (const graph of walkAllGraphs(ctx.graph)) {
    for (const node of nodesOfType(graph, 'Constant')) {
      const t = node.attributes.get('value')?.t;
      if (t && dtypeByName(dataTypeName(t.dataType))?.isFloat) constantNodeElements += Math.max(0, t.elementCount);
    }
  }
  // In the order of ctx.allNodes() (graph after graph), which orders the tallies' keys.
  for (const node of walkAllGraphs(ctx.graph).flatMap((graph) => nodesOfType(graph, 'ConstantOfShape'))) {
    const shapeTensor = node.inputs[0]?.initializer;
    const out = node.outputs[0];
    if (!shapeTensor || !out) continue;
    const shape = await ctx.readInitializer(shapeTensor, MAX_SHAPE_ELEMENTS);
    // An impossible shape (negative dims) materialises nothing; the shapes plugin already warns.
    if (!shape || shape.some((d) => Number(d) < 0)) continue;
    const elements = shape.reduce<number>((acc, d) => acc * Number(d), 1);
    const fill = node.attributes.get('value')?.t;
    const dtype = fill ? dataTypeName(fill.dataType) : 'FLOAT';
    const isStat = out.consumers.some((c) => c.inputs.some((input, i) => input === out && slotRole(c, i) === 'batchNormStatistic'));
    const bytes = storageBytes(dtypeByName(dtype)?.code ?? 1, elements) ?? 0;
    materialisedBytes += bytes;
    if (isStat) {
      bnStats += elements;
    } else {
      constantOfShapeElements += elements;
      credit(weightOwner(out), elements, dtype);
      bytesByDtype.add(dtype, bytes);
    }
  }
  if (constantOfShapeElements > 0) notes.push(`${countJson(constantOfShapeElements)} weight elements are materialised at run time by ConstantOfShape from constant shapes; they are counted as parameters.`);
  if (bnFolded(ctx)) notes.push('No BatchNormalization nodes remain while convolutions carry biases: the exporter (PyTorch in eval mode) folded BatchNorm into the conv weights, so the count is lower than the framework\'s parameter count by the BatchNorm weights and higher by the new conv biases.');
  notes.push(...transposedCopies(ctx));

  for (const [node, params] of perNode) ctx.layers.set(node, { params });
  return {
    total: countJson(total),
    byOpType: byOp.json(),
    byBlock: byBlock.json(),
    byDtype: byDtype.json(),
    batchNormStatistics: countJson(bnStats),
    shared,
    quantized: { weightElements: countJson(quantized.weightElements), scaleElements: countJson(quantized.scaleElements), zeroPointElements: countJson(quantized.zeroPointElements), byScheme: byScheme.json() },
    constantOfShapeElements: countJson(constantOfShapeElements),
    allInitializers: { count: allCount, elements: countJson(allElements), bytes: countJson(allBytes) },
    integerConstants: { count: intCount, elements: countJson(intElements), bytes: countJson(intBytes) },
    constantNodeElements: countJson(constantNodeElements),
    residentBytes: countJson(allBytes + materialisedBytes),
    weightBytesByDtype: bytesByDtype.json(),
    notes,
  };
}

/** MatMulNBits stores B packed as uint8 blocks; its logical weight is N × K (attributes). */
function nBitsElements(node: Node): number | undefined {
  const n = node.attributes.get('N')?.i;
  const k = node.attributes.get('K')?.i;
  return n !== undefined && k !== undefined ? n * k : undefined;
}

/**
 * PyTorch's exporter folded BatchNorm (eval mode): no BatchNormalization node remains and some Conv's
 * bias is an initializer the exporter computed (named `onnx::Conv_…`), not a module parameter
 * (`conv_proj.bias`): a conv that had a bias of its own, as ViT's patch embedding, is no evidence.
 */
function bnFolded(ctx: AnalysisContext): boolean {
  if (nodesOfType(ctx.graph, 'BatchNormalization').length > 0) return false;
  let foldedBias = 0;
  for (const node of nodesOfType(ctx.graph, 'Conv')) {
    const bias = node.input(2);
    if (bias?.initializer && bias.name.startsWith('onnx::')) foldedBias++;
  }
  return foldedBias > 0 && /pytorch/i.test(ctx.model.producerName);
}

/**
 * A tied weight stored twice, once transposed: constant folding of the lm head's Transpose of the
 * embedding table. Shapes alone cannot tell (an FFN's [h, i] and [i, h] weights look the same), so the
 * pair must also play both roles: the table [V, h] feeds a Gather (as data), its copy [h, V] is the
 * weight of a MatMul that writes a graph output (the logits).
 */
function transposedCopies(ctx: AnalysisContext): string[] {
  const outputs = new Set(ctx.graph.outputs);
  const tables = new Map<string, Value>();
  const heads: Value[] = [];
  for (const value of ctx.graph.initializers) {
    const t = value.initializer;
    if (t?.dims.length !== 2 || t.elementCount < 1024 || t.dims[0] === t.dims[1]) continue;
    if (value.consumers.some((c) => c.opType === 'Gather' && c.inputs[0] === value)) tables.set(`${t.dims[0]}x${t.dims[1]}`, value);
    if (value.consumers.some((c) => c.opType === 'MatMul' && c.inputs[1] === value && c.outputs.some((o) => o !== undefined && outputs.has(o)))) heads.push(value);
  }
  const notes: string[] = [];
  for (const head of heads) {
    const t = head.initializer!;
    const table = tables.get(`${t.dims[1]}x${t.dims[0]}`);
    if (!table || table.initializer?.dataType !== t.dataType) continue;
    notes.push(`Initializers "${table.name}" [${table.initializer.dims.join(', ')}] and "${head.name}" [${t.dims.join(', ')}] look like one weight stored twice, once transposed (constant folding of a tied embedding / output weight); both are counted, as the file stores both.`);
  }
  return notes;
}

/**
 * Distinct nodes in a consumer list. A node reading a value twice is listed twice in a row (see
 * Value.consumers), so counting changes is enough: a Set of a constant that 600k nodes share cost 0.3 s.
 */
function distinctCount(consumers: readonly Node[]): number {
  let count = consumers.length > 0 ? 1 : 0;
  for (let i = 1; i < consumers.length; i++) if (consumers[i] !== consumers[i - 1]) count++;
  return count;
}
