/**
 * Kernels: activations, convolution, pooling, normalisation (definitions: src/graph/ops/nn.ts).
 * tfjs computes in NHWC; NCHW nodes are transposed in and out.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostScalar } from './host.js';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

const isNchw = (ctx: KernelContext): boolean => ctx.str('data_format') === 'NCHW';
const toNhwc = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
const toNchw = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x, [0, 3, 1, 2]) as tf.Tensor4D;

/** The H and W entries of a 4-element NHWC/NCHW attr list. */
function hw(ctx: KernelContext, name: string): [number, number] {
  const v = ctx.ints(name);
  if (v.length !== 4) throw ctx.error('INVALID_ARGUMENT', `attr '${name}' should have 4 entries, found ${v.length}`);
  return isNchw(ctx) ? [v[2], v[3]] : [v[1], v[2]];
}

function padding(ctx: KernelContext): Pad {
  const p = ctx.str('padding');
  if (p === 'SAME') return 'same';
  if (p === 'VALID') return 'valid';
  const e = ctx.ints('explicit_paddings');
  if (e.length !== 8) throw ctx.error('INVALID_ARGUMENT', `EXPLICIT padding needs 8 explicit_paddings, found ${e.length}`);
  const pairs: [number, number][] = [[e[0], e[1]], [e[2], e[3]], [e[4], e[5]], [e[6], e[7]]];
  const [n, a, b, c] = isNchw(ctx) ? [pairs[0], pairs[2], pairs[3], pairs[1]] : pairs;
  return [n, a, b, c];
}

/** Runs `f` on NHWC data, transposing NCHW nodes in and out. */
function nhwc(ctx: KernelContext, x: tf.Tensor, f: (x: tf.Tensor4D) => tf.Tensor): tf.Tensor {
  if (!isNchw(ctx)) return f(x as tf.Tensor4D);
  return tf.tidy(() => toNchw(f(toNhwc(x))));
}

function fusedBatchNorm([x, scale, offset, mean, variance]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const eps = ctx.float('epsilon');
  if (!ctx.bool('is_training')) {
    const y = nhwc(ctx, x, (v) => tf.batchNorm(v, mean, variance, offset, scale, eps));
    const outs = [y, mean, variance, mean, variance];
    return ctx.numOutputs === 6 ? [...outs, tf.tensor1d([], 'float32')] : outs;
  }
  return tf.tidy(() => {
    const xn: tf.Tensor = isNchw(ctx) ? toNhwc(x) : x;
    const { mean: m, variance: v } = tf.moments(xn, [0, 1, 2]);
    const y = nhwc(ctx, x, (t) => tf.batchNorm(t, m, v, offset, scale, eps));
    const n = xn.size / (xn.shape[3] as number);
    const unbiased = tf.mul(v, n > 1 ? n / (n - 1) : 1);
    const f = ctx.float('exponential_avg_factor');
    const blend = (old: tf.Tensor, cur: tf.Tensor): tf.Tensor => (f === 1 ? cur : tf.add(tf.mul(old, 1 - f), tf.mul(cur, f)));
    const outs = [y, blend(mean, m), blend(variance, unbiased), m, v];
    return ctx.numOutputs === 6 ? [...outs, tf.tensor1d([], 'float32')] : outs;
  });
}

/** A window op's attrs, parsed once per node (attrs never change). */
interface Window {
  readonly pad: Pad;
  readonly strides: [number, number];
  /** `ksize` for pooling, `dilations` for convolutions. */
  readonly size: [number, number];
}

function windowAttrs(ctx: KernelContext, sizeAttr: 'ksize' | 'dilations'): Window {
  return ctx.memo(() => ({ pad: padding(ctx), strides: hw(ctx, 'strides'), size: hw(ctx, sizeAttr) }));
}

function pool(kind: 'max' | 'avg') {
  return ([x]: tf.Tensor[], ctx: KernelContext) => {
    const { pad, strides, size } = windowAttrs(ctx, 'ksize');
    if (Array.isArray(pad)) throw ctx.error('UNIMPLEMENTED', 'pooling with EXPLICIT padding');
    return nhwc(ctx, x, (v) => (kind === 'max' ? tf.maxPool(v, size, strides, pad) : tf.avgPool(v, size, strides, pad)));
  };
}

export const nnKernels: KernelTable = {
  Relu: ([x]) => tf.relu(x),
  Relu6: ([x]) => tf.relu6(x),
  Softmax: ([x]) => tf.softmax(x),
  BiasAdd: ([x, b], ctx) => (x.rank >= 3 && isNchw(ctx)
    ? tf.tidy(() => tf.add(x, tf.reshape(b, [b.shape[0], ...new Array<number>(x.rank - 2).fill(1)])))
    : tf.add(x, b)),
  BiasAddV1: ([x, b]) => tf.add(x, b),
  Conv2D: ([x, f], ctx) => {
    const { pad, strides, size } = windowAttrs(ctx, 'dilations');
    return nhwc(ctx, x, (v) => tf.conv2d(v, f as tf.Tensor4D, strides, pad, 'NHWC', size));
  },
  DepthwiseConv2dNative: ([x, f], ctx) => {
    const { pad, strides, size } = windowAttrs(ctx, 'dilations');
    return nhwc(ctx, x, (v) => tf.depthwiseConv2d(v, f as tf.Tensor4D, strides, pad, 'NHWC', size));
  },
  MaxPool: pool('max'),
  AvgPool: pool('avg'),
  FusedBatchNormV3: fusedBatchNorm,
  TopKV2: ([x, k], ctx) => {
    const { values, indices } = tf.topk(x, hostScalar(k), ctx.bool('sorted'));
    return [values, indices];
  },
};
