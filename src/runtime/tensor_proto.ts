/**
 * TensorProto → tfjs tensor, following the dtype table in dtypes.ts. Values come from
 * `tensor_content` (packed little-endian bytes) or from the typed repeated field; when the field
 * holds fewer values than the shape needs, the last one is repeated (TF's compact form for splats).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { dtypeFromEnum, type TfDType } from '../graph/dtypes.js';
import { shapeFromProto, toNumber, type IntLike, type TensorProtoLike } from '../graph/node.js';
import { INT_RANGES, tfjsDtype } from './dtypes.js';

type Numeric = Float32Array | Int32Array | Uint8Array;

const BYTES: Partial<Record<TfDType, number>> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int32: 4, int16: 2, int8: 1, uint8: 1, uint16: 2,
  int64: 8, uint32: 4, uint64: 8, bool: 1, complex64: 8, complex128: 16, qint8: 1, quint8: 1, qint16: 2,
  quint16: 2, qint32: 4,
};

/** float16 bits → float32 value. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** A fresh, aligned copy of `bytes` (Node Buffers' slice() is a view into a shared pool). */
function aligned(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

/** Splat-extends `src` (length ≤ n) into `dst` (length n). */
function fill<T extends { length: number; [i: number]: number }>(dst: T, src: ArrayLike<number>, what: string): T {
  if (src.length > dst.length) throw new SavedModelError('DATA_LOSS', `${what}: ${src.length} values for ${dst.length} elements`);
  for (let i = 0; i < src.length; i++) dst[i] = src[i];
  if (src.length > 0 && src.length < dst.length) (dst as unknown as Int32Array).fill(src[src.length - 1], src.length);
  return dst;
}

function int64ToInt32(v: readonly IntLike[] | BigInt64Array | BigUint64Array, n: number, dtype: TfDType, what: string): Int32Array {
  const [lo, hi] = INT_RANGES[dtype]!;
  const out = new Int32Array(n);
  const count = v.length;
  if (count > n) throw new SavedModelError('DATA_LOSS', `${what}: ${count} values for ${n} elements`);
  for (let i = 0; i < count; i++) {
    const x = v[i];
    const num = typeof x === 'bigint' ? Number(x) : toNumber(x as IntLike);
    if (!(num >= lo && num <= hi)) {
      throw new SavedModelError('OUT_OF_RANGE', `${what}: ${dtype} value ${typeof x === 'bigint' ? x : num} does not fit the int32 that tfjs computes with`);
    }
    out[i] = num;
  }
  if (count > 0 && count < n) out.fill(out[count - 1], count);
  return out;
}

function fromContent(dtype: TfDType, bytes: Uint8Array, n: number, what: string): Numeric {
  const size = BYTES[dtype];
  if (size === undefined) throw new SavedModelError('UNIMPLEMENTED', `${what}: tensor_content of dtype ${dtype}`);
  if (bytes.length !== n * size) {
    throw new SavedModelError('DATA_LOSS', `${what}: tensor_content has ${bytes.length} bytes, expected ${n * size} for ${n} ${dtype} elements`);
  }
  const buf = aligned(bytes);
  switch (dtype) {
    case 'float32': case 'complex64': return new Float32Array(buf);
    case 'float64': case 'complex128': return Float32Array.from(new Float64Array(buf));
    case 'float16': return Float32Array.from(new Uint16Array(buf), halfToFloat);
    case 'bfloat16': {
      const out = new Int32Array(n);
      const src = new Uint16Array(buf);
      for (let i = 0; i < n; i++) out[i] = src[i] << 16;
      return new Float32Array(out.buffer);
    }
    case 'int32': case 'qint32': return new Int32Array(buf);
    case 'int16': case 'qint16': return Int32Array.from(new Int16Array(buf));
    case 'int8': case 'qint8': return Int32Array.from(new Int8Array(buf));
    case 'uint8': case 'quint8': return Int32Array.from(bytes);
    case 'uint16': case 'quint16': return Int32Array.from(new Uint16Array(buf));
    case 'uint32': return int64ToInt32(Array.from(new Uint32Array(buf)), n, dtype, what);
    case 'int64': return int64ToInt32(new BigInt64Array(buf), n, dtype, what);
    case 'uint64': return int64ToInt32(new BigUint64Array(buf), n, dtype, what);
    case 'bool': return Uint8Array.from(bytes, (b) => (b ? 1 : 0));
    default: throw new SavedModelError('UNIMPLEMENTED', `${what}: tensor_content of dtype ${dtype}`);
  }
}

function fromFields(dtype: TfDType, p: TensorProtoLike, n: number, what: string): Numeric {
  switch (dtype) {
    case 'float32': return fill(new Float32Array(n), p.floatVal ?? [], what);
    case 'float64': return fill(new Float32Array(n), p.doubleVal ?? [], what);
    case 'float16': return fill(new Float32Array(n), (p.halfVal ?? []).map(halfToFloat), what);
    case 'bfloat16': {
      const bits = fill(new Int32Array(n), (p.halfVal ?? []).map((h) => h << 16), what);
      return new Float32Array(bits.buffer);
    }
    case 'int32': case 'int16': case 'int8': case 'uint8': case 'uint16':
    case 'qint8': case 'quint8': case 'qint16': case 'quint16': case 'qint32':
      return fill(new Int32Array(n), p.intVal ?? [], what);
    case 'int64': return int64ToInt32(p.int64Val ?? [], n, dtype, what);
    case 'uint32': return int64ToInt32(p.uint32Val ?? [], n, dtype, what);
    case 'uint64': return int64ToInt32(p.uint64Val ?? [], n, dtype, what);
    case 'bool': return fill(new Uint8Array(n), (p.boolVal ?? []).map((b) => (b ? 1 : 0)), what);
    case 'complex64': return fill(new Float32Array(2 * n), p.scomplexVal ?? [], what);
    case 'complex128': return fill(new Float32Array(2 * n), p.dcomplexVal ?? [], what);
    default: throw new SavedModelError('UNIMPLEMENTED', `${what}: constant of dtype ${dtype}`);
  }
}

function stringTensor(p: TensorProtoLike, shape: number[], n: number, what: string): tf.Tensor {
  const src = p.stringVal ?? [];
  if (src.length > n) throw new SavedModelError('DATA_LOSS', `${what}: ${src.length} strings for ${n} elements`);
  const vals: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) vals[i] = src.length === 0 ? new Uint8Array(0) : src[Math.min(i, src.length - 1)];
  return tf.tensor(vals, shape, 'string');
}

/** The TF dtype a TensorProto declares. */
export function protoDtype(p: TensorProtoLike): TfDType {
  return dtypeFromEnum(p.dtype ?? 0);
}

/** Decodes a TensorProto into a new tfjs tensor (the caller owns it). `what` names it in errors. */
export function tensorFromProto(p: TensorProtoLike, what = 'tensor'): tf.Tensor {
  if (!p.dtype) throw new SavedModelError('INVALID_ARGUMENT', `${what}: TensorProto has no dtype`);
  const dtype = protoDtype(p);
  const shape = shapeFromProto(p.tensorShape);
  if (shape === null || shape.some((d) => d < 0)) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: TensorProto has a partially known shape`);
  }
  const n = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'string') return stringTensor(p, shape, n, what);
  const content = p.tensorContent;
  const values = content && content.length > 0 ? fromContent(dtype, content, n, what) : fromFields(dtype, p, n, what);
  const tdt = tfjsDtype(dtype);
  if (tdt === 'complex64') {
    if (!tf.getKernel('Complex', tf.getBackend())) {
      throw new SavedModelError('UNIMPLEMENTED', `${what}: ${dtype} tensors need complex kernels, which the ${tf.getBackend()} backend lacks`);
    }
    return tf.tidy(() => {
      const pairs = tf.tensor(values as Float32Array, [n, 2], 'float32');
      const [re, im] = tf.split(pairs, 2, 1);
      return tf.complex(tf.reshape(re, shape), tf.reshape(im, shape));
    });
  }
  return tf.tensor(values, shape, tdt);
}
