/**
 * Snappy raw-format decompression (the format of LevelDB blocks with type byte 1).
 *
 * A compressed buffer is a varint32 uncompressed length followed by elements, each starting
 * with a tag byte whose low two bits give its kind:
 * - 0 literal: length-1 in the upper six bits when below 60, else 60..63 say that 1..4 little-
 *   endian bytes follow holding length-1; then the literal bytes;
 * - 1 copy with 1-byte offset: length 4..11 in bits 2..4, offset bits 8..10 in bits 5..7, then
 *   the low offset byte;
 * - 2 copy with 2-byte offset: length 1..64 in the upper six bits, then a uint16 offset;
 * - 3 copy with 4-byte offset: like 2 with a uint32 offset.
 * A copy repeats `length` bytes starting `offset` bytes back in the output (it may overlap
 * itself, which repeats a pattern).
 *
 * Decoding is bounded: the declared length is checked against what the input could possibly
 * expand to (and an optional caller limit) before anything is allocated, and every length and
 * offset is checked, so hostile input yields SavedModelError('DATA_LOSS'), never a huge
 * allocation or an out-of-range access.
 */
import { SavedModelError } from '../errors.js';

/** The most output one byte of snappy input can produce (a 3-byte copy of 64 bytes, rounded up). */
const MAX_EXPANSION = 22;

function corrupt(what: string, detail: string): never {
  throw new SavedModelError('DATA_LOSS', `corrupt snappy data in ${what}: ${detail}`);
}

/** Reads the varint32 uncompressed-length header; returns [length, header size]. */
export function snappyUncompressedLength(src: Uint8Array, what = 'input'): [number, number] {
  let result = 0;
  for (let i = 0; i < 5; i++) {
    if (i >= src.length) corrupt(what, 'truncated length header');
    const b = src[i];
    if (i === 4 && b > 0x0f) corrupt(what, 'length header exceeds 32 bits');
    result += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return [result, i + 1];
  }
  return corrupt(what, 'length header longer than 5 bytes');
}

/**
 * Decompresses raw snappy `src`. `maxLength` caps the declared uncompressed length (default:
 * 256 MiB); `what` names the data in error messages.
 */
export function snappyDecompress(src: Uint8Array, what = 'input', maxLength = 256 << 20): Uint8Array {
  const [length, header] = snappyUncompressedLength(src, what);
  const bodyBytes = src.length - header;
  if (length > maxLength) corrupt(what, `declared length ${length} exceeds the limit of ${maxLength} bytes`);
  if (length > bodyBytes * MAX_EXPANSION) {
    corrupt(what, `declared length ${length} is more than ${bodyBytes} compressed bytes can hold`);
  }
  const out = new Uint8Array(length);
  let ip = header;
  let op = 0;
  const end = src.length;
  while (ip < end) {
    const tag = src[ip++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const extra = len - 59;
        if (ip + extra > end) corrupt(what, `literal length runs past the end at byte ${ip}`);
        len = 0;
        for (let k = 0; k < extra; k++) len += src[ip + k] * 2 ** (8 * k);
        ip += extra;
      }
      len += 1;
      if (ip + len > end) corrupt(what, `literal of ${len} bytes runs past the end of the input at byte ${ip}`);
      if (op + len > length) corrupt(what, `literal of ${len} bytes overflows the declared length ${length}`);
      out.set(src.subarray(ip, ip + len), op);
      ip += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (ip + 1 > end) corrupt(what, `truncated copy at byte ${ip}`);
      len = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | src[ip];
      ip += 1;
    } else if (kind === 2) {
      if (ip + 2 > end) corrupt(what, `truncated copy at byte ${ip}`);
      len = 1 + (tag >>> 2);
      offset = src[ip] | (src[ip + 1] << 8);
      ip += 2;
    } else {
      if (ip + 4 > end) corrupt(what, `truncated copy at byte ${ip}`);
      len = 1 + (tag >>> 2);
      offset = (src[ip] | (src[ip + 1] << 8) | (src[ip + 2] << 16) | (src[ip + 3] << 24)) >>> 0;
      ip += 4;
    }
    if (offset === 0 || offset > op) corrupt(what, `copy offset ${offset} at output byte ${op} points outside the output`);
    if (op + len > length) corrupt(what, `copy of ${len} bytes overflows the declared length ${length}`);
    let from = op - offset;
    if (offset >= len) {
      out.copyWithin(op, from, from + len);
      op += len;
    } else {
      for (const stop = op + len; op < stop; ) out[op++] = out[from++];
    }
  }
  if (op !== length) corrupt(what, `produced ${op} bytes but the header declared ${length}`);
  return out;
}
