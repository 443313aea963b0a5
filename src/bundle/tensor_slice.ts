/**
 * Partitioned (sliced) variables in a bundle. The full tensor's entry lists its slices
 * (TensorSliceProto: per dimension a start and an optional length, absent = the whole
 * dimension); each slice is stored as an ordinary entry under the key TF derives with its
 * "ordered code":
 *
 *   0x00                                   (the number 0: every slice key starts with it)
 *   name, with 0x00 → 00 ff and 0xff → ff 00, then 00 01
 *   rank as an increasing number: 1 length byte + big-endian bytes without leading zeros
 *   per dimension start, then length (-1 for a whole dimension), as signed increasing numbers
 *
 * A signed increasing number is 1–10 bytes: leading bits equal to the sign bit (1 for ≥ 0) count
 * the extra bytes, then the two's-complement value in big-endian order.
 */
import { SavedModelError } from '../errors.js';
import type { NumericArray } from './dtypes.js';

/** One dimension of a slice; `length` undefined means the whole dimension. */
export interface SliceExtent {
  start: number;
  length?: number;
}

function writeNumIncreasing(out: number[], v: number): void {
  const bytes: number[] = [];
  for (let x = v; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
  out.push(bytes.length, ...bytes);
}

function writeSignedNumIncreasing(out: number[], v: number): void {
  const val = BigInt(v);
  const x = val < 0n ? ~val : val;
  if (x < 64n) {
    out.push(Number((0x80n ^ val) & 0xffn));
    return;
  }
  const bits = x.toString(2).length; // bits of the magnitude, without the sign
  const len = Math.ceil((bits + 1) / 7);
  const header = len <= 8 ? [(0xff00 >> len) & 0xff, 0] : [0xff, len === 9 ? 0x80 : 0xc0];
  const buf: number[] = [];
  let u = BigInt.asUintN(80, val); // sign-extended to 10 bytes
  for (let i = 0; i < 10; i++) {
    buf.unshift(Number(u & 0xffn));
    u >>= 8n;
  }
  const begin = buf.slice(10 - len);
  begin[0] ^= header[0];
  begin[1] ^= header[1];
  out.push(...begin);
}

/** The table key under which TF stores slice `extents` of the tensor keyed `name` (UTF-8 bytes). */
export function encodeTensorNameSlice(name: Uint8Array, extents: readonly SliceExtent[]): Uint8Array {
  const out: number[] = [0];
  for (const b of name) {
    if (b === 0x00) out.push(0x00, 0xff);
    else if (b === 0xff) out.push(0xff, 0x00);
    else out.push(b);
  }
  out.push(0x00, 0x01);
  writeNumIncreasing(out, extents.length);
  for (const e of extents) {
    writeSignedNumIncreasing(out, e.start);
    writeSignedNumIncreasing(out, e.length === undefined ? -1 : e.length);
  }
  return Uint8Array.from(out);
}

/** The shape of a slice of a tensor of `shape`; throws DATA_LOSS when it does not fit. */
export function sliceShape(shape: readonly number[], extents: readonly SliceExtent[], what: string): number[] {
  if (extents.length !== shape.length) {
    throw new SavedModelError('DATA_LOSS', `${what}: slice of rank ${extents.length} for a tensor of rank ${shape.length}`);
  }
  return extents.map((e, d) => {
    if (e.length === undefined) return shape[d];
    if (e.start < 0 || e.length < 0 || e.start + e.length > shape[d]) {
      throw new SavedModelError('DATA_LOSS', `${what}: slice [${e.start}, ${e.start + e.length}) of dimension ${d} is outside [0, ${shape[d]})`);
    }
    return e.length;
  });
}

/**
 * Copies a slice's values (row-major, `slots` array values per element) into the full tensor's
 * values at the slice's position. Works for typed arrays and for string element arrays.
 */
export function copySliceInto<T extends NumericArray | Uint8Array[]>(full: T, shape: readonly number[], extents: readonly SliceExtent[], part: T, slots: number): void {
  const rank = shape.length;
  if (rank === 0) {
    // A scalar is its own (only) slice.
    for (let k = 0; k < slots; k++) (full as unknown as unknown[])[k] = (part as unknown as unknown[])[k];
    return;
  }
  const lens = sliceShape(shape, extents, 'slice');
  const starts = extents.map((e) => (e.length === undefined ? 0 : e.start));
  if (lens.some((l) => l === 0)) return;
  // Strides of the full tensor, in array slots.
  const strides = new Array<number>(rank);
  let s = slots;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const run = lens[rank - 1] * slots;
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  let src = 0;
  for (;;) {
    let dst = starts[rank - 1] * slots;
    for (let d = 0; d < rank - 1; d++) dst += (starts[d] + idx[d]) * strides[d];
    if (Array.isArray(full)) {
      for (let k = 0; k < run; k++) (full as Uint8Array[])[dst + k] = (part as Uint8Array[])[src + k];
    } else {
      (full as NumericArray).set((part as NumericArray).subarray(src, src + run) as never, dst);
    }
    src += run;
    let d = rank - 2;
    while (d >= 0 && ++idx[d] === lens[d]) idx[d--] = 0;
    if (d < 0) return;
  }
}
