/**
 * External data checks at load time (DESIGN.md §2). Locations are validated as strings first
 * (relative, no `..`, no NUL, no scheme/drive/UNC, not empty), then resolved with realpath (symlinks
 * followed) and required to stay inside an allowed root. Only realpath/stat run here: an external
 * file is never opened at load, so a FIFO cannot block and a huge file costs nothing.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { ExternalRef } from './decoder.js';
import { storageBytes } from './dtypes.js';
import type { OnnxExternalData } from './types.js';
import type { Warnings } from './warnings.js';

const OUTSIDE_HINT = 'Keep external data files inside the model folder, or admit another root with --allow-external-root DIR.';
const INVALID_HINT = 'The external_data entries of this tensor are malformed; re-save the model with onnx.save_model(..., save_as_external_data=True).';

function outside(tensor: string, location: string, why: string): never {
  throw new AutodocError('EXTERNAL_DATA_OUTSIDE_FOLDER', `External data of tensor '${tensor}' (location ${JSON.stringify(location)}) ${why}.`, OUTSIDE_HINT);
}

function malformed(tensor: string, why: string): never {
  throw new AutodocError('EXTERNAL_DATA_INVALID', `External data of tensor '${tensor}' ${why}.`, INVALID_HINT);
}

/** Checks a location string; throws for anything that is not a plain relative path. */
export function checkLocation(tensor: string, location: string): void {
  if (location === '') malformed(tensor, 'has an empty location');
  if (location.includes('\0')) malformed(tensor, 'has a location containing a NUL byte');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) outside(tensor, location, 'is a URL or a drive path, not a relative path');
  if (location.startsWith('/') || location.startsWith('\\') || isAbsolute(location)) outside(tensor, location, 'is an absolute path');
  if (location.split(/[\\/]/).includes('..')) outside(tensor, location, "contains a '..' segment");
}

function parseCount(tensor: string, key: string, value: string): number {
  if (!/^\d+$/.test(value)) malformed(tensor, `has ${key} ${JSON.stringify(value)}, not a non-negative integer`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) malformed(tensor, `has ${key} ${value}, beyond 2^53`);
  return n;
}

/** Parses one tensor's entries into OnnxExternalData (duplicate keys and bad numbers throw). */
export function parseExternalEntries(tensor: string, entries: readonly [string, string][]): OnnxExternalData {
  const seen = new Map<string, string>();
  for (const [k, v] of entries) {
    if (seen.has(k)) malformed(tensor, `has the key '${k}' twice in external_data`);
    seen.set(k, v);
  }
  const location = seen.get('location');
  if (location === undefined) malformed(tensor, "has data_location EXTERNAL but no 'location' entry");
  checkLocation(tensor, location);
  const ext: OnnxExternalData = { location, offset: 0 };
  const offset = seen.get('offset');
  if (offset !== undefined) ext.offset = parseCount(tensor, 'offset', offset);
  const length = seen.get('length');
  if (length !== undefined) ext.length = parseCount(tensor, 'length', length);
  const checksum = seen.get('checksum');
  if (checksum !== undefined) ext.checksum = checksum;
  return ext;
}

function isInside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

type FileCheck = { ok: true; path: string; size: number } | { ok: false };

/**
 * Resolves and checks every external tensor. `modelDir` is the model file's directory; `extraRoots`
 * are further allowed roots. Fills `external` (with `path` when usable) on each tensor.
 */
export async function checkExternalData(refs: Iterable<ExternalRef>, modelDir: string, extraRoots: readonly string[], warnings: Warnings): Promise<void> {
  const list = [...refs].filter((r) => r.dataLocation === 1);
  if (list.length === 0) return;
  const root = await realpath(modelDir);
  const roots = [root];
  for (const r of extraRoots) {
    try {
      roots.push(await realpath(r));
    } catch {
      // A root that does not exist cannot contain anything.
    }
  }
  const files = new Map<string, Promise<FileCheck>>();
  const checkFile = async (tensor: string, location: string): Promise<FileCheck> => {
    let real: string;
    try {
      real = await realpath(resolve(root, location));
    } catch {
      warnings.add(
        'EXTERNAL_DATA_MISSING',
        `External data files do not exist (e.g. '${location}'); their tensors are analysed from their declared shapes only.`,
        "Copy the data files next to the model (they are named by the tensors' external_data location).",
        'missing',
      );
      return { ok: false };
    }
    if (!roots.some((r) => isInside(r, real))) outside(tensor, location, 'resolves (through a symlink) to a file outside the model folder');
    const st = await stat(real);
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : 'not a regular file';
      warnings.add(
        'EXTERNAL_DATA_MISSING',
        `External data locations are not regular files (e.g. '${location}' is ${kind}); their tensors are treated as missing.`,
        'External data must be a regular file inside the model folder.',
        'not-a-file',
      );
      return { ok: false };
    }
    if (st.nlink > 1) outside(tensor, location, `is a file with ${st.nlink} hard links; a hard link can reach data outside the folder`);
    return { ok: true, path: real, size: st.size };
  };
  for (const ref of list) {
    const t = ref.tensor;
    const ext = parseExternalEntries(t.name, ref.entries);
    t.external = ext;
    let check = files.get(ext.location);
    if (!check) {
      check = checkFile(t.name, ext.location);
      files.set(ext.location, check);
    }
    const file = await check;
    if (!file.ok) continue;
    ext.path = file.path;
    const declared = storageBytes(t.dataType, t.elementCount);
    if (ext.length !== undefined && declared !== undefined && ext.length !== declared) {
      warnings.add(
        'TENSOR_DATA_SIZE_MISMATCH',
        "Some tensors' stored data disagrees with the size their dims and data type declare; their contents are not used.",
        'The file is corrupt or was edited by hand; re-export the model.',
      );
    }
    const bytes = ext.length ?? declared;
    if (ext.offset > file.size || (bytes !== undefined && ext.offset + bytes > file.size)) {
      warnings.add(
        'EXTERNAL_DATA_OUT_OF_RANGE',
        `External data of some tensors runs past the end of '${ext.location}' (${file.size} bytes).`,
        'The data file is truncated or belongs to another version of the model.',
      );
    }
  }
}
