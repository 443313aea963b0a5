/**
 * TensorFlow's `DataType` enum (tensorflow/core/framework/types.proto): the wire numbers and the
 * Python names (`tf.float32.name`), which are the names this library uses everywhere (`DType`).
 * Reference types (`DT_FLOAT_REF` …) are the base number + 100.
 */
import { SavedModelError } from '../errors.js';

/** TF dtype names as Python spells them (`tf.DType.name`). */
export type TfDType =
  | 'float32' | 'float64' | 'int32' | 'uint8' | 'int16' | 'int8' | 'string' | 'complex64' | 'int64'
  | 'bool' | 'qint8' | 'quint8' | 'qint32' | 'bfloat16' | 'qint16' | 'quint16' | 'uint16'
  | 'complex128' | 'float16' | 'resource' | 'variant' | 'uint32' | 'uint64'
  | 'float8_e5m2' | 'float8_e4m3fn' | 'int4' | 'uint4';

/** Enum number → name, as in types.proto. */
const BY_NUMBER: ReadonlyMap<number, TfDType> = new Map<number, TfDType>([
  [1, 'float32'], [2, 'float64'], [3, 'int32'], [4, 'uint8'], [5, 'int16'], [6, 'int8'], [7, 'string'],
  [8, 'complex64'], [9, 'int64'], [10, 'bool'], [11, 'qint8'], [12, 'quint8'], [13, 'qint32'],
  [14, 'bfloat16'], [15, 'qint16'], [16, 'quint16'], [17, 'uint16'], [18, 'complex128'], [19, 'float16'],
  [20, 'resource'], [21, 'variant'], [22, 'uint32'], [23, 'uint64'], [24, 'float8_e5m2'],
  [25, 'float8_e4m3fn'], [29, 'int4'], [30, 'uint4'],
]);

const BY_NAME: ReadonlyMap<string, number> = new Map(
  [...BY_NUMBER].map(([n, name]) => [name, n] as [string, number]),
);

/** Aliases accepted in op specs and user input besides the Python names (C++ short names). */
const ALIASES: Readonly<Record<string, TfDType>> = {
  float: 'float32', double: 'float64', half: 'float16', complex: 'complex64', DT_FLOAT: 'float32',
};

/** The Python name of a `DataType` enum number; reference types map to their base type. */
export function dtypeFromEnum(n: number): TfDType {
  const name = BY_NUMBER.get(n > 100 ? n - 100 : n);
  if (name === undefined) throw new SavedModelError('INVALID_ARGUMENT', `unknown TensorFlow DataType enum value ${n}`);
  return name;
}

/** True when the enum number is a reference type (`DT_*_REF`, TF1 ref variables). */
export function isRefDtypeEnum(n: number): boolean {
  return n > 100;
}

/** The `DataType` enum number of a dtype name (Python or C++ short spelling, or `DT_*`). */
export function dtypeToEnum(name: string): number {
  const n = BY_NAME.get(parseDtypeName(name));
  if (n === undefined) throw new SavedModelError('INVALID_ARGUMENT', `unknown dtype '${name}'`);
  return n;
}

/** Normalises a dtype spelling (`float`, `DT_FLOAT`, `float32`) to its Python name, or throws. */
export function parseDtypeName(name: string): TfDType {
  if (BY_NAME.has(name)) return name as TfDType;
  const alias = ALIASES[name];
  if (alias) return alias;
  if (name.startsWith('DT_')) {
    const lower = name.slice(3).toLowerCase();
    const mapped = { float: 'float32', double: 'float64', half: 'float16' }[lower] ?? lower;
    if (BY_NAME.has(mapped)) return mapped as TfDType;
  }
  throw new SavedModelError('INVALID_ARGUMENT', `unknown dtype '${name}'`);
}

/** True when `name` names a TF dtype (any accepted spelling). */
export function isDtypeName(name: string): boolean {
  try {
    parseDtypeName(name);
    return true;
  } catch {
    return false;
  }
}

/** All dtype names with their enum numbers, in enum order (for docs and tests). */
export function allDtypes(): ReadonlyArray<readonly [TfDType, number]> {
  return [...BY_NUMBER].map(([n, name]) => [name, n] as const);
}
