/**
 * Little-endian integer encodings used by LevelDB tables and TensorBundle data: varint32/64
 * (7 bits a byte, low group first, high bit = "more") and fixed32/64 (little-endian words).
 *
 * 64-bit values travel as JS numbers and must stay below 2^53: every offset and length in a
 * bundle is a byte count, and a file of 2^53 bytes is out of reach anyway. Larger values are
 * refused as DATA_LOSS rather than silently rounded.
 */
import { SavedModelError } from '../errors.js';

/** Bytes needed to encode `v` as a varint (v a non-negative integer ≤ 2^53). */
export function varintLength(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Writes `v` (a non-negative integer ≤ 2^53) as a varint into `out` at `pos`; returns the end. */
export function putVarint(out: Uint8Array, pos: number, v: number): number {
  while (v >= 0x80) {
    out[pos++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  out[pos++] = v;
  return pos;
}

/** Writes a little-endian uint32 into `out` at `pos`; returns the end. */
export function putFixed32(out: Uint8Array, pos: number, v: number): number {
  out[pos] = v & 0xff;
  out[pos + 1] = (v >>> 8) & 0xff;
  out[pos + 2] = (v >>> 16) & 0xff;
  out[pos + 3] = (v >>> 24) & 0xff;
  return pos + 4;
}

/** Reads a little-endian uint32 from `b` at `pos` (caller checks bounds). */
export function getFixed32(b: Uint8Array, pos: number): number {
  return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
}

/** A growable byte buffer for building small encodings (blocks, footers, string-tensor headers). */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private reserve(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  varint(v: number): this {
    this.reserve(10);
    this.len = putVarint(this.buf, this.len, v);
    return this;
  }

  fixed32(v: number): this {
    this.reserve(4);
    this.len = putFixed32(this.buf, this.len, v);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** Appends `n` zero bytes. */
  zeros(n: number): this {
    this.reserve(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }

  /** Drops everything after the first `n` bytes. */
  truncate(n: number): void {
    this.len = Math.min(this.len, n);
  }

  /** A view of the bytes written so far (valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/**
 * A bounds-checked cursor over bytes. Every read past `end` or malformed varint throws
 * SavedModelError('DATA_LOSS') naming `what` (the block or record being decoded).
 */
export class ByteReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly what: string,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(expected: string): never {
    throw new SavedModelError('DATA_LOSS', `corrupt ${this.what}: expected ${expected} at byte ${this.pos}, found ${this.remaining} bytes left`);
  }

  /** A varint of at most 32 bits. */
  varint32(): number {
    const b = this.bytes;
    let result = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (this.pos >= this.end) this.fail('a varint32');
      const byte = b[this.pos++];
      if (shift === 28 && byte > 0x0f) this.fail('a varint32 below 2^32');
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
    return this.fail('a varint32 of at most 5 bytes');
  }

  /** A varint of at most 64 bits whose value is below 2^53. */
  varint64(): number {
    const b = this.bytes;
    let result = 0;
    for (let shift = 0; shift <= 63; shift += 7) {
      if (this.pos >= this.end) this.fail('a varint64');
      const byte = b[this.pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) this.fail('a varint64 below 2^53');
        return result;
      }
    }
    return this.fail('a varint64 of at most 10 bytes');
  }

  fixed32(): number {
    if (this.remaining < 4) this.fail('4 bytes');
    const v = getFixed32(this.bytes, this.pos);
    this.pos += 4;
    return v;
  }

  /** The next `n` bytes as a view (no copy). */
  take(n: number): Uint8Array {
    if (n < 0 || n > this.remaining) this.fail(`${n} bytes`);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}
