/**
 * Kernels: convolutions (1-D, 3-D, transposed, fused, morphological) and 3-D / argmax pooling
 * (definitions: src/graph/ops/conv.ts). Channels-first nodes are transposed to channels-last
 * around the tfjs op; dilations tfjs cannot combine with strides are applied to the filter.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts } from './host.js';
import { channelsFirst, channelsLast, dilateFilter, paddingAttr, spatialAttr, toLastPerm } from './conv_util.js';

type Act = 'linear' | 'relu' | 'relu6' | 'elu' | 'leakyrelu' | 'sigmoid';
const ACTIVATIONS: Readonly<Record<string, Act>> = { Relu: 'relu', Relu6: 'relu6', Elu: 'elu', LeakyRelu: 'leakyrelu', Sigmoid: 'sigmoid' };

function rankCheck(x: tf.Tensor, rank: number, what: string, ctx: KernelContext): void {
  if (x.rank !== rank) throw ctx.error('INVALID_ARGUMENT', `${what} must be ${rank}-D, found shape [${x.shape}]`);
}

/** Dilations tfjs cannot apply together with strides > 1 are folded into the filter. */
function convArgs(ctx: KernelContext, filter: tf.Tensor, rank: number, dilName = 'dilations'): { f: tf.Tensor; strides: number[]; dil: number[] } {
  const strides = spatialAttr(ctx, 'strides', rank);
  const dil = spatialAttr(ctx, dilName, rank);
  if (strides.every((s) => s === 1) || dil.every((d) => d === 1)) return { f: filter, strides, dil };
  return { f: dilateFilter(filter, dil), strides, dil: dil.map(() => 1) };
}

function conv3d([x, filter]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  rankCheck(x, 5, 'input', ctx);
  rankCheck(filter, 5, 'filter', ctx);
  return tf.tidy(() => {
    const { f, strides, dil } = convArgs(ctx, filter, 5);
    const pad = paddingAttr(ctx, 5) as 'same' | 'valid';
    return channelsLast(ctx, [x], (v) => tf.conv3d(v as tf.Tensor5D, f as tf.Tensor5D, strides as [number, number, number], pad, 'NDHWC', dil as [number, number, number]));
  });
}

function conv1d([x, filter]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  rankCheck(x, 3, 'input', ctx);
  const pad = ctx.str('padding') === 'SAME' ? 'same' : 'valid';
  return channelsLast(ctx, [x], (v) => tf.conv1d(v as tf.Tensor3D, filter as tf.Tensor3D, ctx.int('stride'), pad, 'NWC', ctx.int('dilation')));
}

function conv2dBackpropInput([sizes, filter, dy]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  rankCheck(dy, 4, 'out_backprop', ctx);
  rankCheck(filter, 4, 'filter', ctx);
  const shape = hostInts(sizes);
  if (shape.length !== 4) throw ctx.error('INVALID_ARGUMENT', `input_sizes must have 4 elements, found [${shape}]`);
  const nhwc = (channelsFirst(ctx) ? toLastPerm(4).map((i) => shape[i]) : shape) as [number, number, number, number];
  return tf.tidy(() => {
    const f = dilateFilter(filter, spatialAttr(ctx, 'dilations', 4));
    const pad = paddingAttr(ctx, 4);
    const strides = spatialAttr(ctx, 'strides', 4) as [number, number];
    return channelsLast(ctx, [dy], (v) => tf.conv2dTranspose(v as tf.Tensor4D, f as tf.Tensor4D, nhwc, strides, pad as 'same'));
  });
}

/** Applies TF's `fused_ops` after a convolution, channels-last; `args` are the fused operands in order. */
function applyFused(y: tf.Tensor, ops: string[], args: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  let k = 0;
  const next = (): tf.Tensor => {
    if (k >= args.length) throw ctx.error('INVALID_ARGUMENT', `fused_ops [${ops}] need more than ${args.length} args`);
    return args[k++];
  };
  for (const op of ops) {
    if (op === 'BiasAdd' || op === 'Add') y = tf.add(y, next());
    else if (op === 'FusedBatchNorm') {
      const [scale, offset, mean, variance] = [next(), next(), next(), next()];
      y = tf.batchNorm(y, mean, variance, offset, scale, ctx.float('epsilon'));
    } else if (op === 'Relu') y = tf.relu(y);
    else if (op === 'Relu6') y = tf.relu6(y);
    else if (op === 'Elu') y = tf.elu(y);
    else if (op === 'LeakyRelu') y = tf.leakyRelu(y, ctx.float('leakyrelu_alpha'));
    else if (op === 'Sigmoid') y = tf.sigmoid(y);
    else if (op === 'Tanh') y = tf.tanh(y);
    else throw ctx.error('UNIMPLEMENTED', `fused op '${op}' in fused_ops [${ops}]`);
  }
  return y;
}

/** A `BiasAdd[, activation]` fusion tfjs runs as one fused kernel, or `undefined`. */
function simpleFusion(ops: string[]): Act | undefined {
  if (ops[0] !== 'BiasAdd' || ops.length > 2) return undefined;
  return ops.length === 1 ? 'linear' : ACTIVATIONS[ops[1]];
}

function fusedConv(depthwise: boolean) {
  return (inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    const [x, filter] = inputs;
    rankCheck(x, 4, 'input', ctx);
    rankCheck(filter, 4, 'filter', ctx);
    const fmt = ctx.str('data_format');
    if (fmt === 'NCHW_VECT_C' || (ctx.has('filter_format') && ctx.str('filter_format') === 'OIHW_VECT_I')) {
      throw ctx.error('UNIMPLEMENTED', 'int8 vectorised layouts (NCHW_VECT_C, OIHW_VECT_I) are not supported');
    }
    const args = inputs.slice(2, 2 + (ctx.has('TArgs') ? ctx.dtypes('TArgs').length : ctx.int('num_args')));
    const ops = ctx.strs('fused_ops');
    return tf.tidy(() => {
      const hwio = ctx.has('filter_format') && ctx.str('filter_format') === 'OIHW' ? tf.transpose(filter, [2, 3, 1, 0]) : filter;
      const { f, strides, dil } = convArgs(ctx, hwio, 4);
      const pad = paddingAttr(ctx, 4);
      const s = strides as [number, number];
      const d = dil as [number, number];
      // NCHW addends (Add) and the input go channels-last; per-channel vectors broadcast either way.
      const perChannel = (t: tf.Tensor): boolean => t.rank <= 1;
      return channelsLast(ctx, [x, ...args.filter((a) => !perChannel(a))], (v, ...moved) => {
        let m = 0;
        const lastArgs = args.map((a) => (perChannel(a) ? a : moved[m++]));
        const act = simpleFusion(ops);
        if (act) {
          const base = { x: v as tf.Tensor4D, filter: f as tf.Tensor4D, strides: s, dilations: d, bias: lastArgs[0], activation: act, leakyreluAlpha: ctx.float('leakyrelu_alpha') };
          return depthwise
            ? tf.fused.depthwiseConv2d({ ...base, pad: pad as 'same' })
            : tf.fused.conv2d({ ...base, pad: pad as 'same' });
        }
        const y = depthwise ? tf.depthwiseConv2d(v as tf.Tensor4D, f as tf.Tensor4D, s, pad as 'same', 'NHWC', d) : tf.conv2d(v as tf.Tensor4D, f as tf.Tensor4D, s, pad as 'same', 'NHWC', d);
        return applyFused(y, ops, lastArgs, ctx);
      });
    });
  };
}

function depthwise([x, filter]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  rankCheck(x, 4, 'input', ctx);
  return tf.tidy(() => {
    const { f, strides, dil } = convArgs(ctx, filter, 4);
    const pad = paddingAttr(ctx, 4);
    return channelsLast(ctx, [x], (v) => tf.depthwiseConv2d(v as tf.Tensor4D, f as tf.Tensor4D, strides as [number, number], pad as 'same', 'NHWC', dil as [number, number]));
  });
}

function dilation2d([x, filter]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  rankCheck(x, 4, 'input', ctx);
  rankCheck(filter, 3, 'filter', ctx);
  const strides = spatialAttr(ctx, 'strides', 4) as [number, number];
  const rates = spatialAttr(ctx, 'rates', 4) as [number, number];
  return tf.dilation2d(x as tf.Tensor4D, filter as tf.Tensor3D, strides, ctx.str('padding') === 'SAME' ? 'same' : 'valid', rates, 'NHWC');
}

function pool3d(kind: 'max' | 'avg') {
  return ([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    rankCheck(x, 5, 'input', ctx);
    const k = spatialAttr(ctx, 'ksize', 5) as [number, number, number];
    const s = spatialAttr(ctx, 'strides', 5) as [number, number, number];
    const pad = ctx.str('padding') === 'SAME' ? 'same' : 'valid';
    return channelsLast(ctx, [x], (v) => (kind === 'max' ? tf.maxPool3d(v as tf.Tensor5D, k, s, pad) : tf.avgPool3d(v as tf.Tensor5D, k, s, pad)));
  };
}

/** Output size and leading padding of one spatial dimension (TF's SAME / VALID rules). */
function windowDim(size: number, k: number, s: number, same: boolean): { out: number; before: number } {
  if (!same) return { out: Math.max(0, Math.ceil((size - k + 1) / s)), before: 0 };
  const out = Math.ceil(size / s);
  return { out, before: Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) };
}

/**
 * Max pooling with the flat index of each maximum (first one on ties), computed on the host: the
 * tfjs WASM kernel starts its running max at FLT_MIN, which is wrong for all-negative windows.
 */
function maxPoolWithArgmax([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  rankCheck(x, 4, 'input', ctx);
  const [kh, kw] = spatialAttr(ctx, 'ksize', 4);
  const [sh, sw] = spatialAttr(ctx, 'strides', 4);
  const same = ctx.str('padding') === 'SAME';
  const [batch, h, w, c] = x.shape;
  const rows = windowDim(h, kh, sh, same);
  const cols = windowDim(w, kw, sw, same);
  const data = x.dataSync() as ArrayLike<number>;
  const n = batch * rows.out * cols.out * c;
  const vals = new Float32Array(n);
  const idx = new Int32Array(n);
  const withBatch = ctx.bool('include_batch_in_index');
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const y0 = oy * sh - rows.before;
      for (let ox = 0; ox < cols.out; ox++) {
        const x0 = ox * sw - cols.before;
        for (let ch = 0; ch < c; ch++, o++) {
          let best = -Infinity;
          let at = -1;
          for (let y = Math.max(y0, 0); y < Math.min(y0 + kh, h); y++) {
            for (let xx = Math.max(x0, 0); xx < Math.min(x0 + kw, w); xx++) {
              const flat = ((b * h + y) * w + xx) * c + ch;
              if (at < 0 || data[flat] > best) {
                best = data[flat];
                at = flat;
              }
            }
          }
          vals[o] = best;
          idx[o] = withBatch ? at : at - b * h * w * c;
        }
      }
    }
  }
  const shape = [batch, rows.out, cols.out, c];
  return [tf.tensor(vals, shape, x.dtype), tf.tensor(idx, shape, 'int32')];
}

export const convKernels: KernelTable = {
  Conv1D: conv1d,
  Conv2DBackpropInput: conv2dBackpropInput,
  Conv3D: conv3d,
  DepthwiseConv2d: depthwise,
  Dilation2D: dilation2d,
  _FusedConv2D: fusedConv(false),
  _FusedDepthwiseConv2dNative: fusedConv(true),
  FusedDepthwiseConv2dNative: fusedConv(true),
  AvgPool3D: pool3d('avg'),
  MaxPool3D: pool3d('max'),
  MaxPoolWithArgmax: maxPoolWithArgmax,
};
