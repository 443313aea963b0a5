/** Reading small shape-like tensors (axes, shapes, scalars) on the host, for kernel arguments. */
import * as tf from '@tensorflow/tfjs-core';

/** The values of an int tensor (shape, perm, multiples …) as a JS array. */
export function hostInts(t: tf.Tensor): number[] {
  return Array.from(t.dataSync() as ArrayLike<number>);
}

/** The single value of a scalar (or one-element) numeric tensor. */
export function hostScalar(t: tf.Tensor): number {
  return (t.dataSync() as ArrayLike<number>)[0];
}

/** The byte strings of a string tensor (no UTF-8 decoding). */
export function hostStrings(t: tf.Tensor): Uint8Array[] {
  if (t.dtype !== 'string') throw new Error(`expected a string tensor, got ${t.dtype}`);
  return tf.engine().readSync(t.dataId) as unknown as Uint8Array[];
}
