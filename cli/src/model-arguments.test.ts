import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandModelArguments } from './model-arguments.js';

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'autodoc-args-'));
  for (const dir of ['zoo/sub', 'empty/sub', 'one']) mkdirSync(path.join(cwd, dir), { recursive: true });
  for (const file of ['zoo/b.onnx', 'zoo/a.ONNX', 'zoo/notes.txt', 'zoo/sub/c.onnx', 'empty/sub/d.onnx', 'one/m.onnx', 'x.onnx'])
    writeFileSync(path.join(cwd, file), '');
  symlinkSync(path.join(cwd, 'x.onnx'), path.join(cwd, 'zoo', 'linked.onnx'));
  mkdirSync(path.join(cwd, 'zoo', 'folder.onnx')); // a folder named like a model is not one
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('expandModelArguments', () => {
  it('keeps one file as one model, and paths that are not folders as given', () => {
    expect(expandModelArguments(['x.onnx'], cwd)).toEqual({ paths: ['x.onnx'], several: false });
    expect(expandModelArguments(['missing.onnx'], cwd)).toEqual({ paths: ['missing.onnx'], several: false });
    expect(expandModelArguments(['x.onnx', 'missing.onnx'], cwd)).toEqual({ paths: ['x.onnx', 'missing.onnx'], several: true });
  });

  it('replaces a folder by the .onnx files directly in it, in code-unit order, links included', () => {
    // Subfolders, other files and a folder named *.onnx are left out; an upper-case extension counts.
    expect(expandModelArguments(['zoo', 'x.onnx'], cwd)).toEqual({
      paths: [path.join('zoo', 'a.ONNX'), path.join('zoo', 'b.onnx'), path.join('zoo', 'linked.onnx'), 'x.onnx'],
      several: true,
    });
  });

  it('reports per model for a folder even when it holds one model', () => {
    expect(expandModelArguments(['one'], cwd)).toEqual({ paths: [path.join('one', 'm.onnx')], several: true });
  });

  it('refuses a folder with no .onnx file directly in it, with a coded error', () => {
    expect(() => expandModelArguments(['empty'], cwd)).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND', message: "The folder 'empty' holds no .onnx file." }),
    );
  });
});
