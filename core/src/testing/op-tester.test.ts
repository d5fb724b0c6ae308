import { describe, expect, it } from 'vitest';
import { defineOp } from '../ops/define-op.js';
import { OpTester } from './op-tester.js';

const example = { inputs: [[2, 'batch']], expect: { shapes: [[2, 'batch']] } };

describe('OpTester', () => {
  it('checks an example\'s shapes and counts', () => {
    const relu = defineOp({ opType: 'Relu', since: 1, shape: (n) => [n.input(0)?.type], cost: (n) => ({ flops: n.output(0).numel }) });
    expect(new OpTester(relu).check({ ...example, expect: { ...example.expect, flops: '2*batch' } })).toEqual([]);
    expect(new OpTester(relu).check({ inputs: [[3]], expect: { shapes: [[4]] } })).toEqual(['output 0: expected [4], got [3]']);
  });

  it('holds a shapeFromTypes rule to its claim: another node with the same input types gets the same types', () => {
    const pure = defineOp({ opType: 'Relu', since: 1, shapeFromTypes: true, shape: (n) => [n.input(0)?.type] });
    expect(new OpTester(pure).check(example)).toEqual([]);
    // Reads the node's name: two nodes of one input type would get different shapes.
    const named = defineOp({
      opType: 'Odd',
      since: 1,
      shapeFromTypes: true,
      shape: (n) => [{ kind: 'tensor', dtype: 'FLOAT', shape: [2, n.name.endsWith('first') ? 'batch' : 'other'] }],
    });
    const problems = new OpTester(named).check({ ...example, expect: {} });
    expect(problems).toEqual([expect.stringMatching(/^shapeFromTypes: another node with the same input types got .*other.*, not .*batch/)]);
    // Not claimed: not checked.
    expect(new OpTester({ ...named, shapeFromTypes: false }).check({ ...example, expect: {} })).toEqual([]);
  });

  it('holds a costFromTypes rule to its claim', () => {
    const flops = (extra: (name: string) => number) =>
      defineOp({ opType: 'Relu', since: 1, shape: (n) => [n.input(0)?.type], costFromTypes: true, cost: (n) => ({ flops: extra(n.name) + 1 }) });
    expect(new OpTester(flops(() => 0)).check({ ...example, expect: {} })).toEqual([]);
    expect(new OpTester(flops((name) => name.length)).check({ ...example, expect: {} })).toEqual([expect.stringMatching(/^costFromTypes: another node with the same types got /)]);
  });
});
