/**
 * Layout and attribute helpers for convolution and pooling kernels: TF attrs list one entry per
 * tensor dimension (`strides: [1, sh, sw, 1]` in NHWC, `[1, 1, sh, sw]` in NCHW); tfjs takes the
 * spatial entries and computes channels-last, so channels-first nodes are transposed in and out.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext } from '../kernel.js';

/** Explicit per-dimension padding in tfjs's channels-last form. */
export type ExplicitPad = [number, number][];
/** tfjs padding argument. */
export type Pad = 'same' | 'valid' | ExplicitPad;

/** True for NCHW / NCDHW / NCW layouts. */
export function channelsFirst(ctx: KernelContext): boolean {
  return ctx.has('data_format') && ctx.str('data_format').startsWith('NC');
}

/**
 * The spatial entries of a per-dimension attr list (`strides`, `ksize`, `dilations`) of a rank-`rank`
 * tensor; the batch and channel entries must be 1 (TF rejects anything else on CPU).
 */
export function spatialAttr(ctx: KernelContext, name: string, rank: number): number[] {
  const v = ctx.ints(name);
  if (v.length !== rank) throw ctx.error('INVALID_ARGUMENT', `attr '${name}' should have ${rank} entries, found [${v}]`);
  const first = channelsFirst(ctx);
  const batchChannel = first ? [v[0], v[1]] : [v[0], v[rank - 1]];
  if (batchChannel.some((d) => d !== 1)) {
    throw ctx.error('UNIMPLEMENTED', `attr '${name}' [${v}]: only spatial dimensions may differ from 1`);
  }
  return first ? v.slice(2) : v.slice(1, rank - 1);
}

/** The node's padding: SAME, VALID, or EXPLICIT from `explicit_paddings` (channels-last pairs). */
export function paddingAttr(ctx: KernelContext, rank: number): Pad {
  const p = ctx.str('padding');
  if (p === 'SAME') return 'same';
  if (p === 'VALID') return 'valid';
  const e = ctx.ints('explicit_paddings');
  if (e.length !== 2 * rank) throw ctx.error('INVALID_ARGUMENT', `EXPLICIT padding needs ${2 * rank} explicit_paddings, found ${e.length}`);
  const pairs: [number, number][] = [];
  for (let i = 0; i < rank; i++) pairs.push([e[2 * i], e[2 * i + 1]]);
  if (pairs.some(([a, b]) => a < 0 || b < 0)) throw ctx.error('INVALID_ARGUMENT', `explicit_paddings must be non-negative, found [${e}]`);
  return channelsFirst(ctx) ? [pairs[0], ...pairs.slice(2), pairs[1]] : pairs;
}

/** Permutation moving the channel axis (1) of a channels-first tensor last. */
export function toLastPerm(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/** Permutation moving the last axis of a channels-last tensor to position 1. */
export function toFirstPerm(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

/** Runs `f` channels-last: channels-first inputs (listed in `xs`) are transposed in, the result out. */
export function channelsLast(ctx: KernelContext, xs: tf.Tensor[], f: (...t: tf.Tensor[]) => tf.Tensor): tf.Tensor {
  if (!channelsFirst(ctx)) return f(...xs);
  return tf.tidy(() => {
    const y = f(...xs.map((x) => tf.transpose(x, toLastPerm(x.rank))));
    return tf.transpose(y, toFirstPerm(y.rank));
  });
}

/**
 * A filter with its leading spatial dims dilated (zeros inserted between taps), so that a plain
 * convolution with it equals the dilated convolution; used where tfjs lacks dilation support.
 */
export function dilateFilter(filter: tf.Tensor, dilations: number[]): tf.Tensor {
  if (dilations.every((d) => d === 1)) return filter;
  return tf.tidy(() => {
    let f = filter;
    dilations.forEach((d, axis) => {
      if (d === 1) return;
      const shape = f.shape;
      const k = shape[axis];
      // [.., k, ..] → [.., k, 1, ..] → pad to [.., k, d, ..] → [.., k*d, ..] → keep (k-1)*d+1
      const expanded = tf.expandDims(f, axis + 1);
      const padding = expanded.shape.map((_, i) => [0, i === axis + 1 ? d - 1 : 0] as [number, number]);
      const merged = tf.reshape(tf.pad(expanded, padding), [...shape.slice(0, axis), k * d, ...shape.slice(axis + 1)]);
      const size = merged.shape.map((s, i) => (i === axis ? (k - 1) * d + 1 : s));
      f = tf.slice(merged, new Array<number>(size.length).fill(0), size);
    });
    return f;
  });
}
