/**
 * Test helper: reads a model with the Python `onnx` package (an independent implementation of the
 * format) and reports what it saw, including `onnx.checker` results. Used by the builder's tests;
 * when no Python with `onnx` is found, {@link findOnnxPython} returns undefined and tests skip.
 */
import { spawnSync } from 'node:child_process';
import { systemPython } from './system-deps.js';

/**
 * A Python that can `import onnx` (`$AUTODOC_PYTHON`, then the candidates core probes), or undefined
 * after a visible skip message; under CI=true a missing one fails instead (system-deps).
 */
let cached: { python: string | undefined } | undefined;
export function findOnnxPython(): string | undefined {
  cached ??= { python: systemPython(['onnx']).value };
  return cached.python;
}

/** Runs a Python script (with `onnx` importable) and returns its stdout; throws with stderr on failure. */
export function runOnnxPython(script: string, args: readonly string[] = []): string {
  const python = findOnnxPython();
  if (!python) throw new Error('no Python with the onnx package');
  const r = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

/** What Python's onnx saw in a model file. */
export interface PyModelSummary {
  irVersion: number;
  producerName: string;
  opsetImports: Record<string, number>;
  metadata: Record<string, string>;
  docString: string;
  graphName: string;
  /** `ok`, or the checker's error message (first line). */
  checker: string;
  /** Result of `check_model(full_check=True)` (strict shape inference), same format. */
  fullCheck: string;
  nodes: PyNode[];
  inputs: PyValueInfo[];
  outputs: PyValueInfo[];
  valueInfo: PyValueInfo[];
  initializers: PyTensor[];
  sparseInitializers: { name: string; dims: number[]; nnz: number; indicesDims: number[] }[];
  functions: { name: string; domain: string; inputs: string[]; outputs: string[]; attributes: string[]; nodes: PyNode[] }[];
  /** Output shapes after onnx.shape_inference (strings for dim_param, null when unknown). */
  inferredOutputs: PyValueInfo[];
  /** Types onnx.shape_inference gives intermediate values, by name. */
  inferredValues: Record<string, { kind: string; elem: number; shape: (number | string | null)[] | null }>;
}

/** A node as Python read it. */
export interface PyNode {
  name: string;
  opType: string;
  domain: string;
  hasDomain: boolean;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, { type: number; value: unknown; refAttrName: string }>;
}

/** A value info as Python read it; `type` is a JSON rendering of the TypeProto. */
export interface PyValueInfo {
  name: string;
  type: unknown;
}

/** A tensor as Python read it. */
export interface PyTensor {
  name: string;
  dataType: number;
  dims: number[];
  rawLength: number;
  hasRaw: boolean;
  /** raw_data as hex when at most 256 bytes, else null. */
  rawHex: string | null;
  dataLocation: number;
  external: Record<string, string>;
  typed: Record<string, number>;
  /** numpy values (flattened) when the type is one numpy_helper can convert and the data is inline. */
  values: unknown;
}

const INSPECT = String.raw`
import json, sys, math
import onnx
from onnx import helper, numpy_helper, shape_inference
m = onnx.load(sys.argv[1], load_external_data=(sys.argv[2] == '1'))

def ty(t):
    k = t.WhichOneof('value')
    if k is None: return None
    if k == 'tensor_type' or k == 'sparse_tensor_type':
        tt = getattr(t, k)
        shape = None
        if tt.HasField('shape'):
            shape = []
            for d in tt.shape.dim:
                w = d.WhichOneof('value')
                shape.append(d.dim_value if w == 'dim_value' else d.dim_param if w == 'dim_param' else None)
        return {'kind': 'tensor' if k == 'tensor_type' else 'sparse', 'elem': tt.elem_type, 'shape': shape}
    if k == 'sequence_type': return {'kind': 'sequence', 'elem': ty(t.sequence_type.elem_type)}
    if k == 'optional_type': return {'kind': 'optional', 'elem': ty(t.optional_type.elem_type)}
    if k == 'map_type': return {'kind': 'map', 'key': t.map_type.key_type, 'value': ty(t.map_type.value_type)}
    return {'kind': k}

def vi(v): return {'name': v.name, 'type': ty(v.type) if v.HasField('type') else None}

def clean(x):
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)): return None
    return x

def tensor(t):
    vals = None
    if t.data_location != 1 and t.data_type in (14, 15) and not t.HasField('raw_data'):
        # onnx 1.12's numpy_helper cannot convert complex typed fields; pair them up directly.
        f = list(t.float_data) if t.data_type == 14 else list(t.double_data)
        vals = [[f[i], f[i + 1]] for i in range(0, len(f) - 1, 2)]
    elif t.data_location != 1:
        try:
            a = numpy_helper.to_array(t)
            vals = [clean(v.item()) if hasattr(v, 'item') else (v.decode('utf8', 'replace') if isinstance(v, bytes) else v) for v in a.flatten()]
            if a.dtype.kind == 'c': vals = [[clean(float(v.real)), clean(float(v.imag))] for v in a.flatten()]
            elif a.dtype.kind == 'S' or a.dtype.kind == 'O': vals = [v.decode('utf8', 'replace') if isinstance(v, bytes) else str(v) for v in a.flatten()]
        except Exception as e:
            vals = 'error: ' + str(e).splitlines()[0]
    return {'name': t.name, 'dataType': t.data_type, 'dims': list(t.dims), 'rawLength': len(t.raw_data),
            'hasRaw': t.HasField('raw_data'), 'rawHex': t.raw_data.hex() if len(t.raw_data) <= 256 else None, 'dataLocation': t.data_location,
            'external': {e.key: e.value for e in t.external_data},
            'typed': {f: len(getattr(t, f)) for f in ['float_data', 'int32_data', 'string_data', 'int64_data', 'double_data', 'uint64_data'] if len(getattr(t, f))},
            'values': vals}

def attr_value(a):
    v = helper.get_attribute_value(a)
    if a.type == 4: return tensor(v)
    if a.type == 5: return graph(v)
    if a.type == 9: return [tensor(t) for t in v]
    if a.type == 10: return [graph(g) for g in v]
    if a.type == 11: return {'dims': list(v.dims), 'values': tensor(v.values), 'indices': tensor(v.indices)}
    if a.type == 13: return ty(v)
    if a.type == 14: return [ty(t) for t in v]
    if isinstance(v, bytes): return v.decode('utf8', 'replace')
    if isinstance(v, list): return [x.decode('utf8', 'replace') if isinstance(x, bytes) else clean(x) for x in v]
    return clean(v)

def node(n):
    return {'name': n.name, 'opType': n.op_type, 'domain': n.domain, 'hasDomain': n.HasField('domain'),
            'inputs': list(n.input), 'outputs': list(n.output),
            'attrs': {a.name: {'type': a.type, 'value': attr_value(a) if not a.ref_attr_name else None, 'refAttrName': a.ref_attr_name} for a in n.attribute}}

def graph(g):
    return {'name': g.name, 'nodes': [node(n) for n in g.node], 'inputs': [vi(v) for v in g.input],
            'outputs': [vi(v) for v in g.output], 'initializers': [tensor(t) for t in g.initializer]}

def check(full):
    try:
        if full: onnx.checker.check_model(m, full_check=True)
        else: onnx.checker.check_model(m)
        return 'ok'
    except Exception as e:
        return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__

try:
    ig = shape_inference.infer_shapes(m).graph
    inferred = [vi(v) for v in ig.output]
    inferred_values = {v.name: ty(v.type) for v in ig.value_info}
except Exception as e:
    inferred = 'error: ' + str(e).splitlines()[0]
    inferred_values = {}

g = m.graph
print(json.dumps({
    'irVersion': m.ir_version, 'producerName': m.producer_name,
    'opsetImports': {o.domain: o.version for o in m.opset_import},
    'metadata': {p.key: p.value for p in m.metadata_props}, 'docString': m.doc_string, 'graphName': g.name,
    'checker': check(False), 'fullCheck': check(True) if sys.argv[3] == '1' else 'skipped',
    'nodes': [node(n) for n in g.node], 'inputs': [vi(v) for v in g.input], 'outputs': [vi(v) for v in g.output],
    'valueInfo': [vi(v) for v in g.value_info], 'initializers': [tensor(t) for t in g.initializer],
    'sparseInitializers': [{'name': s.values.name, 'dims': list(s.dims), 'nnz': len(s.values.float_data) + len(s.values.raw_data), 'indicesDims': list(s.indices.dims)} for s in g.sparse_initializer],
    'functions': [{'name': f.name, 'domain': f.domain, 'inputs': list(f.input), 'outputs': list(f.output), 'attributes': list(f.attribute), 'nodes': [node(n) for n in f.node]} for f in m.functions],
    'inferredOutputs': inferred, 'inferredValues': inferred_values,
}))
`;

/**
 * Loads `path` with Python's onnx and summarises it. `externalData` loads external data files too
 * (fails when they are missing); `fullCheck` also runs `check_model(full_check=True)`.
 */
export function inspectWithPython(path: string, opts: { externalData?: boolean; fullCheck?: boolean } = {}): PyModelSummary {
  return JSON.parse(runOnnxPython(INSPECT, [path, opts.externalData ? '1' : '0', opts.fullCheck ? '1' : '0'])) as PyModelSummary;
}
