/** Kernels: shape queries, shape assertions, printing, fake quantisation (definitions: src/graph/ops/graph.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { summarize } from './summary.js';

function ensureShape([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const want = ctx.shape('shape').dims;
  const ok = want === null || (want.length === x.rank && want.every((d, i) => d < 0 || d === x.shape[i]));
  if (!ok) {
    const fmt = want === null ? '<unknown>' : `[${want.map((d) => (d < 0 ? '?' : d)).join(',')}]`;
    throw ctx.error('INVALID_ARGUMENT', `shape of tensor [${x.shape.join(',')}] is not compatible with expected shape ${fmt}`);
  }
  return tf.clone(x);
}

function print(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const state = ctx.memo(() => ({ count: 0 }));
  const firstN = ctx.int('first_n');
  if (firstN < 0 || state.count < firstN) {
    state.count++;
    const parts = inputs.slice(1).map((t) => `[${summarize(t, ctx.int('summarize'))}]`);
    console.error(ctx.str('message') + parts.join(''));
  }
  return tf.clone(inputs[0]);
}

/**
 * TF's fake quantisation: nudge [min, max] so that zero is exactly representable on the
 * 2^num_bits (−1 when narrow) grid, clamp, and round to the grid (round half up). Computed with
 * tensor ops so min/max stay on the device.
 */
function fakeQuant(x: tf.Tensor, min: tf.Tensor | number, max: tf.Tensor | number, ctx: KernelContext): tf.Tensor {
  const bits = ctx.int('num_bits');
  if (bits < 2 || bits > 16) throw ctx.error('INVALID_ARGUMENT', `num_bits must be in [2, 16], found ${bits}`);
  const qmin = ctx.bool('narrow_range') ? 1 : 0;
  const qmax = 2 ** bits - 1;
  return tf.tidy(() => {
    const scale = tf.div(tf.sub(max, min), qmax - qmin);
    const zeroFromMin = tf.sub(qmin, tf.div(min, scale));
    const zero = tf.clipByValue(tf.floor(tf.add(zeroFromMin, 0.5)), qmin, qmax);
    const lo = tf.mul(tf.sub(qmin, zero), scale);
    const hi = tf.mul(tf.sub(qmax, zero), scale);
    const clamped = tf.minimum(tf.maximum(x, lo), hi);
    const steps = tf.floor(tf.add(tf.mul(tf.sub(clamped, lo), tf.div(1, scale)), 0.5));
    return tf.add(tf.mul(steps, scale), lo);
  });
}

export const graphKernels: KernelTable = {
  Rank: ([x]) => tf.scalar(x.rank, 'int32'),
  Size: ([x], ctx) => tf.scalar(x.size, ctx.tfDtype('out_type')),
  ShapeN: (xs, ctx) => xs.map((x) => tf.tensor1d(x.shape, ctx.tfDtype('out_type') as 'int32')),
  EnsureShape: ensureShape,
  Print: print,
  FakeQuantWithMinMaxVars: ([x, min, max], ctx) => {
    if (min.size !== 1 || max.size !== 1) throw ctx.error('INVALID_ARGUMENT', `min and max must be scalars, found shapes [${min.shape}] and [${max.shape}]`);
    return fakeQuant(x, min, max, ctx);
  },
  FakeQuantWithMinMaxArgs: ([x], ctx) => {
    const min = ctx.float('min');
    const max = ctx.float('max');
    if (!(min < max)) throw ctx.error('INVALID_ARGUMENT', `min ${min} must be smaller than max ${max}`);
    return fakeQuant(x, Math.fround(min), Math.fround(max), ctx);
  },
};
