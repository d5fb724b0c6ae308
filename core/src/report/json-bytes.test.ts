import { describe, expect, it } from 'vitest';
import { JsonBytes, jsonText } from './json-bytes.js';

describe('JsonBytes', () => {
  const strings = [
    '',
    'plain/Name_0.weight',
    'say "hi"',
    'back\\slash',
    'tab\tnew\nline\r\u0008\u000c',
    '\u0000\u001f\u007f',
    'ñ·層',
    '😀 emoji',
    'lone \ud800 high',
    'lone \udc00 low',
    '</script>',
  ];

  it('spells every string exactly as JSON.stringify does, escapes and UTF-8 included', () => {
    for (const s of strings) {
      const out = new JsonBytes(4);
      out.string(s);
      expect(out.bytes().toString('utf8'), s).toBe(JSON.stringify(s));
    }
  });

  it('copies UTF-8 bytes as a JSON string only when JSON.stringify would copy them as they are', () => {
    for (const s of strings) {
      const bytes = Buffer.from(`..${s}..`, 'utf8');
      const out = new JsonBytes(4);
      out.raw(jsonText('['));
      const copied = out.asciiString(bytes, 2, bytes.length - 2);
      expect(copied, s).toBe(/^[\x20-\x7e]*$/.test(s) && !/["\\]/.test(s));
      if (copied) expect(out.bytes().toString('utf8')).toBe(`[${JSON.stringify(s)}`);
      else expect(out.bytes().toString('utf8')).toBe('[');
    }
  });

  it('spells numbers, strings and null as JSON.stringify does (non-finite numbers as null)', () => {
    const values = [0, -0, 7, 1e21, 2 ** 53 + 2, 0.1, -3.5, Number.NaN, Number.POSITIVE_INFINITY, null, '123456789012345678901234567890'];
    const out = new JsonBytes(2);
    for (const [i, v] of values.entries()) {
      if (i > 0) out.byte(0x2c);
      out.value(v);
    }
    expect(out.bytes().toString('utf8')).toBe(JSON.stringify(values).slice(1, -1));
  });

  it('grows past its first buffer, keeps what was written, and starts over on reset', () => {
    const out = new JsonBytes(8);
    const long = 'x'.repeat(1000);
    out.raw(jsonText('['));
    out.string(long);
    out.byte(0x2c);
    out.raw(jsonText('"a long pre-encoded piece of more than 24 bytes"'));
    out.raw(jsonText(']'));
    expect(out.bytes().toString('utf8')).toBe(JSON.stringify([long, 'a long pre-encoded piece of more than 24 bytes']));
    expect(out.length).toBe(out.bytes().length);
    out.reset();
    out.string('é');
    expect(out.bytes().toString('utf8')).toBe('"é"');
  });
});
