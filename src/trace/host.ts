/**
 * tfjs values → HostTensor of a TensorFlow dtype (checkpoints, constants): tfjs holds int64 and
 * narrow integers in int32, float64 in float32, so values are widened or narrowed into the
 * TF dtype's array here (range-checked for narrowing).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { DType, NumericArray } from '../bundle/dtypes.js';
import { dtypeInfo } from '../bundle/dtypes.js';
import type { HostTensor } from '../bundle/host_tensor.js';

const INT_RANGE: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535], uint32: [0, 4294967295],
};

/** Converts flat tfjs values to the host array of `dtype`. */
export function hostArray(values: ArrayLike<number> | Uint8Array[], dtype: DType, what: string): HostTensor['data'] {
  if (dtype === 'string') {
    const enc = new TextEncoder();
    return Array.from(values as ArrayLike<Uint8Array | string>, (s) => (typeof s === 'string' ? enc.encode(s) : s));
  }
  const src = values as ArrayLike<number>;
  switch (dtype) {
    case 'float32': case 'complex64': return src instanceof Float32Array ? src.slice() : Float32Array.from(src);
    case 'float64': case 'complex128': return Float64Array.from(src);
    case 'int32': return src instanceof Int32Array ? src.slice() : Int32Array.from(src);
    case 'int64': return BigInt64Array.from(Array.from(src, (x) => BigInt(Math.trunc(x))));
    case 'uint64': return BigUint64Array.from(Array.from(src, (x) => BigInt(Math.max(0, Math.trunc(x)))));
    case 'bool': return Uint8Array.from(src, (x) => (x ? 1 : 0));
    default: {
      const info = dtypeInfo(dtype);
      const range = INT_RANGE[dtype];
      if (!info.array || !range) throw new SavedModelError('UNIMPLEMENTED', `${what}: saving ${dtype} values from tfjs is not supported`);
      for (let i = 0; i < src.length; i++) {
        if (src[i] < range[0] || src[i] > range[1]) throw new SavedModelError('OUT_OF_RANGE', `${what}: value ${src[i]} does not fit ${dtype}`);
      }
      return (info.array as unknown as { from(a: ArrayLike<number>): NumericArray }).from(src);
    }
  }
}

/** The values of a tfjs tensor as a HostTensor of TF dtype `dtype`. */
export async function hostTensorOf(t: tf.Tensor, dtype: DType, what: string): Promise<HostTensor> {
  // String tensors as their bytes (data() would decode them as UTF-8, losing non-text bytes).
  const data = t.dtype === 'string' ? ((await t.bytes()) as Uint8Array[]) : ((await t.data()) as ArrayLike<number>);
  return { dtype, shape: [...t.shape], data: hostArray(data, dtype, what) };
}
