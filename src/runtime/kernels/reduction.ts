/**
 * Kernels: reductions, arg-reductions, scans, bincounts (definitions: src/graph/ops/reduction.ts).
 * Axes come from the `reduction_indices`/`axis` tensor (scalar or vector, negative counted from
 * the end, checked like TF). NaN propagates through `Max`/`Min` as in TF (the backend does it).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { isInt, wrapToAttr } from '../integer.js';
import { registerMathGradients } from '../gradients_math.js';

registerMathGradients();

/** The reduction axes held by `t`, made non-negative and checked against `rank`. */
export function readAxes(t: tf.Tensor, rank: number, ctx: KernelContext): number[] {
  if (t.rank > 1) throw ctx.error('INVALID_ARGUMENT', `reduction axes must be a scalar or vector, got shape [${t.shape.join(',')}]`);
  const seen = new Set<number>();
  return Array.from(t.dataSync() as Int32Array, (a) => {
    if (a < -Math.max(rank, 1) || a >= Math.max(rank, 1)) {
      throw ctx.error('INVALID_ARGUMENT', `Invalid reduction dimension (${a} for input with ${rank} dimension(s))`);
    }
    const axis = a < 0 ? a + rank : a;
    if (seen.has(axis)) throw ctx.error('INVALID_ARGUMENT', `Invalid reduction arguments: Axes contains duplicate dimension: ${axis}`);
    seen.add(axis);
    return axis;
  });
}

type Reducer = (x: tf.Tensor, axes: number[], keepDims: boolean) => tf.Tensor;

/** A reduction kernel: no axes returns the input unchanged (as TF does, whatever keep_dims says). */
function reduction(f: Reducer, wrap = false) {
  return ([x, axesT]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    const axes = readAxes(axesT, x.rank, ctx);
    if (axes.length === 0 || x.rank === 0) return tf.clone(x);
    return tf.tidy(() => {
      const y = f(x, axes, ctx.bool('keep_dims'));
      return wrap ? wrapToAttr(y, ctx) : y;
    });
  };
}

function euclideanNorm(x: tf.Tensor, axes: number[], keepDims: boolean): tf.Tensor {
  if (!isInt(x)) return tf.sqrt(tf.sum(tf.square(x), axes, keepDims));
  const sum = tf.cast(tf.sum(tf.square(x), axes, keepDims), 'float32');
  return tf.cast(tf.floor(tf.sqrt(sum)), 'int32');
}

function argReduce(f: (x: tf.Tensor, axis: number) => tf.Tensor) {
  return ([x, dim]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    if (dim.size !== 1) throw ctx.error('INVALID_ARGUMENT', `dimension must be a scalar, got shape [${dim.shape.join(',')}]`);
    const [axis] = readAxes(dim, x.rank, ctx);
    return tf.tidy(() => f(x.dtype === 'bool' ? tf.cast(x, 'int32') : x, axis));
  };
}

function scan(f: (x: tf.Tensor, axis: number, exclusive: boolean, reverse: boolean) => tf.Tensor) {
  return ([x, axisT]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    if (axisT.size !== 1) throw ctx.error('INVALID_ARGUMENT', `axis must be a scalar, got shape [${axisT.shape.join(',')}]`);
    const [axis] = readAxes(axisT, x.rank, ctx);
    return tf.tidy(() => wrapToAttr(f(x, axis, ctx.bool('exclusive'), ctx.bool('reverse')), ctx));
  };
}

/** The bin count of a `size` scalar, checked non-negative. */
function binSize(t: tf.Tensor, ctx: KernelContext): number {
  const n = t.dataSync()[0] as number;
  if (t.size !== 1 || n < 0) throw ctx.error('INVALID_ARGUMENT', `size must be a non-negative scalar, got ${t.size === 1 ? n : `shape [${t.shape}]`}`);
  return n;
}

export const reductionKernels: KernelTable = {
  Sum: reduction((x, a, k) => tf.sum(x, a, k), true),
  Prod: reduction((x, a, k) => tf.prod(x, a, k), true),
  Max: reduction((x, a, k) => tf.max(x, a, k)),
  Min: reduction((x, a, k) => tf.min(x, a, k)),
  EuclideanNorm: reduction(euclideanNorm),
  All: reduction((x, a, k) => tf.all(x, a, k)),
  Any: reduction((x, a, k) => tf.any(x, a, k)),
  ArgMax: argReduce((x, axis) => tf.argMax(x, axis)),
  ArgMin: argReduce((x, axis) => tf.argMin(x, axis)),
  Cumsum: scan((x, axis, e, r) => tf.cumsum(x, axis, e, r)),
  Cumprod: scan((x, axis, e, r) => tf.cumprod(x, axis, e, r)),
  Bincount: ([arr, sizeT, weights], ctx) => {
    const size = binSize(sizeT, ctx);
    return tf.bincount(arr as tf.Tensor1D, weights as tf.Tensor1D, size);
  },
  DenseBincount: ([input, sizeT, weights], ctx) => {
    const size = binSize(sizeT, ctx);
    if (input.rank > 2) throw ctx.error('INVALID_ARGUMENT', `input must be 1-D or 2-D, got rank ${input.rank}`);
    return tf.denseBincount(input as tf.Tensor1D | tf.Tensor2D, weights as tf.Tensor1D | tf.Tensor2D, size, ctx.bool('binary_output'));
  },
};
