/**
 * External-data hostile inputs. Escaping the model folder (.., absolute, URL, UNC/drive, NUL, empty,
 * symlink or hard link out) and duplicate keys are errors; missing files, directories, FIFOs and
 * offsets past the end are warnings. A canary file sits beside the model folder: no case may open it.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProtoWriter } from '@autodoc/core/testing';
import { type Expected, type HostileCase, type Made, type MakeContext, error, report } from './types.js';
import { modelAround } from './wire.js';
import { writeModel } from './write.js';

/**
 * A model whose initializer(s) `w<i>` (FLOAT [4], 16 bytes) live in external data with exactly the
 * given `external_data` entries (data_location = EXTERNAL), added to graph input x by Add nodes.
 */
export function externalModel(entriesPerTensor: readonly (readonly [string, string])[][], dataLocation = 1): Uint8Array {
  return modelAround((g) => {
    let prev = 'x';
    entriesPerTensor.forEach((_, i) => {
      g.message(1, (n) => n.string(1, prev).string(1, `w${i}`).string(2, `y${i}`).string(4, 'Add'));
      prev = `y${i}`;
    });
    entriesPerTensor.forEach((entries, i) => {
      g.message(5, (t: ProtoWriter) => {
        t.varint(1, 4).varint(2, 1).string(8, `w${i}`);
        for (const [k, v] of entries) t.message(13, (e) => e.string(1, k).string(2, v));
        t.varint(14, dataLocation);
      });
    });
    g.message(11, (v) => v.string(1, 'x').message(2, (t) => t.message(1, (tt) => tt.varint(1, 1).message(2, (s) => s.message(1, (d) => d.varint(1, 4))))));
    g.message(12, (v) => v.string(1, prev));
  }).finish();
}

const loc = (location: string, offset = '0', length = '16'): [string, string][] => [
  ['location', location],
  ['offset', offset],
  ['length', length],
];

/** A 16-byte data file. */
function data(ctx: MakeContext, name: string, bytes = 16): void {
  mkdirSync(path.dirname(path.join(ctx.dir, name)), { recursive: true });
  writeFileSync(path.join(ctx.dir, name), new Uint8Array(bytes));
}

function ext(id: string, title: string, expect: Expected, make: (ctx: MakeContext) => Made, cli = true): HostileCase {
  return { cls: 'external', id, title, expect, make, cli };
}

/** A case with one external tensor at `location` (relative to the model folder), after `setup`. */
function at(id: string, title: string, expect: Expected, location: (ctx: MakeContext) => string, setup?: (ctx: MakeContext) => void, cli = true): HostileCase {
  return ext(id, title, expect, (ctx) => {
    setup?.(ctx);
    return writeModel(ctx, externalModel([loc(location(ctx))]));
  }, cli);
}

const OUTSIDE = error('EXTERNAL_DATA_OUTSIDE_FOLDER');
const INVALID = error('EXTERNAL_DATA_INVALID');

export function externalCases(): HostileCase[] {
  const canaryName = (ctx: MakeContext) => path.basename(ctx.canary);
  return [
    at('ext-control', 'a valid data file beside the model (control)', report(), () => 'w.bin', (ctx) => data(ctx, 'w.bin')),
    at('ext-subfolder', 'a valid data file in a subfolder', report(), () => 'sub/w.bin', (ctx) => data(ctx, 'sub/w.bin')),
    at('ext-dotdot', "'../canary'", OUTSIDE, (ctx) => `../${canaryName(ctx)}`),
    at('ext-dotdot-inner', "'sub/../../canary'", OUTSIDE, (ctx) => `sub/../../${canaryName(ctx)}`, (ctx) => mkdirSync(path.join(ctx.dir, 'sub'))),
    at('ext-backslash-dotdot', "'..\\canary' (Windows separators)", OUTSIDE, (ctx) => `..\\${canaryName(ctx)}`),
    at('ext-absolute', 'the absolute path of the canary', OUTSIDE, (ctx) => ctx.canary),
    at('ext-etc-passwd', "'/etc/passwd'", OUTSIDE, () => '/etc/passwd'),
    at('ext-file-url', 'a file:// URL of the canary', OUTSIDE, (ctx) => `file://${ctx.canary}`),
    at('ext-https-url', 'an https:// URL', OUTSIDE, () => 'https://example.com/weights.bin'),
    at('ext-s3-url', 'an s3:// URL', OUTSIDE, () => 's3://bucket/weights.bin'),
    at('ext-unc', 'a UNC path', OUTSIDE, () => '\\\\server\\share\\weights.bin'),
    at('ext-drive', 'a Windows drive path', OUTSIDE, () => 'C:\\weights.bin'),
    at('ext-drive-relative', "a drive-relative path 'C:weights.bin'", OUTSIDE, () => 'C:weights.bin'),
    at('ext-nul', 'a location with a NUL byte hiding ../', INVALID, (ctx) => `w.bin\0../../${canaryName(ctx)}`, (ctx) => data(ctx, 'w.bin')),
    at('ext-empty', 'an empty location', INVALID, () => ''),
    at('ext-symlink-out', 'a symlink in the folder pointing at the canary', OUTSIDE, () => 'link.bin', (ctx) => symlinkSync(ctx.canary, path.join(ctx.dir, 'link.bin'))),
    at('ext-symlink-dir-out', 'a symlinked folder leading outside', OUTSIDE, (ctx) => `out/${canaryName(ctx)}`, (ctx) => symlinkSync(path.dirname(ctx.canary), path.join(ctx.dir, 'out'))),
    at('ext-hardlink-out', 'a hard link to the canary', OUTSIDE, () => 'hard.bin', (ctx) => linkSync(ctx.canary, path.join(ctx.dir, 'hard.bin'))),
    at('ext-hardlink-in', 'a data file with two names inside the folder (link count 2 is refused)', OUTSIDE, () => 'w.bin', (ctx) => {
      data(ctx, 'w.bin');
      linkSync(path.join(ctx.dir, 'w.bin'), path.join(ctx.dir, 'w2.bin'));
    }),
    at('ext-symlink-in', 'a symlink to a data file inside the folder', report(), () => 'alias.bin', (ctx) => {
      data(ctx, 'w.bin');
      symlinkSync('w.bin', path.join(ctx.dir, 'alias.bin'));
    }),
    at('ext-symlink-loop', 'a symlink loop', report('EXTERNAL_DATA_MISSING'), () => 'loop1', (ctx) => {
      symlinkSync('loop2', path.join(ctx.dir, 'loop1'));
      symlinkSync('loop1', path.join(ctx.dir, 'loop2'));
    }),
    at('ext-missing', 'a data file that does not exist', report('EXTERNAL_DATA_MISSING'), () => 'nope.bin'),
    at('ext-directory', 'a directory as the data file', report('EXTERNAL_DATA_MISSING'), () => 'adir', (ctx) => mkdirSync(path.join(ctx.dir, 'adir'))),
    at('ext-fifo', 'a FIFO as the data file (must not block)', report('EXTERNAL_DATA_MISSING'), () => 'pipe.bin', (ctx) => execFileSync('mkfifo', [path.join(ctx.dir, 'pipe.bin')])),
    at('ext-dev-zero', 'a symlink to /dev/zero', OUTSIDE, () => 'zero.bin', (ctx) => symlinkSync('/dev/zero', path.join(ctx.dir, 'zero.bin'))),
    at('ext-model-itself', 'the model file itself as data', report(), () => 'model.onnx'),
    ext('ext-offset-past-eof', 'offset 1000 in a 16-byte file', report('EXTERNAL_DATA_OUT_OF_RANGE'), (ctx) => {
      data(ctx, 'w.bin');
      return writeModel(ctx, externalModel([loc('w.bin', '1000')]));
    }),
    ext('ext-length-1tib', 'a length of 1 TiB', report('EXTERNAL_DATA_OUT_OF_RANGE'), (ctx) => {
      data(ctx, 'w.bin');
      return writeModel(ctx, externalModel([loc('w.bin', '0', String(2 ** 40))]));
    }),
    ext('ext-offset-2^63', 'offset 2^63 (beyond 2^53)', INVALID, (ctx) => {
      data(ctx, 'w.bin');
      return writeModel(ctx, externalModel([loc('w.bin', '9223372036854775808')]));
    }),
    ext('ext-offset-garbage', "offset '-1' and length '0x10'", INVALID, (ctx) => {
      data(ctx, 'w.bin');
      return writeModel(ctx, externalModel([loc('w.bin', '-1', '0x10')]));
    }),
    ext('ext-duplicate-location', 'the location key twice (second one escaping)', INVALID, (ctx) => {
      data(ctx, 'w.bin');
      return writeModel(ctx, externalModel([[...loc('w.bin'), ['location', `../${path.basename(ctx.canary)}`]]]));
    }),
    ext('ext-duplicate-offset', 'the offset key twice', INVALID, (ctx) => {
      data(ctx, 'w.bin');
      return writeModel(ctx, externalModel([[...loc('w.bin'), ['offset', '4']]]));
    }),
    ext('ext-no-location', 'data_location EXTERNAL with no entries', INVALID, (ctx) => writeModel(ctx, externalModel([[]]))),
    ext('ext-missing-2k', '2,000 tensors each naming a different missing file: one aggregated warning', report('EXTERNAL_DATA_MISSING'), (ctx) =>
      writeModel(ctx, externalModel(Array.from({ length: 2_000 }, (_, i) => loc(`missing-${i}.bin`)))),
    ),
    ext('ext-cache-refused', 'a symlinked Hugging Face style cache without --allow-external-root', OUTSIDE, (ctx) => cacheLayout(ctx)),
    ext('ext-cache-allowed', 'a symlinked cache admitted by --allow-external-root', report(), (ctx) => {
      const made = cacheLayout(ctx);
      const root = path.join(path.dirname(ctx.dir), 'blobs');
      return { ...made, args: ['--allow-external-root', root], allowExternalRoots: [root] };
    }),
  ].map((c) =>
    c.id === 'ext-missing-2k'
      ? {
          ...c,
          check: (r: Record<string, unknown>) => {
            const ds = (r.diagnostics as { code: string; count?: number }[]).filter((d) => d.code === 'EXTERNAL_DATA_MISSING');
            return ds.length === 1 && ds[0].count === 2_000 ? undefined : `expected one EXTERNAL_DATA_MISSING with count 2000, got ${JSON.stringify(ds)}`;
          },
        }
      : c,
  );
}

/** snapshots/w.bin in the model folder is a symlink into ../blobs/ (outside the folder). */
function cacheLayout(ctx: MakeContext): Made {
  const blobs = path.join(path.dirname(ctx.dir), 'blobs');
  mkdirSync(blobs, { recursive: true });
  writeFileSync(path.join(blobs, 'sha256-0001'), new Uint8Array(16));
  symlinkSync(path.join(blobs, 'sha256-0001'), path.join(ctx.dir, 'w.bin'));
  return writeModel(ctx, externalModel([loc('w.bin')]));
}
