/**
 * How TensorBundle stores a string tensor's n elements in a data shard:
 *
 *   varint64 length[0] … varint64 length[n-1]   (each element's byte count)
 *   fixed32  masked crc32c of the lengths       (each length as a little-endian uint32, or uint64
 *                                                when it exceeds 2^32-1 — not the varint bytes)
 *   bytes    element[0] … element[n-1]
 *
 * The entry's own checksum (BundleEntryProto.crc32c, masked) extends that lengths crc over the 4
 * stored checksum bytes and then over all element bytes.
 */
import { SavedModelError } from '../errors.js';
import { ByteReader, ByteWriter, getFixed32, putFixed32, varintLength } from './coding.js';
import { crc32c, maskCrc, unmaskCrc } from './crc32c.js';

const U32 = 0x100000000;

function lengthWord(len: number, swap: boolean): Uint8Array {
  const w = new Uint8Array(len < U32 ? 4 : 8);
  const dv = new DataView(w.buffer);
  if (len < U32) dv.setUint32(0, len, !swap);
  else dv.setBigUint64(0, BigInt(len), !swap);
  return w;
}

/** The stored bytes of a string tensor and its unmasked entry checksum. */
export function encodeStringTensor(elements: readonly Uint8Array[]): { bytes: Uint8Array; crc: number } {
  let headerBytes = 4;
  let dataBytes = 0;
  for (const e of elements) {
    headerBytes += varintLength(e.length);
    dataBytes += e.length;
  }
  const w = new ByteWriter(headerBytes);
  let crc = 0;
  for (const e of elements) {
    w.varint(e.length);
    crc = crc32c(lengthWord(e.length, false), crc);
  }
  const masked = new Uint8Array(4);
  putFixed32(masked, 0, maskCrc(crc));
  w.bytes(masked);
  crc = crc32c(masked, crc);
  const out = new Uint8Array(headerBytes + dataBytes);
  out.set(w.view());
  let p = headerBytes;
  for (const e of elements) {
    out.set(e, p);
    p += e.length;
  }
  crc = crc32c(out.subarray(headerBytes), crc);
  return { bytes: out, crc };
}

/**
 * Decodes the stored bytes of an n-element string tensor, checking the lengths checksum and that
 * the lengths add up to the stored size. Returns the elements (views into `bytes`) and the
 * unmasked checksum of everything, for comparison with the entry's. `swap`: written big-endian.
 */
export function decodeStringTensor(bytes: Uint8Array, n: number, what: string, swap = false): { elements: Uint8Array[]; crc: number } {
  if (n > bytes.length) {
    throw new SavedModelError('DATA_LOSS', `${what}: ${n} string lengths cannot fit in ${bytes.length} stored bytes`);
  }
  const r = new ByteReader(bytes, what);
  const lengths = new Array<number>(n);
  let crc = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const len = r.varint64();
    lengths[i] = len;
    total += len;
    crc = crc32c(lengthWord(len, swap), crc);
  }
  const storedWord = r.take(4);
  const stored = getFixed32(storedWord, 0);
  const lengthCrc = unmaskCrc(swap ? ((stored >>> 24) | ((stored >>> 8) & 0xff00) | ((stored << 8) & 0xff0000) | (stored << 24)) >>> 0 : stored);
  if (lengthCrc !== crc) {
    throw new SavedModelError('DATA_LOSS', `${what}: string lengths checksum mismatch: stored ${hex(lengthCrc)}, computed ${hex(crc)}`);
  }
  crc = crc32c(storedWord, crc);
  if (total !== r.remaining) {
    throw new SavedModelError('DATA_LOSS', `${what}: string lengths add up to ${total} bytes but ${r.remaining} bytes follow them`);
  }
  const body = r.take(total);
  crc = crc32c(body, crc);
  const elements = new Array<Uint8Array>(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    elements[i] = body.subarray(p, p + lengths[i]);
    p += lengths[i];
  }
  return { elements, crc };
}

function hex(v: number): string {
  return '0x' + v.toString(16).padStart(8, '0');
}
