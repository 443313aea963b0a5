/**
 * Turning what a caller passes (a tfjs tensor, or plain numbers/booleans/strings/arrays/typed
 * arrays) into the tensor a signature or restored function declares: tensors are checked (dtype
 * per the runtime's table, not disposed), plain values are converted to the declared dtype's tfjs
 * carrier, with TF's refusals for non-integers and out-of-range values in integer dtypes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import { INT_RANGES, tfjsDtype } from '../runtime/dtypes.js';

/** A tensor for one input and whether the caller of `inputTensor` must dispose it. */
export interface InputTensor {
  readonly tensor: tf.Tensor;
  readonly owned: boolean;
}

/** True for a record of named values (not a tensor, array or typed array). */
export function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !(x instanceof tf.Tensor) && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** True for values `inputTensor` may convert (not tensors). */
export function isTensorLike(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || Array.isArray(v) || ArrayBuffer.isView(v);
}

function checkIntegers(value: unknown, dtype: DType, what: string): void {
  const range = INT_RANGES[dtype as TfDType] ?? [-2147483648, 2147483647];
  const flat: ArrayLike<unknown> = ArrayBuffer.isView(value)
    ? (value as unknown as ArrayLike<number>)
    : Array.isArray(value) ? tf.util.flatten(value as number[]) : [value];
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    const n = typeof v === 'boolean' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${what}: ${dtype} expects integers, got ${typeof v === 'number' ? v : typeof v}`);
    }
    if (n < range[0] || n > range[1]) {
      throw new SavedModelError('OUT_OF_RANGE', `${what}: ${n} is out of range for ${dtype} [${range[0]}, ${range[1]}]`);
    }
  }
}

/** Converts plain JS values to a new tensor of `dtype`'s tfjs carrier. */
function fromPlain(value: unknown, dtype: DType, what: string): tf.Tensor {
  const carrier = tfjsDtype(dtype as TfDType);
  if (carrier === 'complex64') throw new SavedModelError('UNIMPLEMENTED', `${what}: pass complex inputs as tfjs complex64 tensors`);
  if (carrier === 'int32' && !(value instanceof Int32Array)) checkIntegers(value, dtype, what);
  if (carrier === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: ${dtype} expects strings or bytes, got a ${typeof value}`);
  }
  try {
    return tf.tensor(value as tf.TensorLike, undefined, carrier);
  } catch (e) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: cannot make a ${dtype} tensor of the value given: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The tensor for one input declared as `dtype`. A tfjs tensor must already have the dtype's tfjs
 * carrier (`what` names the input in errors); plain values are converted (`owned: true`).
 */
export function inputTensor(value: unknown, dtype: DType, what: string): InputTensor {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new SavedModelError('INVALID_ARGUMENT', `${what}: the tensor given was disposed`);
    const carrier = tfjsDtype(dtype as TfDType);
    if (value.dtype !== carrier) {
      throw new SavedModelError('INVALID_ARGUMENT', `${what} expects ${dtype} (a tfjs ${carrier} tensor), got a ${value.dtype} tensor`);
    }
    return { tensor: value, owned: false };
  }
  if (!isTensorLike(value)) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what} expects a tensor or an array/number of ${dtype}, got ${value === null ? 'null' : typeof value}`);
  }
  return { tensor: fromPlain(value, dtype, what), owned: true };
}
