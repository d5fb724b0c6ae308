import { describe, expect, it } from 'vitest';
import { nameScope, nameScopeOfBytes } from './name-scope.js';

describe('nameScope', () => {
  it('is the path before the last segment, without the leading slash', () => {
    expect(nameScope('/encoder/layer.0/attention/self/MatMul')).toBe('encoder/layer.0/attention/self');
    expect(nameScope('model/conv1/Conv2D')).toBe('model/conv1');
    expect(nameScope('/MatMul')).toBe('');
    expect(nameScope('Relu_3')).toBe('');
    expect(nameScope('')).toBe('');
  });

  it('reads the same scope from the UTF-8 bytes of a name, wherever they lie in a buffer', () => {
    const names = ['/encoder/layer.0/MatMul', 'model/conv1/Conv2D', '/MatMul', 'Relu_3', '', '/', '//', 'a/', '/a/', '/名前/層/Add', 'é/ü', 'x//y', '/x/'];
    for (const name of names) {
      const bytes = Buffer.concat([Buffer.from('pad/'), Buffer.from(name, 'utf8'), Buffer.from('/tail')]);
      expect(nameScopeOfBytes(bytes, 4, bytes.length - 5), name).toBe(nameScope(name));
    }
  });
});
