#!/usr/bin/env node
/**
 * Floor 1: read every byte of the model file (not its external data), in 4 MiB chunks, and print the
 * byte count. Any tool that reads the whole file pays at least this.
 *
 * Usage: node bench/floor-read.mjs <model.onnx>
 */
import { closeSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(4 << 20);
let total = 0;
for (let n; (n = readSync(fd, buf, 0, buf.length, total)) > 0; ) total += n;
closeSync(fd);
console.log(total);
