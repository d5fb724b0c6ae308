#!/usr/bin/env node
/**
 * Machine fact, not a tool: how long this machine takes to touch fresh memory for the first time.
 * Allocates 256 MiB (calloc → fresh pages from the kernel), writes one byte per 4 KiB page, and prints
 * the milliseconds per 100 MB. On a VM whose host backs guest memory lazily (Firecracker here) this
 * is ~0.4 s per 100 MB, which makes every tool's peak RSS part of its wall time.
 *
 * Usage: node bench/floor-touch.mjs
 */
const BYTES = 256 * 2 ** 20;
const start = performance.now();
const buf = Buffer.alloc(BYTES);
for (let i = 0; i < BYTES; i += 4096) buf[i] = 1;
const ms = performance.now() - start;
console.log(((ms * 100e6) / BYTES).toFixed(0));
