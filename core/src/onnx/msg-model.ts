/**
 * ModelProto. Decoded into a draft that readModel turns into an {@link OnnxModel}; training_info
 * (field 20) and unknown fields are skipped by position.
 */
import { CHILD, type Container, SKIP, VALUE, actionTable } from './decoder.js';
import { FUNCTION, GRAPH, newFunction, newGraph } from './msg-graph.js';
import { entryField, int64Field, opsetField, stringField } from './msg-values.js';
import type { OnnxFunction, OnnxGraph } from './types.js';

/** The decoded fields of a ModelProto. */
export interface ModelDraft {
  irVersion?: number;
  opsetImports: Record<string, number>;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion?: number;
  docString: string;
  metadata: Record<string, string>;
  graph?: OnnxGraph;
  functions: OnnxFunction[];
  /** How many fields were recognised, to tell a ModelProto from another protobuf. */
  knownFields: number;
}

/** A fresh draft (name tables are null-prototype objects, so `__proto__` is an ordinary key). */
export function newModelDraft(): ModelDraft {
  return {
    opsetImports: Object.create(null) as Record<string, number>,
    producerName: '',
    producerVersion: '',
    domain: '',
    docString: '',
    metadata: Object.create(null) as Record<string, string>,
    functions: [],
    knownFields: 0,
  };
}

/** ModelProto. */
export const MODEL: Container<ModelDraft> = {
  name: 'ModelProto',
  actions: actionTable({ 1: VALUE, 2: VALUE, 3: VALUE, 4: VALUE, 5: VALUE, 6: VALUE, 7: CHILD, 8: VALUE, 14: VALUE, 20: SKIP, 25: CHILD }),
  children: [],
  field(ctx, m, f, w, c, limit) {
    switch (f) {
      case 1:
        m.irVersion = int64Field(c, w, limit, 'ModelProto', 1);
        break;
      case 2:
        m.producerName = stringField(ctx, c, w, limit, 'ModelProto', 2);
        break;
      case 3:
        m.producerVersion = stringField(ctx, c, w, limit, 'ModelProto', 3);
        break;
      case 4:
        m.domain = stringField(ctx, c, w, limit, 'ModelProto', 4);
        break;
      case 5:
        m.modelVersion = int64Field(c, w, limit, 'ModelProto', 5);
        break;
      case 6:
        m.docString = stringField(ctx, c, w, limit, 'ModelProto', 6);
        break;
      case 8:
        opsetField(ctx, c, w, limit, m.opsetImports, 'ModelProto', 8);
        break;
      case 14: {
        const [k, v] = entryField(ctx, c, w, limit, 'ModelProto', 14);
        m.metadata[k] = v;
        break;
      }
      default:
        return false;
    }
    m.knownFields++;
    return true;
  },
  child(m, f) {
    m.knownFields++;
    if (f === 7) return (m.graph ??= newGraph());
    const fn = newFunction();
    m.functions.push(fn);
    return fn;
  },
  finish() {},
};

(MODEL.children as unknown[])[7] = GRAPH;
(MODEL.children as unknown[])[25] = FUNCTION;
