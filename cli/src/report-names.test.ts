import { describe, expect, it } from 'vitest';
import { reportBaseName, reportBaseNames } from './report-names.js';

describe('report base names', () => {
  it('is the file name without its extension', () => {
    expect(reportBaseName('models/resnet50.onnx')).toBe('resnet50');
    expect(reportBaseName('a/b.c.onnx')).toBe('b.c');
    expect(reportBaseName('.onnx')).toBe('report');
  });

  it('keeps distinct names and numbers repeats from the second on', () => {
    expect(reportBaseNames(['a/m.onnx', 'b.onnx'])).toEqual(['m', 'b']);
    expect(reportBaseNames(['a/m.onnx', 'b/m.onnx', 'c/m.onnx'])).toEqual(['m', 'm-2', 'm-3']);
  });

  it('never gives a repeat another model’s own name, and compares without case', () => {
    // m-2 is the third model's own name, so the second m becomes m-3.
    expect(reportBaseNames(['a/m.onnx', 'b/m.onnx', 'm-2.onnx'])).toEqual(['m', 'm-3', 'm-2']);
    expect(reportBaseNames(['Model.onnx', 'x/model.onnx'])).toEqual(['Model', 'model-2']);
  });
});
