/**
 * HostTensor: a tensor's exact TensorFlow value on the host, for every dtype — what checkpoints
 * and protos hold. Numbers live in the typed array of `dtypes.ts` (int64 as BigInt64Array,
 * float16/bfloat16 as their raw uint16 bits, complex as interleaved real/imaginary pairs, bool as
 * 0/1 bytes); strings as one Uint8Array per element (TF strings are bytes, not text).
 */
import { SavedModelError } from '../errors.js';
import { type DType, type NumericArray, dtypeInfo } from './dtypes.js';

/** Values of a HostTensor: a typed array for fixed-size dtypes, byte strings for 'string'. */
export type TensorData = NumericArray | Uint8Array[];

/** A tensor's dtype, shape and exact values, row-major. */
export interface HostTensor {
  dtype: DType;
  shape: number[];
  data: TensorData;
}

/** Number of elements of `shape` (1 for a scalar). */
export function numElements(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Throws INVALID_ARGUMENT unless `t` is a consistent HostTensor; `what` names it in the message. */
export function checkHostTensor(t: HostTensor, what: string): void {
  const info = dtypeInfo(t.dtype);
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: shape must be a list of non-negative integers, found ${JSON.stringify(t.shape)}`);
  }
  const n = numElements(t.shape);
  if (t.dtype === 'string') {
    if (!Array.isArray(t.data) || !t.data.every((s) => s instanceof Uint8Array)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${what}: a string tensor's data must be an array of Uint8Array`);
    }
    if (t.data.length !== n) throw new SavedModelError('INVALID_ARGUMENT', `${what}: shape [${t.shape}] has ${n} elements, data has ${t.data.length}`);
    return;
  }
  if (info.array === null) throw new SavedModelError('UNIMPLEMENTED', `${what}: dtype ${t.dtype} has no host representation`);
  if (!(t.data instanceof info.array)) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: dtype ${t.dtype} needs a ${info.array.name}, found ${describe(t.data)}`);
  }
  if (t.data.length !== n * info.slotsPerElement) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: shape [${t.shape}] of ${t.dtype} needs ${n * info.slotsPerElement} array values, found ${t.data.length}`);
  }
}

function describe(d: unknown): string {
  if (Array.isArray(d)) return 'an array';
  return (d as object)?.constructor?.name ?? typeof d;
}

/** The bytes of a numeric tensor's values in host byte order (a view, no copy). */
export function tensorBytes(data: NumericArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** True on little-endian hosts (all current JS platforms); bundles record the writer's byte order. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of every `width`-byte word of `b` in place (for big-endian data). */
export function swapBytes(b: Uint8Array, width: number): void {
  if (width <= 1) return;
  for (let i = 0; i + width <= b.length; i += width) {
    for (let lo = i, hi = i + width - 1; lo < hi; lo++, hi--) {
      const t = b[lo];
      b[lo] = b[hi];
      b[hi] = t;
    }
  }
}

/**
 * Wraps stored little-endian bytes as the typed array of `dtype`. The array shares `bytes`' memory
 * when the offset is aligned, else the bytes are copied once. With `swap` (data written on a host
 * of the other byte order) each value's bytes are reversed in place.
 */
export function numericFromBytes(dtype: DType, bytes: Uint8Array, swap = false): NumericArray {
  const info = dtypeInfo(dtype);
  if (info.array === null || info.elementBytes === null) {
    throw new SavedModelError('UNIMPLEMENTED', `dtype ${dtype} is not stored as fixed-size values`);
  }
  const slot = info.array.BYTES_PER_ELEMENT;
  if (swap) {
    bytes = bytes.slice(); // never reorder the caller's (or a file system's) bytes in place
    swapBytes(bytes, slot);
  } else if (bytes.byteOffset % slot !== 0) {
    bytes = bytes.slice();
  }
  return new info.array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / slot);
}
