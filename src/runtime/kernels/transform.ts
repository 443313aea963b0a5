/** Kernels: padding, broadcasting, space/batch/depth rearrangements (definitions: src/graph/ops/transform.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar, hostStrings } from './host.js';
import { selectAny } from './select.js';

/** An `[n, 2]` int tensor (paddings, crops) as pairs, checked against the input rank. */
function pairs(t: tf.Tensor, n: number, what: string, ctx: KernelContext): [number, number][] {
  if (t.rank !== 2 || t.shape[0] !== n || t.shape[1] !== 2) throw ctx.error('INVALID_ARGUMENT', `${what} must have shape [${n}, 2], found [${t.shape}]`);
  const v = hostInts(t);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (v[2 * i] < 0 || v[2 * i + 1] < 0) throw ctx.error('INVALID_ARGUMENT', `${what} must be non-negative, found [${v}]`);
    out.push([v[2 * i], v[2 * i + 1]]);
  }
  return out;
}

/** Pad / PadV2: constant padding, on any dtype (strings pad with the constant's bytes). */
function pad([x, paddings, constant]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const p = pairs(paddings, x.rank, 'paddings', ctx);
  if (constant && constant.size !== 1) throw ctx.error('INVALID_ARGUMENT', `constant_values must be a scalar, found shape [${constant.shape}]`);
  if (x.dtype === 'string') {
    const fill = constant ? hostStrings(constant)[0] : new Uint8Array(0);
    return selectAny(x, (t) => tf.pad(t, p, -1), fill);
  }
  return tf.pad(x, p, constant ? hostScalar(constant) : 0);
}

function mirrorPad([x, paddings]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const p = pairs(paddings, x.rank, 'paddings', ctx);
  const mode = ctx.str('mode');
  const extra = mode === 'REFLECT' ? 1 : 0;
  p.forEach(([a, b], i) => {
    if (a > x.shape[i] - extra || b > x.shape[i] - extra) {
      throw ctx.error('INVALID_ARGUMENT', `${mode} paddings [${a}, ${b}] too large for dimension ${i} of shape [${x.shape}]`);
    }
  });
  return selectAny(x, (t) => tf.mirrorPad(t, p, mode === 'REFLECT' ? 'reflect' : 'symmetric'));
}

function broadcastTo([x, shapeT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const shape = hostInts(shapeT);
  if (shape.length < x.rank || x.shape.some((d, i) => d !== 1 && d !== shape[shape.length - x.rank + i])) {
    throw ctx.error('INVALID_ARGUMENT', `cannot broadcast shape [${x.shape}] to [${shape}]`);
  }
  if (tf.util.arraysEqual(x.shape, shape)) return tf.clone(x);
  return selectAny(x, (t) => tf.broadcastTo(t, shape));
}

function broadcastArgs([s0, s1]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const a = hostInts(s0);
  const b = hostInts(s1);
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw ctx.error('INVALID_ARGUMENT', `incompatible shapes: [${a}] vs. [${b}]`);
    out[i] = x === 1 ? y : x;
  }
  return tf.tensor1d(out, s0.dtype as 'int32');
}

/** Block size and layout of Depth/SpaceToDepth; NCHW_VECT_C (int8 GPU layout) is not supported. */
function blockLayout(x: tf.Tensor, ctx: KernelContext): { bs: number; nchw: boolean } {
  const bs = ctx.int('block_size');
  const fmt = ctx.str('data_format');
  if (fmt === 'NCHW_VECT_C') throw ctx.error('UNIMPLEMENTED', 'data_format NCHW_VECT_C is not supported');
  if (bs < 2) throw ctx.error('INVALID_ARGUMENT', `block_size must be at least 2, found ${bs}`);
  if (x.rank !== 4) throw ctx.error('INVALID_ARGUMENT', `input must be 4-D, found shape [${x.shape}]`);
  return { bs, nchw: fmt === 'NCHW' };
}

function depthToSpace([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const { bs, nchw } = blockLayout(x, ctx);
  const c = x.shape[nchw ? 1 : 3] as number;
  if (c % (bs * bs) !== 0) throw ctx.error('INVALID_ARGUMENT', `depth ${c} is not divisible by block_size^2 = ${bs * bs}`);
  return selectAny(x, (t) => tf.depthToSpace(t as tf.Tensor4D, bs, nchw ? 'NCHW' : 'NHWC'));
}

function spaceToDepth([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const { bs, nchw } = blockLayout(x, ctx);
  const [b, d1, d2, d3] = x.shape;
  const [c, h, w] = nchw ? [d1, d2, d3] : [d3, d1, d2];
  if (h % bs !== 0 || w % bs !== 0) throw ctx.error('INVALID_ARGUMENT', `height ${h} and width ${w} must be divisible by block_size ${bs}`);
  return selectAny(x, (t) => tf.tidy(() => {
    if (nchw) {
      const r = tf.reshape(t, [b, c, h / bs, bs, w / bs, bs]);
      return tf.reshape(tf.transpose(r, [0, 3, 5, 1, 2, 4]), [b, c * bs * bs, h / bs, w / bs]);
    }
    const r = tf.reshape(t, [b, h / bs, bs, w / bs, bs, c]);
    return tf.reshape(tf.transpose(r, [0, 1, 3, 2, 4, 5]), [b, h / bs, w / bs, c * bs * bs]);
  }));
}

/** SpaceToBatchND / BatchToSpaceND argument checks: block_shape [M] ≥ 1, pairs [M, 2]. */
function blockArgs(x: tf.Tensor, blockT: tf.Tensor, pairsT: tf.Tensor, what: string, ctx: KernelContext): { block: number[]; p: number[][] } {
  const block = hostInts(blockT);
  if (block.some((b) => b < 1)) throw ctx.error('INVALID_ARGUMENT', `block_shape must be positive, found [${block}]`);
  if (block.length + 1 > x.rank) throw ctx.error('INVALID_ARGUMENT', `block_shape [${block}] needs an input of rank > ${block.length}, found [${x.shape}]`);
  return { block, p: pairs(pairsT, block.length, what, ctx) };
}

function spaceToBatch([x, blockT, padT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const { block, p } = blockArgs(x, blockT, padT, 'paddings', ctx);
  block.forEach((b, i) => {
    if ((x.shape[i + 1] + p[i][0] + p[i][1]) % b !== 0) {
      throw ctx.error('INVALID_ARGUMENT', `padded dimension ${i + 1} of shape [${x.shape}] is not divisible by block_shape[${i}] = ${b}`);
    }
  });
  return selectAny(x, (t) => tf.spaceToBatchND(t, block, p));
}

function batchToSpace([x, blockT, cropT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const { block, p } = blockArgs(x, blockT, cropT, 'crops', ctx);
  const prod = block.reduce((a, b) => a * b, 1);
  if (x.shape[0] % prod !== 0) throw ctx.error('INVALID_ARGUMENT', `batch ${x.shape[0]} is not divisible by the block size product ${prod}`);
  block.forEach((b, i) => {
    if (p[i][0] + p[i][1] > x.shape[i + 1] * b) throw ctx.error('INVALID_ARGUMENT', `crops [${p[i]}] exceed dimension ${i + 1} (${x.shape[i + 1] * b})`);
  });
  return selectAny(x, (t) => tf.batchToSpaceND(t, block, p));
}

export const transformKernels: KernelTable = {
  BatchToSpaceND: batchToSpace,
  SpaceToBatchND: spaceToBatch,
  BroadcastArgs: broadcastArgs,
  BroadcastTo: broadcastTo,
  DepthToSpace: depthToSpace,
  SpaceToDepth: spaceToDepth,
  MirrorPad: mirrorPad,
  Pad: pad,
  PadV2: pad,
};
