/**
 * The inverse of format(): a small recursive-descent parser for the expression grammar
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary ('*' unary)*
 *   unary   := '-' unary | power
 *   power   := primary ('^' INTEGER)?
 *   primary := INTEGER | SYMBOL | '(' expr ')' | ('floor' | 'ceil') '(' expr '/' expr ')'
 *            | ('min' | 'max') '(' expr (',' expr)+ ')'
 *   SYMBOL  := [A-Za-z_][A-Za-z0-9_.:]*  |  '`' (any character, '``' for a back-quote)* '`'
 *
 * `/` exists only inside floor/ceil, where it is exact division of the two sides. The result is built
 * with the public helpers, so it is canonical.
 */
import { add, ceilDiv, floorDiv, max, min, mul, neg, pow, sub, sym } from './arith.js';
import { syntaxError } from './errors.js';
import type { Dim } from './expr.js';
import { fromBig } from './poly.js';

/** Nesting deeper than this is not a real shape expression; refuse it before the stack does. */
const MAX_DEPTH = 200;

/** Parses a dimension expression (see the module comment for the grammar). Throws DIM_EXPRESSION_INVALID. */
export function parse(source: string): Dim {
  return new Parser(source).parseAll();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  parseAll(): Dim {
    if (typeof this.src !== 'string') throw syntaxError(String(this.src), 0, 'not a string');
    const d = this.expr();
    this.skipSpace();
    if (this.pos < this.src.length) this.fail(`unexpected "${this.src[this.pos]}"`);
    return d;
  }

  private fail(why: string): never {
    throw syntaxError(this.src, this.pos, why);
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.src[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(this.pos >= this.src.length ? `expected "${ch}" but the input ended` : `expected "${ch}"`);
    this.pos++;
  }

  private expr(): Dim {
    if (++this.depth > MAX_DEPTH) this.fail('nested too deeply');
    let d = this.term();
    for (let ch = this.peek(); ch === '+' || ch === '-'; ch = this.peek()) {
      this.pos++;
      const rhs = this.term();
      d = ch === '+' ? add(d, rhs) : sub(d, rhs);
    }
    this.depth--;
    return d;
  }

  private term(): Dim {
    let d = this.unary();
    while (this.peek() === '*') {
      this.pos++;
      d = mul(d, this.unary());
    }
    return d;
  }

  private unary(): Dim {
    if (this.peek() === '-') {
      this.pos++;
      if (++this.depth > MAX_DEPTH) this.fail('nested too deeply');
      const d = neg(this.unary());
      this.depth--;
      return d;
    }
    const base = this.primary();
    if (this.peek() !== '^') return base;
    this.pos++;
    this.skipSpace();
    const digits = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!digits) this.fail('expected a non-negative integer exponent after "^"');
    this.pos += digits[0].length;
    const k = Number(digits[0]);
    if (!Number.isSafeInteger(k)) this.fail('exponent too large');
    return pow(base, k);
  }

  private primary(): Dim {
    const ch = this.peek();
    if (ch === undefined) this.fail('the input ended where a value was expected');
    if (ch === '(') {
      this.pos++;
      const d = this.expr();
      this.expect(')');
      return d;
    }
    if (ch === '`') return sym(this.quotedName());
    const rest = this.src.slice(this.pos);
    const digits = /^[0-9]+/.exec(rest);
    if (digits) {
      this.pos += digits[0].length;
      return fromBig(BigInt(digits[0]));
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_.:]*/.exec(rest);
    if (!ident) this.fail(ch === '/' ? '"/" is only allowed inside floor(a/b) or ceil(a/b)' : `unexpected "${ch}"`);
    this.pos += ident[0].length;
    const name = ident[0];
    const isCall = this.peek() === '(';
    if (isCall && (name === 'floor' || name === 'ceil')) {
      this.pos++;
      const num = this.expr();
      this.expect('/');
      const den = this.expr();
      this.expect(')');
      return name === 'floor' ? floorDiv(num, den) : ceilDiv(num, den);
    }
    if (isCall && (name === 'min' || name === 'max')) {
      this.pos++;
      let d = this.expr();
      if (this.peek() !== ',') this.fail(`${name}() needs at least two arguments`);
      while (this.peek() === ',') {
        this.pos++;
        const next = this.expr();
        d = name === 'min' ? min(d, next) : max(d, next);
      }
      this.expect(')');
      return d;
    }
    if (isCall) this.fail(`unknown function "${name}"`);
    return sym(name);
  }

  /** `` `name` `` with `` `` `` standing for one back-quote. */
  private quotedName(): string {
    const start = this.pos;
    this.pos++;
    let name = '';
    for (;;) {
      const i = this.src.indexOf('`', this.pos);
      if (i < 0) {
        this.pos = start;
        this.fail('unterminated back-quoted name');
      }
      name += this.src.slice(this.pos, i);
      this.pos = i + 1;
      if (this.src[this.pos] !== '`') break;
      name += '`';
      this.pos++;
    }
    if (name.length === 0) this.fail('empty back-quoted name');
    return name;
  }
}
