/**
 * The one table of TensorFlow dtypes: TF's DataType enum number ↔ our `DType` name (TF's Python
 * name) ↔ bytes per element as stored ↔ the typed array that holds the values on the host.
 * Other layers look dtypes up here rather than keeping their own lists.
 */
import { SavedModelError } from '../errors.js';
import { DTYPES, dtypeFromEnum, dtypeToEnum as enumOf, isDType, type DType } from '../proto/dtypes.js';

export { DTYPES, dtypeFromEnum, isDType, type DType };

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

const rows: [DType, number | null, NumericArrayConstructor | null, number?][] = [
  ['float32', 4, Float32Array],
  ['float64', 8, Float64Array],
  ['int32', 4, Int32Array],
  ['uint8', 1, Uint8Array],
  ['int16', 2, Int16Array],
  ['int8', 1, Int8Array],
  ['string', null, null],
  ['complex64', 8, Float32Array, 2],
  ['int64', 8, BigInt64Array],
  ['bool', 1, Uint8Array],
  ['qint8', 1, Int8Array],
  ['quint8', 1, Uint8Array],
  ['qint32', 4, Int32Array],
  ['bfloat16', 2, Uint16Array],
  ['qint16', 2, Int16Array],
  ['quint16', 2, Uint16Array],
  ['uint16', 2, Uint16Array],
  ['complex128', 16, Float64Array, 2],
  ['float16', 2, Uint16Array],
  ['resource', null, null],
  ['variant', null, null],
  ['uint32', 4, Uint32Array],
  ['uint64', 8, BigUint64Array],
  ['float8_e5m2', 1, Uint8Array],
  ['float8_e4m3fn', 1, Uint8Array],
  ['float8_e4m3fnuz', 1, Uint8Array],
  ['float8_e4m3b11fnuz', 1, Uint8Array],
  ['float8_e5m2fnuz', 1, Uint8Array],
  // TF keeps 4- and 2-bit integers one per byte in memory and in checkpoints.
  ['int4', 1, Int8Array],
  ['uint4', 1, Uint8Array],
  ['int2', 1, Int8Array],
  ['uint2', 1, Uint8Array],
  ['float4_e2m1fn', 1, Uint8Array],
];

const byName = new Map<DType, DTypeInfo>();
for (const [name, elementBytes, array, slots] of rows) {
  byName.set(name, Object.freeze({ name, enumValue: enumOf(name), elementBytes, array, slotsPerElement: slots ?? 1 }));
}
if (byName.size !== DTYPES.length) throw new Error('src/bundle/dtypes.ts: the storage table must list every dtype of src/proto/dtypes.ts');

/** Facts about dtype `name`; throws INVALID_ARGUMENT for an unknown name. */
export function dtypeInfo(name: DType): DTypeInfo {
  const info = byName.get(name);
  if (!info) throw new SavedModelError('INVALID_ARGUMENT', `unknown dtype '${String(name)}': expected one of ${DTYPES.join(', ')}`);
  return info;
}

/** TF's DataType enum value of dtype `name`. */
export function dtypeToEnum(name: DType): number {
  return dtypeInfo(name).enumValue;
}
