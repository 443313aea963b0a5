/**
 * Checkpoint values (HostTensor: exact TF values of every dtype) as tfjs tensors, following the
 * runtime's one dtype table (src/runtime/dtypes.ts): floats narrower or wider than float32 are
 * rounded to float32, small integers widen to int32, 64-bit and unsigned 32-bit integers must fit
 * int32 (else OUT_OF_RANGE), strings stay byte strings, complex becomes complex64.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { HostTensor } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import { halfToFloat } from '../runtime/tensor_proto.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

let halfTable: Float32Array | undefined;

/** float16 bits → float32 values through a 64 K lookup table (built once). */
function halfToFloat32(bits: Uint16Array): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
  }
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfTable[bits[i]];
  return out;
}

/** bfloat16 bits are the high half of a float32. */
function bfloat16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = bits[i] << 16;
  return new Float32Array(out.buffer);
}

/** Wide integers (64-bit, or unsigned 32-bit) narrowed to int32, refusing values that do not fit. */
function narrowToInt32(src: BigInt64Array | BigUint64Array | Uint32Array, what: string, dtype: string): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = Number(src[i]);
    if (v < INT32_MIN || v > INT32_MAX) {
      throw new SavedModelError('OUT_OF_RANGE', `${what}: ${dtype} value ${src[i]} (element ${i}) does not fit the int32 that tfjs computes with`);
    }
    out[i] = v;
  }
  return out;
}

function complexTensor(parts: Float32Array | Float64Array, shape: number[], what: string): tf.Tensor {
  if (!tf.getKernel('Complex', tf.getBackend())) {
    throw new SavedModelError('UNIMPLEMENTED', `${what}: complex tensors need complex kernels, which the ${tf.getBackend()} backend lacks`);
  }
  const n = parts.length / 2;
  const re = new Float32Array(n);
  const im = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = parts[2 * i];
    im[i] = parts[2 * i + 1];
  }
  return tf.tidy(() => tf.complex(tf.tensor(re, shape), tf.tensor(im, shape)));
}

/** A new tfjs tensor holding `t` in its tfjs carrier dtype (the caller owns it); `what` names it in errors. */
export function hostToTfjs(t: HostTensor, what: string): tf.Tensor {
  const shape = [...t.shape];
  const d = t.data;
  switch (t.dtype) {
    case 'string':
      return tf.tensor(d as Uint8Array[], shape, 'string');
    case 'float32':
      return tf.tensor(d as Float32Array, shape, 'float32');
    case 'float64':
      return tf.tensor(new Float32Array(d as Float64Array), shape, 'float32');
    case 'float16':
      return tf.tensor(halfToFloat32(d as Uint16Array), shape, 'float32');
    case 'bfloat16':
      return tf.tensor(bfloat16ToFloat32(d as Uint16Array), shape, 'float32');
    case 'int32': case 'qint32':
      return tf.tensor(d as Int32Array, shape, 'int32');
    case 'int8': case 'int16': case 'uint8': case 'uint16': case 'qint8': case 'quint8': case 'qint16': case 'quint16':
    case 'int4': case 'uint4':
      return tf.tensor(new Int32Array(d as Int8Array), shape, 'int32');
    case 'uint32': case 'int64': case 'uint64':
      return tf.tensor(narrowToInt32(d as BigInt64Array, what, t.dtype), shape, 'int32');
    case 'bool':
      return tf.tensor(d as Uint8Array, shape, 'bool');
    case 'complex64': case 'complex128':
      return complexTensor(d as Float32Array, shape, what);
    default:
      throw new SavedModelError('UNIMPLEMENTED', `${what}: dtype ${t.dtype} has no tfjs representation`);
  }
}
