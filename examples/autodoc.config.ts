// Example configuration: the recommended preset, a third-party op pack and a custom format.
// Run from this folder: npx autodoc analyze model.onnx --format json,summary
import { defineConfig } from '@autodoc/core';
import recommended from '@autodoc/preset-recommended';
import acmeOps from './acme-ops/index.ts';
import { summaryFormat } from './summary-format/index.ts';

export default defineConfig({
  presets: [recommended],
  plugins: [acmeOps],
  formats: [summaryFormat],
});
