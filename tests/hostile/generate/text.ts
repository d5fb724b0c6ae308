/**
 * Text hostile inputs: markup, script, ANSI escapes and bidi controls in every string field; invalid
 * UTF-8; very long names; huge metadata. All give a report; the harness checks that no output
 * carries the payload live (unescaped markup in HTML, ESC bytes, bidi overrides on the terminal).
 */
import { ModelBuilder, ProtoWriter } from '@autodoc/core/testing';
import { type HostileCase, report } from './types.js';
import { modelAround } from './wire.js';
import { builderCase, bytesCase } from './write.js';

/** The payload put into every string field. Each piece is dangerous somewhere. */
export const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>\u001b[31mRED\u001b[0m\u001b]8;;http://evil\u0007\u202eevil\u202c\u2066x\u2069</textarea>]]>{{tpl}}|cell|*md*[a](javascript:alert(3))\r\nInjected: line';

/** Markers whose live (unescaped) presence in an output of that format is a finding. */
export const LIVE_MARKUP: Readonly<Record<string, readonly string[]>> = {
  html: ['<script>alert(1)', '<img src=x onerror', 'href="javascript:', '\u001b'],
  markdown: ['<script>alert(1)', '<img src=x onerror', '[a](javascript:', '\u001b', '\u202e'],
};

export function textCases(): HostileCase[] {
  const p = (tag: string) => `${tag}${PAYLOAD}`;
  return [
    builderCase('text', 'payload-everywhere', 'markup/script/ANSI/bidi in every string field', report(), () => {
      const b = new ModelBuilder({
        opset: 17,
        producerName: p('producer'),
        producerVersion: p('version'),
        domain: p('domain'),
        docString: p('doc'),
        graphName: p('graph'),
        metadata: { [p('key')]: p('value'), description: p('description') },
        opsetImports: { [p('opset-domain')]: 1 },
      });
      const x = b.input(p('input'), 'FLOAT', [p('batch'), 4], p('input-doc'));
      const w = b.initializer(p('weight'), 'FLOAT', [4, 4], { docString: p('w-doc') });
      const [m] = b.node('MatMul', [x, w], { name: p('node'), outputs: [p('matmul-out')], docString: p('node-doc') });
      const [e] = b.node(p('op'), [m], { domain: p('opset-domain'), name: p('custom'), attrs: { [p('attr')]: p('attr-value'), mode: p('mode') }, outputs: [p('custom-out')] });
      const [r] = b.node('Relu', [e], { outputs: [p('relu-out')] });
      b.valueInfo(m, 'FLOAT', [p('batch'), 4], p('vi-doc'));
      b.output(r, 'FLOAT', [p('batch'), p('out-dim')], p('output-doc'));
      return b;
    }),
    bytesCase('text', 'invalid-utf8', 'invalid UTF-8 in names, op types and metadata', report('MODEL_INVALID_UTF8'), () =>
      modelAround(
        (g) => {
          const bad = Uint8Array.of(0x78, 0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80);
          g.message(1, (n) => n.string(1, 'x').bytes(2, bad).bytes(3, bad).string(4, 'Relu'));
          g.message(11, (v) => v.string(1, 'x').message(2, (t) => t.message(1, (tt) => tt.varint(1, 1).message(2, (s) => s.message(1, (d) => d.bytes(2, bad))))));
          g.message(12, (v) => v.bytes(1, bad));
        },
        (m) => m.bytes(2, Uint8Array.of(0xc3, 0x28)),
      )
        .message(14, (e) => e.bytes(1, Uint8Array.of(0xff)).bytes(2, Uint8Array.of(0xfe)))
        .finish(),
    ),
    builderCase('text', 'long-names', '1 MiB tensor, node and op names (scale: outputs of tens of MB)', report(), () => {
      const long = (c: string) => c.repeat(1 << 20);
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input(long('x'), 'FLOAT', [long('d'), 4]);
      const [y] = b.node('Relu', [x], { name: long('n'), outputs: [long('y')] });
      b.output(b.node(long('O'), [y], { domain: long('q') })[0]);
      return b;
    }, { scale: true }),
    bytesCase('text', 'huge-metadata', '20,000 metadata entries and a 16 MiB doc string (scale: ~50 MB of reports)', report(), () => {
      const w = modelAround((g) => g.message(1, (n) => n.string(1, 'x').string(2, 'y').string(4, 'Relu')).message(11, (v) => v.string(1, 'x')).message(12, (v) => v.string(1, 'y')));
      for (let i = 0; i < 20_000; i++) w.message(14, (e) => e.string(1, `key${i}`).string(2, 'v'.repeat(100)));
      return w.string(6, 'd'.repeat(16 << 20)).finish();
    }, { scale: true }),
    bytesCase('text', 'duplicate-metadata-keys', 'the same metadata key 1,000 times', report(), () => {
      const w = modelAround((g) => g.message(1, (n) => n.string(1, 'x').string(2, 'y').string(4, 'Relu')).message(11, (v) => v.string(1, 'x')).message(12, (v) => v.string(1, 'y')));
      for (let i = 0; i < 1000; i++) w.message(14, (e) => e.string(1, '__proto__').string(2, `v${i}`));
      return w.finish();
    }),
    bytesCase('text', 'nul-in-names', 'NUL bytes inside names', report(), () =>
      new ProtoWriter()
        .varint(1, 8)
        .message(7, (g) => g.message(1, (n) => n.string(1, 'x\0y').string(2, 'o\0ut').string(4, 'Relu')).message(11, (v) => v.string(1, 'x\0y')).message(12, (v) => v.string(1, 'o\0ut')))
        .message(8, (o) => o.varint(2, 17))
        .finish(),
    ),
  ];
}
