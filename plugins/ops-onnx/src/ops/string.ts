/**
 * String ops. String manipulation is not arithmetic, so StringNormalizer, StringConcat, StringSplit
 * and RegexFullMatch are free by decision. TfIdfVectorizer has no cost rule: its n-gram matching work
 * depends on the data, so it is reported as uncounted.
 */
import { defineOp, type OpDefinition, type OpNode, broadcastShapes } from '@autodoc/core';
import { dataDependentDim, tensorOut } from './general-common.js';

const freeNote = 'Free by decision: string processing is not arithmetic.';

export const stringNormalizer = defineOp({
  opType: 'StringNormalizer',
  since: 10,
  shape: (n) => {
    const x = n.input(0)?.dims;
    if (!x) return [tensorOut('STRING', undefined)];
    const stop = n.attrStrings('stopwords');
    // Without stop words nothing is removed: the input's shape. With them the last dim shrinks by a
    // data-dependent amount, but never below 1: when every string is dropped the spec's output is
    // [1] for a [C] input and [1, 1] for [1, C]. So a last dim of 1 stays 1 either way.
    if (!stop || stop.length === 0) return [tensorOut('STRING', x)];
    const last = x.length - 1;
    if (x[last] === 1) return [tensorOut('STRING', x)];
    return [tensorOut('STRING', x.map((d, i) => (i === last ? dataDependentDim(n, 0, i) : d)))];
  },
  cost: 'free',
  examples: [
    { inputs: [{ dtype: 'STRING', shape: [1, 6] }], expect: { shapes: [[1, 6]], flops: 0 } },
    { title: 'with stop words', inputs: [{ dtype: 'STRING', shape: [4] }], attrs: { stopwords: ['monday'] }, expect: { shapes: [['output0_dim0']] } },
  ],
  notes: `Input [C] or [1, C]; same shape without stop words, else the last dim is data dependent (between 1 and C: all strings dropped gives [1] or [1, 1]). ${freeNote}`,
});

export const stringConcat = defineOp({
  opType: 'StringConcat',
  since: 20,
  shape: (n) => [tensorOut('STRING', broadcastShapes([n.input(0)?.dims, n.input(1)?.dims]))],
  cost: 'free',
  examples: [{ inputs: [{ dtype: 'STRING', shape: [2, 1] }, { dtype: 'STRING', shape: [3] }], expect: { shapes: [[2, 3]], flops: 0 } }],
  notes: `Broadcast of the two inputs, STRING. ${freeNote}`,
});

export const stringSplit = defineOp({
  opType: 'StringSplit',
  since: 20,
  shape: (n) => {
    const x = n.input(0)?.dims;
    if (!x) return [tensorOut('STRING', undefined), tensorOut('INT64', undefined)];
    return [tensorOut('STRING', [...x, dataDependentDim(n, 0, x.length)]), tensorOut('INT64', x)];
  },
  cost: 'free',
  examples: [{ inputs: [{ dtype: 'STRING', shape: [2, 2] }], attrs: { maxsplit: 2 }, expect: { shapes: [[2, 2, 'output0_dim2'], [2, 2]], flops: 0 } }],
  notes: `Y: input shape + [max substrings] (data dependent), STRING; Z: input shape, INT64 counts. ${freeNote}`,
});

export const regexFullMatch = defineOp({
  opType: 'RegexFullMatch',
  since: 20,
  shape: (n) => [tensorOut('BOOL', n.input(0)?.dims)],
  cost: 'free',
  examples: [{ inputs: [{ dtype: 'STRING', shape: [2, 2] }], attrs: { pattern: '.*' }, expect: { shapes: [[2, 2]], flops: 0 } }],
  notes: `BOOL of the input shape. ${freeNote}`,
});

function tfIdfShape(n: OpNode) {
  const x = n.input(0)?.dims;
  const idx = n.attrInts('ngram_indexes');
  const width = idx && idx.length > 0 ? Math.max(...idx) + 1 : undefined;
  if (!x || width === undefined) return tensorOut('FLOAT', undefined);
  // [C] → [width]; [N, C] → [N, width].
  return tensorOut('FLOAT', x.length === 1 ? [width] : [x[0], width]);
}

export const tfIdfVectorizer = defineOp({
  opType: 'TfIdfVectorizer',
  since: 9,
  shape: (n) => [tfIdfShape(n)],
  examples: [{ inputs: [{ dtype: 'INT32', shape: [2, 6] }], attrs: { ngram_indexes: [0, 1, 2, 3, 4, 5, 6] }, expect: { shapes: [[2, 7]] } }],
  notes: 'Output FLOAT [max(ngram_indexes) + 1] or [N, that]. No cost rule: n-gram matching depends on the data, so the node is reported as uncounted.',
});


/** String ops. */
export const stringOps: OpDefinition[] = [stringNormalizer, stringConcat, stringSplit, regexFullMatch, tfIdfVectorizer];
