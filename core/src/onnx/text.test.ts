import { describe, expect, it } from 'vitest';
import { decodeName, decodeUtf8 } from './text.js';

describe('decodeName', () => {
  it('decodes names as decodeUtf8 does: ASCII, non-ASCII, invalid bytes as U+FFFD, empty', () => {
    const parts = [Buffer.from('pad|'), Buffer.from('/enc/layer.0/Add_output_0'), Buffer.from('名前/ü'), Buffer.from([0x61, 0xff, 0x62]), Buffer.from('|end')];
    const buf = Buffer.concat(parts);
    let at = parts[0].length;
    for (const part of parts.slice(1, 4)) {
      const name = decodeName(buf, at, at + part.length);
      expect(name).toBe(decodeUtf8(buf, at, at + part.length, () => {}));
      at += part.length;
    }
    expect(decodeName(buf, 4, 4 + 25)).toBe('/enc/layer.0/Add_output_0');
    expect(decodeName(Buffer.from([0x61, 0xff, 0x62]), 0, 3)).toBe('a\uFFFDb');
    expect(decodeName(buf, 3, 3)).toBe('');
  });
});
