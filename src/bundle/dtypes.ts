/**
 * The one table of TensorFlow dtypes: TF's DataType enum number ↔ our `DType` name (TF's Python
 * name) ↔ bytes per element as stored ↔ the typed array that holds the values on the host.
 * Other layers look dtypes up here rather than keeping their own lists.
 */
import { SavedModelError } from '../errors.js';

/** TensorFlow dtypes by their Python names (`tf.float32.name` …). */
export type DType =
  | 'float32'
  | 'float64'
  | 'int32'
  | 'uint8'
  | 'int16'
  | 'int8'
  | 'string'
  | 'complex64'
  | 'int64'
  | 'bool'
  | 'qint8'
  | 'quint8'
  | 'qint32'
  | 'bfloat16'
  | 'qint16'
  | 'quint16'
  | 'uint16'
  | 'complex128'
  | 'float16'
  | 'resource'
  | 'variant'
  | 'uint32'
  | 'uint64'
  | 'float8_e5m2'
  | 'float8_e4m3fn'
  | 'float8_e4m3fnuz'
  | 'float8_e4m3b11fnuz'
  | 'float8_e5m2fnuz'
  | 'int4'
  | 'uint4'
  | 'int2'
  | 'uint2'
  | 'float4_e2m1fn';

/** Typed arrays that hold fixed-size dtypes. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Constructors of the typed arrays in `NumericArray`. */
export type NumericArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/** What we know about one dtype. */
export interface DTypeInfo {
  name: DType;
  /** TF's DataType enum value (DT_FLOAT = 1 …). */
  enumValue: number;
  /** Bytes per element in a checkpoint and in memory; null for string, resource and variant. */
  elementBytes: number | null;
  /** Host array type; null for string (Uint8Array[]), resource and variant. */
  array: NumericArrayConstructor | null;
  /** Array slots per element: 2 for complex (real, imaginary interleaved), else 1. */
  slotsPerElement: number;
}

const rows: [DType, number, number | null, NumericArrayConstructor | null, number?][] = [
  ['float32', 1, 4, Float32Array],
  ['float64', 2, 8, Float64Array],
  ['int32', 3, 4, Int32Array],
  ['uint8', 4, 1, Uint8Array],
  ['int16', 5, 2, Int16Array],
  ['int8', 6, 1, Int8Array],
  ['string', 7, null, null],
  ['complex64', 8, 8, Float32Array, 2],
  ['int64', 9, 8, BigInt64Array],
  ['bool', 10, 1, Uint8Array],
  ['qint8', 11, 1, Int8Array],
  ['quint8', 12, 1, Uint8Array],
  ['qint32', 13, 4, Int32Array],
  ['bfloat16', 14, 2, Uint16Array],
  ['qint16', 15, 2, Int16Array],
  ['quint16', 16, 2, Uint16Array],
  ['uint16', 17, 2, Uint16Array],
  ['complex128', 18, 16, Float64Array, 2],
  ['float16', 19, 2, Uint16Array],
  ['resource', 20, null, null],
  ['variant', 21, null, null],
  ['uint32', 22, 4, Uint32Array],
  ['uint64', 23, 8, BigUint64Array],
  ['float8_e5m2', 24, 1, Uint8Array],
  ['float8_e4m3fn', 25, 1, Uint8Array],
  ['float8_e4m3fnuz', 26, 1, Uint8Array],
  ['float8_e4m3b11fnuz', 27, 1, Uint8Array],
  ['float8_e5m2fnuz', 28, 1, Uint8Array],
  // TF keeps 4- and 2-bit integers one per byte in memory and in checkpoints.
  ['int4', 29, 1, Int8Array],
  ['uint4', 30, 1, Uint8Array],
  ['int2', 31, 1, Int8Array],
  ['uint2', 32, 1, Uint8Array],
  ['float4_e2m1fn', 33, 1, Uint8Array],
];

const byName = new Map<DType, DTypeInfo>();
const byEnum = new Map<number, DTypeInfo>();
for (const [name, enumValue, elementBytes, array, slots] of rows) {
  const info: DTypeInfo = Object.freeze({ name, enumValue, elementBytes, array, slotsPerElement: slots ?? 1 });
  byName.set(name, info);
  byEnum.set(enumValue, info);
}

/** Every dtype name, in TF enum order. */
export const DTYPES: readonly DType[] = rows.map((r) => r[0]);

/** True when `s` names a dtype. */
export function isDType(s: string): s is DType {
  return byName.has(s as DType);
}

/** Facts about dtype `name`; throws INVALID_ARGUMENT for an unknown name. */
export function dtypeInfo(name: DType): DTypeInfo {
  const info = byName.get(name);
  if (!info) throw new SavedModelError('INVALID_ARGUMENT', `unknown dtype '${String(name)}': expected one of ${DTYPES.join(', ')}`);
  return info;
}

/**
 * The dtype of TF enum value `v`. Reference dtypes (DT_FLOAT_REF = 101 …) map to their base
 * dtype. Throws `code` (DATA_LOSS by default: an unknown enum comes from a corrupt or newer file).
 */
export function dtypeFromEnum(v: number, code: 'DATA_LOSS' | 'INVALID_ARGUMENT' = 'DATA_LOSS'): DType {
  const info = byEnum.get(v > 100 ? v - 100 : v);
  if (!info) throw new SavedModelError(code, `unknown TensorFlow DataType enum value ${v}`);
  return info.name;
}

/** TF's DataType enum value of dtype `name`. */
export function dtypeToEnum(name: DType): number {
  return dtypeInfo(name).enumValue;
}
