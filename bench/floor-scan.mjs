#!/usr/bin/env node
/**
 * Floor 2: a bare protobuf scan of an ONNX model that skips payloads. It walks ModelProto → GraphProto
 * (and subgraphs in node attributes), decodes every node's inputs, outputs, name and op type and every
 * initializer's name, data type and dims, and jumps over raw_data and typed data fields without
 * reading them (positional reads through a 1 MiB window). This is roughly the least work any tool
 * that lists the graph must do; it prints counts so the work is not optimised away.
 *
 * Usage: node bench/floor-scan.mjs <model.onnx>
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const size = fstatSync(fd).size;
let buf = Buffer.allocUnsafe(1 << 20);
let start = 0; // file offset of buf[0]
let end = 0; // file offset just past the valid bytes in buf
let pos = 0;

/** Makes bytes [pos, pos + n) available in buf (fewer at the end of the file). */
function ensure(n) {
  if (pos >= start && pos + n <= end) return;
  if (n > buf.length) buf = Buffer.allocUnsafe(n);
  start = pos;
  end = start + readSync(fd, buf, 0, buf.length, start);
}
function varint() {
  ensure(10);
  let x = 0;
  let mul = 1;
  for (;;) {
    const b = buf[pos++ - start];
    x += (b & 0x7f) * mul;
    if (b < 0x80) return x;
    mul *= 128;
  }
}
function string(len) {
  ensure(len);
  const s = buf.toString('utf8', pos - start, pos - start + len);
  pos += len;
  return s;
}
/** Skips a field of wire type `wt` (payloads included: nothing is read). */
function skip(wt) {
  if (wt === 0) varint();
  else if (wt === 1) pos += 8;
  else if (wt === 2)
    pos = sub(); // not `pos += varint()`: that reads pos before varint() advances it
  else if (wt === 5) pos += 4;
  else throw new Error(`wire type ${wt} at ${pos}`);
}
/** Calls `field(number, wireType)` for each field of the message ending at `stop`; it returns true when it consumed the field. */
function message(stop, field) {
  while (pos < stop) {
    const key = varint();
    if (!field(key >>> 3, key & 7)) skip(key & 7);
  }
}

const counts = { nodes: 0, initializers: 0, strings: 0, dims: 0, graphs: 0 };
const ops = new Map();
function str() {
  counts.strings++;
  return string(varint());
}
/** Reads a length prefix and returns where the embedded message ends. */
function sub() {
  const len = varint();
  return pos + len;
}
function tensor(stop) {
  message(stop, (f, wt) => {
    if (f === 1 && wt === 0) {
      counts.dims++; // dims (unpacked)
      varint();
    } else if (f === 1 && wt === 2) {
      const e = sub(); // dims (packed)
      while (pos < e) {
        counts.dims++;
        varint();
      }
    } else if (f === 8)
      str(); // name; data_type and the payload fields are skipped
    else return false;
    return true;
  });
}
function attribute(stop) {
  message(stop, (f) => {
    if (f === 1) str();
    else if (f === 6 || f === 11)
      graph(sub()); // g, graphs
    else return false;
    return true;
  });
}
function node(stop) {
  counts.nodes++;
  message(stop, (f) => {
    if (f === 1 || f === 2 || f === 3) str();
    else if (f === 4) {
      const op = str();
      ops.set(op, (ops.get(op) ?? 0) + 1);
    } else if (f === 5) attribute(sub());
    else return false;
    return true;
  });
}
function graph(stop) {
  counts.graphs++;
  message(stop, (f) => {
    if (f === 1) node(sub());
    else if (f === 5) {
      counts.initializers++;
      tensor(sub());
    } else return false;
    return true;
  });
}
message(size, (f) => {
  if (f !== 7) return false;
  graph(sub());
  return true;
});
closeSync(fd);
console.log(JSON.stringify({ ...counts, opTypes: ops.size }));
