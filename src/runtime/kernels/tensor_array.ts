/**
 * Kernels: TF1 TensorArrays (definitions: src/graph/ops/tensor_array.ts). A TensorArray is a
 * mutable array owned by its handle value (reference counted like every runtime object), so it
 * lives exactly as long as some edge carries the handle; the float `flow` edges only order the
 * writes and reads, and pass through unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { RuntimeObject, alias, type Value } from '../values.js';
import { hostInts, hostScalar } from './host.js';

/** The array behind a TensorArrayV3 handle. */
class TensorArray extends RuntimeObject {
  readonly kind = 'tensorarray';
  items: (tf.Tensor | null)[];

  constructor(size: number, readonly dtype: tf.DataType, readonly dynamic: boolean, readonly elementShape: number[] | null) {
    super();
    this.items = new Array<tf.Tensor | null>(size).fill(null);
  }

  write(i: number, t: tf.Tensor, ctx: KernelContext): void {
    if (i < 0 || (i >= this.items.length && !this.dynamic)) throw ctx.error('INVALID_ARGUMENT', `TensorArray index ${i} out of range [0, ${this.items.length})`);
    while (this.items.length <= i) this.items.push(null);
    this.items[i]?.dispose();
    this.items[i] = alias(t);
  }

  read(i: number, ctx: KernelContext): tf.Tensor {
    const t = this.items[i];
    if (t) return alias(t);
    if (i >= 0 && i < this.items.length && this.elementShape && this.elementShape.every((d) => d >= 0)) return tf.zeros(this.elementShape, this.dtype);
    throw ctx.error('INVALID_ARGUMENT', `TensorArray element ${i} was never written`);
  }

  protected override free(): void {
    for (const t of this.items) t?.dispose();
    this.items = [];
  }
}

function arrayOf(v: tf.Tensor, ctx: KernelContext): TensorArray {
  const x = v as Value;
  if (x instanceof TensorArray) return x;
  throw ctx.error('INVALID_ARGUMENT', 'expected a TensorArray handle');
}

function gather(ta: TensorArray, idx: number[], ctx: KernelContext): tf.Tensor {
  if (idx.length === 0) return tf.zeros([0, ...(ta.elementShape ?? []).map((d) => Math.max(d, 0))], ta.dtype);
  return tf.tidy(() => tf.stack(idx.map((i) => ta.read(i, ctx))));
}

export const tensorArrayKernels: KernelTable = {
  TensorArrayV3: ([size], ctx) => [
    new TensorArray(hostScalar(size), ctx.tfDtype('dtype'), ctx.bool('dynamic_size'), ctx.shape('element_shape').dims),
    tf.scalar(0),
  ],
  TensorArrayWriteV3: ([h, i, value, flow], ctx) => {
    arrayOf(h, ctx).write(hostScalar(i), value, ctx);
    return flow;
  },
  TensorArrayReadV3: ([h, i], ctx) => arrayOf(h, ctx).read(hostScalar(i), ctx),
  TensorArrayGatherV3: ([h, indices], ctx) => gather(arrayOf(h, ctx), hostInts(indices), ctx),
  TensorArrayScatterV3: ([h, indices, value, flow], ctx) => {
    const ta = arrayOf(h, ctx);
    const parts = tf.unstack(value);
    hostInts(indices).forEach((i, k) => ta.write(i, parts[k], ctx));
    parts.forEach((p) => p.dispose());
    return flow;
  },
  TensorArrayConcatV3: ([h], ctx) => {
    const ta = arrayOf(h, ctx);
    return tf.tidy(() => {
      const items = ta.items.map((_, i) => ta.read(i, ctx));
      const lengths = tf.tensor1d(items.map((t) => t.shape[0]), 'int32');
      return [items.length ? tf.concat(items) : tf.zeros([0], ta.dtype), lengths];
    });
  },
  TensorArraySplitV3: ([h, value, lengths, flow], ctx) => {
    const ta = arrayOf(h, ctx);
    const parts = tf.split(value, hostInts(lengths));
    parts.forEach((p, i) => ta.write(i, p, ctx));
    parts.forEach((p) => p.dispose());
    return flow;
  },
  TensorArraySizeV3: ([h], ctx) => tf.scalar(arrayOf(h, ctx).items.length, 'int32'),
  TensorArrayCloseV3: () => [],
};
