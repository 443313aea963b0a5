/**
 * Kernels: comparisons, logical and bitwise ops (definitions: src/graph/ops/logical.ts).
 * `Equal`/`NotEqual` also compare strings (byte-wise, broadcast) and honour
 * `incompatible_shape_error = false` (a scalar false/true when shapes do not broadcast).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostStrings } from './host.js';
import { registerMathGradients } from '../gradients_math.js';

registerMathGradients();

/** The broadcast shape of two shapes, or `undefined` when they do not broadcast. */
function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  try {
    return tf.broadcast_util.assertAndGetBroadcastShape(a as number[], b as number[]);
  } catch {
    return undefined;
  }
}

/** Flat source index of every output element when `shape` is broadcast to `out`. */
function broadcastIndex(shape: readonly number[], out: number[]): Int32Array {
  return tf.tidy(() => {
    const n = tf.util.sizeFromShape(shape as number[]);
    const idx = tf.reshape(tf.range(0, n, 1, 'int32'), shape as number[]);
    return tf.broadcastTo(idx, out).dataSync() as Int32Array;
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Element-wise byte equality of two string tensors (string data lives in JS, not in WASM memory). */
function equalStrings(x: tf.Tensor, y: tf.Tensor, shape: number[]): tf.Tensor {
  const xs = hostStrings(x);
  const ys = hostStrings(y);
  const ix = broadcastIndex(x.shape, shape);
  const iy = broadcastIndex(y.shape, shape);
  const out = new Uint8Array(ix.length);
  for (let i = 0; i < out.length; i++) out[i] = sameBytes(xs[ix[i]], ys[iy[i]]) ? 1 : 0;
  return tf.tensor(out, shape, 'bool');
}

function equality(negate: boolean) {
  return ([x, y]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    const shape = broadcastShape(x.shape, y.shape);
    if (!shape) {
      if (ctx.bool('incompatible_shape_error')) {
        throw ctx.error('INVALID_ARGUMENT', `incompatible shapes [${x.shape.join(',')}] and [${y.shape.join(',')}]`);
      }
      return tf.scalar(negate, 'bool');
    }
    if (x.dtype !== 'string') return negate ? tf.notEqual(x, y) : tf.equal(x, y);
    const eq = equalStrings(x, y, shape);
    if (!negate) return eq;
    const ne = tf.logicalNot(eq);
    eq.dispose();
    return ne;
  };
}

export const logicalKernels: KernelTable = {
  Equal: equality(false),
  NotEqual: equality(true),
  Greater: ([x, y]) => tf.greater(x, y),
  GreaterEqual: ([x, y]) => tf.greaterEqual(x, y),
  Less: ([x, y]) => tf.less(x, y),
  LessEqual: ([x, y]) => tf.lessEqual(x, y),
  LogicalAnd: ([x, y]) => tf.logicalAnd(x, y),
  LogicalOr: ([x, y]) => tf.logicalOr(x, y),
  LogicalNot: ([x]) => tf.logicalNot(x),
  BitwiseAnd: ([x, y], ctx) => tf.tidy(() => {
    const shape = broadcastShape(x.shape, y.shape);
    if (!shape) throw ctx.error('INVALID_ARGUMENT', `incompatible shapes [${x.shape.join(',')}] and [${y.shape.join(',')}]`);
    return tf.bitwiseAnd(tf.broadcastTo(x, shape), tf.broadcastTo(y, shape));
  }),
};
