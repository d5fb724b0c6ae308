/**
 * UTF-8 decoding of protobuf strings, tuned for the millions of short ASCII strings of a large graph.
 * `decodeUtf8` sends short ASCII strings through a small direct-mapped cache: op types, domains and
 * name scopes repeat from node to node, so a hit returns the same string object instead of
 * allocating a copy. Names, made once each, skip it (`decodeName`). Longer or non-ASCII strings use
 * Buffer's native decoder. Invalid UTF-8 becomes U+FFFD and is reported through `onInvalid`.
 */
const fatal = new TextDecoder('utf-8', { fatal: true });

const CACHE_BITS = 14;
const CACHE_MASK = (1 << CACHE_BITS) - 1;
const cache: (string | undefined)[] = new Array(1 << CACHE_BITS).fill(undefined);
const MAX_CACHED = 64;

type NativeSlices = Buffer & { latin1Slice?(s: number, e: number): string; utf8Slice?(s: number, e: number): string };

function latin1(buf: Buffer, s: number, e: number): string {
  const b = buf as NativeSlices;
  return b.latin1Slice ? b.latin1Slice(s, e) : buf.toString('latin1', s, e);
}

function utf8(buf: Buffer, s: number, e: number): string {
  const b = buf as NativeSlices;
  return b.utf8Slice ? b.utf8Slice(s, e) : buf.toString('utf8', s, e);
}

function isValidUtf8(buf: Buffer, s: number, e: number): boolean {
  try {
    fatal.decode(buf.subarray(s, e));
    return true;
  } catch {
    return false;
  }
}

/** Calls `onInvalid` when `buf[s, e)` is not valid UTF-8 (bytes kept undecoded, decoded later). */
export function checkUtf8(buf: Buffer, s: number, e: number, onInvalid: () => void): void {
  for (let i = s; i < e; i++) {
    if (buf[i] >= 0x80) {
      if (!isValidUtf8(buf, s, e)) onInvalid();
      return;
    }
  }
}

/** Decodes `buf[s, e)` as UTF-8. */
export function decodeUtf8(buf: Buffer, s: number, e: number, onInvalid: () => void): string {
  const n = e - s;
  if (n === 0) return '';
  if (n <= MAX_CACHED) {
    let h = n;
    for (let i = s; i < e; i++) {
      const b = buf[i];
      if (b >= 0x80) return slow(buf, s, e, onInvalid);
      h = Math.imul(h ^ b, 0x01000193);
    }
    const slot = (h ^ (h >>> CACHE_BITS)) & CACHE_MASK;
    const hit = cache[slot];
    if (hit !== undefined && hit.length === n) {
      let j = 0;
      while (j < n && hit.charCodeAt(j) === buf[s + j]) j++;
      if (j === n) return hit;
    }
    const str = latin1(buf, s, e); // pure ASCII: Latin-1 and UTF-8 agree
    cache[slot] = str;
    return str;
  }
  return slow(buf, s, e, onInvalid);
}

/**
 * Decodes a tensor or node name, `buf[s, e)`, validated when it was read (invalid bytes become
 * U+FFFD, as in decodeUtf8). No cache: the IR makes each name once, when first asked, so a name
 * found in the cache would be a rare coincidence and every lookup a cost (~70 ms per million names).
 */
export function decodeName(buf: Buffer, s: number, e: number): string {
  for (let i = s; i < e; i++) if (buf[i] >= 0x80) return utf8(buf, s, e);
  return s === e ? '' : latin1(buf, s, e); // pure ASCII: Latin-1 and UTF-8 agree
}

function slow(buf: Buffer, s: number, e: number, onInvalid: () => void): string {
  const str = utf8(buf, s, e);
  // A U+FFFD in the output is either a real one (EF BF BD) or a replacement; only then validate.
  if (str.includes('\uFFFD') && !isValidUtf8(buf, s, e)) onInvalid();
  return str;
}
