import { describe, expect, it } from 'vitest';
import { add, equal, evaluate, format, mul, parse, pow, sym, toJSONValue } from './index.js';
import { expectCode } from './test-helpers.js';

describe('parse', () => {
  it('reads the grammar with usual precedence', () => {
    expect(parse('2 + 3*4')).toBe(14);
    expect(parse('(2 + 3)*4')).toBe(20);
    expect(parse('2^10')).toBe(1024);
    expect(parse('-2^2')).toBe(-4); // unary minus binds looser than ^
    expect(parse('  42 ')).toBe(42);
    expect(format(parse('x - -y'))).toBe('x + y');
    expect(format(parse('-x^2'))).toBe('-x^2');
    expect(format(parse('(x + 1)^2'))).toBe('x^2 + 2*x + 1');
    expect(format(parse('2*seq+1'))).toBe('2*seq + 1');
    expect(format(parse('ceil(h/2)'))).toBe('floor((h + 1)/2)');
    expect(format(parse('floor( ( height - 1 ) / 8 )'))).toBe('floor((height - 1)/8)');
    expect(format(parse('floor(h*w/4)'))).toBe('floor(h*w/4)');
    expect(format(parse('floor(x/y*z)'))).toBe('floor(x/(y*z))'); // the divisor is the whole right side
  });

  it('reads the printed examples of the design back to the same form', () => {
    for (const s of [
      '1572864*batch*sequence^2 + 84934656*batch*sequence',
      '2*seq + 1',
      'floor((height - 1)/2) + 1',
      'batch*floor((height + 1)/2)',
      'max(x, 3) + min(x, y)',
      'floor((x + 1)/(2*b))',
      'floor((3*x)/2)',
      'x^3 + 3*x^2*y + 3*x*y^2 + y^3',
    ]) {
      expect(format(parse(s))).toBe(s);
    }
  });

  it('reads torch-made names bare and odd names back-quoted', () => {
    expect(format(parse('Concatpresent.0.key_dim_2 + 1'))).toBe('Concatpresent.0.key_dim_2 + 1');
    expect(format(parse('unk__12'))).toBe('unk__12');
    expect(format(sym('odd name'))).toBe('`odd name`');
    expect(format(sym('batch-size'))).toBe('`batch-size`');
    expect(format(sym('2x'))).toBe('`2x`');
    expect(format(sym('a`b'))).toBe('`a``b`');
    expect(format(sym('min'))).toBe('`min`'); // a function name as a symbol stays unambiguous
    for (const name of ['odd name', 'batch-size', '2x', 'a`b', 'min', 'floor', 'ü', 'x/y', '(']) {
      const d = mul(2, sym(name));
      expect(equal(parse(format(d)), d)).toBe(true);
      expect(evaluate(parse(format(d)), { [name]: 5 })).toBe(10);
    }
    expect(equal(parse('floor'), sym('floor'))).toBe(true); // bare, not followed by "("
  });

  it('rejects strings outside the grammar with a coded error', () => {
    for (const bad of [
      '',
      '   ',
      'x +',
      'x / 2',
      '(x',
      'x)',
      'floor(x)',
      'min(x)',
      'foo(x)',
      'x ^ y',
      'x ^ -1',
      '`unterminated',
      '``',
      'x y',
      '2x',
      '1.5',
      'x,y',
    ]) {
      expectCode(() => parse(bad), 'DIM_EXPRESSION_INVALID');
    }
    expectCode(() => parse('floor(x/0)'), 'DIM_ARITHMETIC_INVALID');
    const deep = `${'('.repeat(5000)}x${')'.repeat(5000)}`;
    expectCode(() => parse(deep), 'DIM_EXPRESSION_INVALID');
    expectCode(() => parse(`${'-'.repeat(5000)}x`), 'DIM_EXPRESSION_INVALID');
  });
});

describe('format and JSON', () => {
  it('prints numbers and expressions', () => {
    expect(format(0)).toBe('0');
    expect(format(-3)).toBe('-3');
    expect(format(add(sym('x'), -3))).toBe('x - 3');
    expect(format(pow(sym('s'), 2))).toBe('s^2');
  });

  it('gives numbers for safe integers and strings otherwise', () => {
    expect(toJSONValue(5)).toBe(5);
    expect(toJSONValue(sym('batch'))).toBe('batch');
    expect(toJSONValue(mul(2 ** 40, 2 ** 40))).toBe('1208925819614629174706176');
    expect(JSON.stringify({ shape: [2, sym('batch'), add(sym('seq'), 1)] })).toBe('{"shape":[2,"batch","seq + 1"]}');
  });
});
