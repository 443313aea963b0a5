/**
 * TensorFlow's DataType enum (types.proto) by the names this library uses everywhere: TF's
 * Python names (`tf.float32.name`). The one list of dtype names and enum numbers; element sizes
 * and host arrays live in src/bundle/dtypes.ts, tfjs equivalents in src/runtime/dtypes.ts.
 * Reference dtypes (DT_FLOAT_REF …) are the base number + 100.
 */
import { SavedModelError } from '../errors.js';

/** TensorFlow dtypes by their Python names (`tf.float32.name` …). */
export type DType =
  | 'float32' | 'float64' | 'int32' | 'uint8' | 'int16' | 'int8' | 'string' | 'complex64' | 'int64'
  | 'bool' | 'qint8' | 'quint8' | 'qint32' | 'bfloat16' | 'qint16' | 'quint16' | 'uint16'
  | 'complex128' | 'float16' | 'resource' | 'variant' | 'uint32' | 'uint64'
  | 'float8_e5m2' | 'float8_e4m3fn' | 'float8_e4m3fnuz' | 'float8_e4m3b11fnuz' | 'float8_e5m2fnuz'
  | 'int4' | 'uint4' | 'int2' | 'uint2' | 'float4_e2m1fn';

/** [name, DataType enum number], in enum order. */
const ENUM: readonly (readonly [DType, number])[] = [
  ['float32', 1], ['float64', 2], ['int32', 3], ['uint8', 4], ['int16', 5], ['int8', 6], ['string', 7],
  ['complex64', 8], ['int64', 9], ['bool', 10], ['qint8', 11], ['quint8', 12], ['qint32', 13],
  ['bfloat16', 14], ['qint16', 15], ['quint16', 16], ['uint16', 17], ['complex128', 18], ['float16', 19],
  ['resource', 20], ['variant', 21], ['uint32', 22], ['uint64', 23], ['float8_e5m2', 24],
  ['float8_e4m3fn', 25], ['float8_e4m3fnuz', 26], ['float8_e4m3b11fnuz', 27], ['float8_e5m2fnuz', 28],
  ['int4', 29], ['uint4', 30], ['int2', 31], ['uint2', 32], ['float4_e2m1fn', 33],
];

const BY_NUMBER: ReadonlyMap<number, DType> = new Map(ENUM.map(([name, n]) => [n, name]));
const BY_NAME: ReadonlyMap<string, number> = new Map(ENUM);

/** Every dtype name, in TF enum order. */
export const DTYPES: readonly DType[] = ENUM.map(([name]) => name);

/** True when `s` is a dtype's Python name. */
export function isDType(s: string): s is DType {
  return BY_NAME.has(s);
}

/**
 * The dtype of DataType enum value `v`; reference dtypes map to their base dtype. An unknown
 * value throws `code` (DATA_LOSS where it comes from a file, INVALID_ARGUMENT from a caller).
 */
export function dtypeFromEnum(v: number, code: 'DATA_LOSS' | 'INVALID_ARGUMENT' = 'DATA_LOSS'): DType {
  const name = BY_NUMBER.get(v > 100 ? v - 100 : v);
  if (name === undefined) throw new SavedModelError(code, `unknown TensorFlow DataType enum value ${v}`);
  return name;
}

/** True when the enum number is a reference dtype (`DT_*_REF`, TF1 ref variables). */
export function isRefDtypeEnum(v: number): boolean {
  return v > 100;
}

/** The DataType enum value of a dtype (any spelling `parseDtypeName` accepts). */
export function dtypeToEnum(name: string): number {
  return BY_NAME.get(parseDtypeName(name))!;
}

/** Spellings accepted besides the Python names: C++ short names and `DT_*` enum names. */
const ALIASES: Readonly<Record<string, DType>> = { float: 'float32', double: 'float64', half: 'float16', complex: 'complex64' };

/** Normalises a dtype spelling (`float`, `DT_FLOAT`, `float32`) to its Python name; INVALID_ARGUMENT otherwise. */
export function parseDtypeName(name: string): DType {
  if (isDType(name)) return name;
  const alias = ALIASES[name];
  if (alias) return alias;
  if (name.startsWith('DT_') && !name.endsWith('_REF')) {
    const lower = name.slice(3).toLowerCase();
    const mapped = ALIASES[lower] ?? lower;
    if (isDType(mapped)) return mapped;
  }
  throw new SavedModelError('INVALID_ARGUMENT', `unknown dtype '${name}': expected one of ${DTYPES.join(', ')}`);
}
