/**
 * Files of other formats given as a model: each must be named (FILE_NOT_ONNX) or, for formats the
 * sniffer does not know, refused as invalid protobuf — never parsed into a bogus report.
 */
import { type HostileCase, error } from './types.js';
import { bytesCase, concat, seededBytes } from './write.js';

const ascii = (s: string) => Buffer.from(s, 'latin1');

/** A minimal zip: one local header, one central directory entry naming `member`, end record. */
function zipWith(member: string, padding = 0): Uint8Array {
  const name = ascii(member);
  const local = concat(ascii('PK\x03\x04'), new Uint8Array(22), [name.length, 0, 0, 0], name, seededBytes(padding, 3));
  const central = concat(ascii('PK\x01\x02'), new Uint8Array(24), [name.length, 0], new Uint8Array(16), name);
  const end = concat(ascii('PK\x05\x06'), new Uint8Array(18));
  return concat(local, central, end);
}

export function formatCases(): HostileCase[] {
  const c = (id: string, title: string, bytes: () => Uint8Array | string, codes = ['FILE_NOT_ONNX'], cli = true) => bytesCase('format', id, title, error(...codes), bytes, { cli });
  return [
    c('pytorch-zip', 'a PyTorch zip checkpoint (archive/data.pkl)', () => zipWith('archive/data.pkl')),
    c('pytorch-zip-large', 'a 200 KiB PyTorch zip whose member names are only in the central directory at the end', () => zipWith('model/data.pkl', 200 * 1024), ['FILE_NOT_ONNX'], false),
    c('zip', 'a plain zip archive', () => zipWith('readme.txt')),
    c('keras-zip', 'a Keras v3 archive', () => concat(zipWith('config.json'), zipWith('model.weights.h5'))),
    c('gzip', 'a gzip stream', () => concat([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3], seededBytes(64, 5))),
    c('png', 'a PNG image', () => concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], ascii('IHDR'), new Uint8Array(17))),
    c('jpeg', 'a JPEG image', () => concat([0xff, 0xd8, 0xff, 0xe0, 0, 16], ascii('JFIF'), new Uint8Array(10))),
    c('json', 'a JSON config', () => '{\n  "model_type": "bert", "__proto__": {"polluted": true}\n}\n'),
    c('json-array', 'a JSON array with a BOM', () => '\ufeff[1, 2, 3]\n'),
    c('text', 'plain text', () => 'this is not a model\n'),
    c('git-lfs-pointer', 'a Git LFS pointer file', () => 'version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 123456\n'),
    c('html', 'an HTML error page saved as the model', () => '<!DOCTYPE html><html><body><script>alert(1)</script>404</body></html>\n'),
    c('ort-flatbuffer', 'an ONNX Runtime ORT flatbuffer', () => concat([0x14, 0, 0, 0], ascii('ORTM'), new Uint8Array(56))),
    c('tflite', 'a TFLite flatbuffer', () => concat([0x1c, 0, 0, 0], ascii('TFL3'), new Uint8Array(56))),
    c('safetensors', 'a safetensors file', () => concat([15, 0, 0, 0, 0, 0, 0, 0], ascii('{"__metadata__"'), new Uint8Array(8))),
    c('hdf5', 'an HDF5 / Keras .h5 file', () => concat([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], new Uint8Array(64))),
    c('numpy', 'a NumPy .npy array', () => concat([0x93], ascii("NUMPY\x01\x00v\x00{'descr': '<f4'}"), new Uint8Array(16))),
    c('pickle', 'a legacy pickle checkpoint', () => concat([0x80, 0x02, 0x8a, 0x0a], seededBytes(64, 8))),
    c('elf', 'an ELF executable', () => concat([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Uint8Array(56)), ['FILE_NOT_ONNX', 'MODEL_INVALID', 'MODEL_TRUNCATED']),
    c('utf16-text', 'UTF-16LE text with a BOM', () => Buffer.from('\ufeffnot a model', 'utf16le'), ['FILE_NOT_ONNX', 'MODEL_INVALID', 'MODEL_TRUNCATED']),
  ];
}
