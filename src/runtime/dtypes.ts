/**
 * The one table that maps TensorFlow dtypes onto tfjs dtypes. tfjs computes in float32, int32,
 * bool, string and complex64 only, so wider or narrower TF types are carried in the nearest of
 * those; the TF dtype stays known to the runtime (op definitions, signatures) for metadata.
 *
 * | TF dtype                                   | tfjs      | conversion                                   |
 * |--------------------------------------------|-----------|----------------------------------------------|
 * | float32                                    | float32   | exact                                        |
 * | float64, float16, bfloat16                 | float32   | rounded to float32                           |
 * | int32                                      | int32     | exact                                        |
 * | int8, int16, uint8, uint16, qint8/16/32, quint8/16 | int32 | exact                                  |
 * | int64, uint32, uint64                      | int32     | exact; values outside int32 → OUT_OF_RANGE   |
 * | bool                                       | bool      | exact                                        |
 * | string                                     | string    | byte strings (Uint8Array), never re-encoded  |
 * | complex64, complex128                      | complex64 | complex128 rounded to float32 parts          |
 * | resource, variant                          | —         | runtime objects (handles, lists), no tensor  |
 */
import type { DataType } from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';

const TABLE: Readonly<Record<TfDType, DataType | null>> = {
  float32: 'float32', float64: 'float32', float16: 'float32', bfloat16: 'float32',
  float8_e5m2: 'float32', float8_e4m3fn: 'float32',
  int32: 'int32', int8: 'int32', int16: 'int32', uint8: 'int32', uint16: 'int32', int4: 'int32', uint4: 'int32',
  qint8: 'int32', quint8: 'int32', qint16: 'int32', quint16: 'int32', qint32: 'int32',
  int64: 'int32', uint32: 'int32', uint64: 'int32',
  bool: 'bool', string: 'string', complex64: 'complex64', complex128: 'complex64',
  resource: null, variant: null,
  // Not computed on: the newer low-precision formats (no kernels read them).
  float8_e4m3fnuz: null, float8_e4m3b11fnuz: null, float8_e5m2fnuz: null, int2: null, uint2: null, float4_e2m1fn: null,
};

/** Inclusive value range of each integer TF dtype, used when casting into it. */
export const INT_RANGES: Readonly<Partial<Record<TfDType, readonly [number, number]>>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], int64: [-2147483648, 2147483647],
  uint32: [0, 2147483647], uint64: [0, 2147483647], int4: [-8, 7], uint4: [0, 15],
  qint8: [-128, 127], quint8: [0, 255], qint16: [-32768, 32767], quint16: [0, 65535], qint32: [-2147483648, 2147483647],
};

/** The tfjs dtype that carries a TF dtype; throws UNIMPLEMENTED for resource/variant. */
export function tfjsDtype(d: TfDType): DataType {
  const t = TABLE[d];
  if (!t) throw new SavedModelError('UNIMPLEMENTED', `dtype ${d} has no tensor representation in tfjs`);
  return t;
}

/** True when the TF dtype is stored in tfjs without loss. */
export function isExactInTfjs(d: TfDType): boolean {
  return d === 'float32' || d === 'int32' || d === 'bool' || d === 'string' || d === 'complex64'
    || d === 'int8' || d === 'int16' || d === 'uint8' || d === 'uint16';
}

/** The TF dtype a tfjs tensor most naturally stands for (`int32` → `int32` …). */
export function tfDtypeOfTfjs(d: DataType): TfDType {
  return d;
}

/** Throws OUT_OF_RANGE if an int64 value (as a number or bigint) does not fit int32. */
export function checkInt32(v: number | bigint, what: string): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (!(n >= -2147483648 && n <= 2147483647)) {
    throw new SavedModelError('OUT_OF_RANGE', `${what}: int64 value ${v} does not fit the int32 that tfjs computes with`);
  }
  return n;
}
