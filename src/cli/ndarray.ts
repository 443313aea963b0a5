/**
 * `NdArray`: the CLI's neutral form of an array (what .npy files, Python literals and signature
 * results are converted to and from): a numpy dtype name, a shape, and row-major values.
 */

/** numpy dtypes the CLI reads and writes (`bytes` = numpy `S`, `str` = numpy `U`). */
export type NpDtype =
  | 'float16' | 'float32' | 'float64'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'bool' | 'bytes' | 'str';

/** Row-major values: numbers, bigints (64-bit integers), booleans, byte strings or text. */
export type NdValues = ArrayLike<number> | readonly bigint[] | readonly boolean[] | readonly Uint8Array[] | readonly string[];

/** An n-dimensional array. */
export interface NdArray {
  readonly dtype: NpDtype;
  readonly shape: readonly number[];
  readonly data: NdValues;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** True for the floating dtypes. */
export function isFloatDtype(d: NpDtype): boolean {
  return d === 'float16' || d === 'float32' || d === 'float64';
}
