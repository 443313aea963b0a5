/**
 * Snappy raw-format compression that reproduces the reference compressor's output byte for byte
 * (the algorithm of google/snappy as TensorFlow 1.x linked it), so that tables we write with
 * snappy blocks match TensorFlow's files exactly.
 *
 * The reference algorithm, as implemented here:
 * - the input is cut into fragments of 64 KiB, each compressed independently;
 * - per fragment a hash table of uint16 positions, zeroed, sized to the next power of two
 *   ≥ the fragment length, clamped to [256, 16384];
 * - the hash of a position is its little-endian 4 bytes times 0x1e35a7bd (mod 2^32), shifted
 *   right by 32 - log2(table size);
 * - the scan looks up one position at a time; after every 32 misses the stride grows by one
 *   (stride = skip >> 5, skip += stride, skip starting at 32);
 * - a 4-byte match is extended as far as it goes, emitted as copies (at most 64 bytes each,
 *   keeping ≥ 4 bytes for the last one), and the table is updated at the two positions before
 *   the next search, which may chain a further copy immediately;
 * - the last 15 bytes of a fragment never start a search: they end up in the final literal.
 */
import { putVarint } from './coding.js';

const FRAGMENT = 1 << 16;
const MAX_TABLE = 1 << 14;
const MIN_TABLE = 256;
const INPUT_MARGIN = 15;
const HASH_MUL = 0x1e35a7bd;

/** Upper bound of the compressed size of `n` input bytes. */
export function snappyMaxCompressedLength(n: number): number {
  return 32 + n + Math.floor(n / 6);
}

function load32(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
}

function emitLiteral(out: Uint8Array, op: number, src: Uint8Array, from: number, len: number): number {
  let n = len - 1;
  if (n < 60) {
    out[op++] = n << 2;
  } else {
    const tagAt = op++;
    let count = 0;
    while (n > 0) {
      out[op++] = n & 0xff;
      n = Math.floor(n / 256);
      count++;
    }
    out[tagAt] = (59 + count) << 2;
  }
  out.set(src.subarray(from, from + len), op);
  return op + len;
}

function emitCopyAtMost64(out: Uint8Array, op: number, offset: number, len: number): number {
  if (len < 12 && offset < 2048) {
    out[op++] = 1 | ((len - 4) << 2) | ((offset >>> 3) & 0xe0);
    out[op++] = offset & 0xff;
  } else {
    out[op++] = 2 | ((len - 1) << 2);
    out[op++] = offset & 0xff;
    out[op++] = (offset >>> 8) & 0xff;
  }
  return op;
}

function emitCopy(out: Uint8Array, op: number, offset: number, len: number): number {
  while (len >= 68) {
    op = emitCopyAtMost64(out, op, offset, 64);
    len -= 64;
  }
  if (len > 64) {
    op = emitCopyAtMost64(out, op, offset, 60);
    len -= 60;
  }
  return emitCopyAtMost64(out, op, offset, len);
}

/** Compresses src[base, base+n) (n ≤ 64 KiB) into out at op; `table` has ≥ tableSize zeroed slots. */
function compressFragment(src: Uint8Array, base: number, n: number, out: Uint8Array, op: number, table: Uint16Array, tableSize: number): number {
  const shift = 32 - Math.log2(tableSize);
  const hash = (v: number): number => Math.imul(v, HASH_MUL) >>> shift;
  const end = base + n;
  let nextEmit = base;
  if (n >= INPUT_MARGIN) {
    const ipLimit = end - INPUT_MARGIN;
    let ip = base + 1;
    let nextHash = hash(load32(src, ip));
    search: for (;;) {
      let skip = 32;
      let nextIp = ip;
      let candidate: number;
      do {
        ip = nextIp;
        const h = nextHash;
        const stride = skip >>> 5;
        skip += stride;
        nextIp = ip + stride;
        if (nextIp > ipLimit) break search;
        nextHash = hash(load32(src, nextIp));
        candidate = base + table[h];
        table[h] = ip - base;
      } while (load32(src, ip) !== load32(src, candidate));

      op = emitLiteral(out, op, src, nextEmit, ip - nextEmit);

      let current: number;
      let candidateBytes: number;
      do {
        let matched = 4;
        while (ip + matched < end && src[candidate + matched] === src[ip + matched]) matched++;
        const offset = ip - candidate;
        ip += matched;
        op = emitCopy(out, op, offset, matched);
        nextEmit = ip;
        if (ip >= ipLimit) break search;
        table[hash(load32(src, ip - 1))] = ip - base - 1;
        current = load32(src, ip);
        const h = hash(current);
        candidate = base + table[h];
        candidateBytes = load32(src, candidate);
        table[h] = ip - base;
      } while (current === candidateBytes);

      nextHash = hash(load32(src, ip + 1));
      ip++;
    }
  }
  if (nextEmit < end) op = emitLiteral(out, op, src, nextEmit, end - nextEmit);
  return op;
}

/** Compresses `src` to raw snappy (varint length header + elements), as the reference does. */
export function snappyCompress(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(snappyMaxCompressedLength(src.length));
  let op = putVarint(out, 0, src.length);
  const table = new Uint16Array(MAX_TABLE);
  for (let start = 0; start < src.length; start += FRAGMENT) {
    const n = Math.min(FRAGMENT, src.length - start);
    let size = MIN_TABLE;
    while (size < MAX_TABLE && size < n) size <<= 1;
    table.fill(0, 0, size);
    op = compressFragment(src, start, n, out, op, table, size);
  }
  return out.slice(0, op);
}
