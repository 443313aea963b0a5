/**
 * Element selection on any dtype. Many array ops (gather, slice, reverse, split, pad, broadcast …)
 * only move elements around; tfjs implements them for numeric tensors. For string tensors the
 * same op is run on an int32 "iota" tensor holding each element's flat index, and the resulting
 * indices pick the byte strings on the host.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hostStrings } from './host.js';

/** Flat element indices 0..n-1 in the shape of `x`. */
function iota(x: tf.Tensor): tf.Tensor {
  return tf.reshape(tf.range(0, x.size, 1, 'int32'), x.shape);
}

/** Picks `src[idx[i]]` (or `fill` where idx is negative) into a string tensor of `shape`. */
export function pickStrings(src: Uint8Array[], idx: ArrayLike<number>, shape: number[], fill?: Uint8Array): tf.Tensor {
  const out: Uint8Array[] = new Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const k = idx[i];
    out[i] = k < 0 ? fill ?? new Uint8Array(0) : src[k];
  }
  return tf.tensor(out, shape, 'string');
}

/**
 * `op(x)` for numeric tensors; for strings, `op` runs on the flat-index tensor and the strings are
 * gathered on the host. `op` must only select elements (negative indices mean `fill`).
 */
export function selectAny(x: tf.Tensor, op: (t: tf.Tensor) => tf.Tensor, fill?: Uint8Array): tf.Tensor {
  if (x.dtype !== 'string') return op(x);
  const idx = tf.tidy(() => op(iota(x)));
  try {
    return pickStrings(hostStrings(x), idx.dataSync() as Int32Array, idx.shape, fill);
  } finally {
    idx.dispose();
  }
}

/** Like `selectAny` for ops with several outputs (split). */
export function selectAnyN(x: tf.Tensor, op: (t: tf.Tensor) => tf.Tensor[]): tf.Tensor[] {
  if (x.dtype !== 'string') return op(x);
  const parts = tf.tidy(() => op(iota(x)));
  const src = hostStrings(x);
  try {
    return parts.map((p) => pickStrings(src, p.dataSync() as Int32Array, p.shape));
  } finally {
    tf.dispose(parts);
  }
}
