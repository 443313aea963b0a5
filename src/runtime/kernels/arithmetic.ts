/**
 * Kernels: element-wise binary arithmetic (definitions: src/graph/ops/arithmetic.ts). Integer
 * division and remainders follow TF exactly (truncating `Div`/`Mod`, flooring `FloorDiv`/
 * `FloorMod`, INVALID_ARGUMENT on a zero divisor); `Maximum`/`Minimum` propagate NaN from either
 * side as TF does.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { checkIntDivisor, floorDivInt, floorModInt, isInt, truncDivInt, truncMod, truncModInt, wrapToAttr, zeroOf } from '../integer.js';
import { registerMathGradients } from '../gradients_math.js';

registerMathGradients();

/** Checks an integer divisor for zeros, then runs `f` in a tidy scope. */
function division(x: tf.Tensor, y: tf.Tensor, ctx: KernelContext, f: () => tf.Tensor): tf.Tensor {
  if (isInt(y)) checkIntDivisor(y, ctx);
  return tf.tidy(f);
}

/** Second operands up to this size are checked for NaN on the host (cheaper than two more kernels). */
const HOST_CHECK_MAX = 64;

/** True when `t` is small and every value passes `ok` (read on the host); false for large tensors. */
function smallAndAll(t: tf.Tensor, ok: (v: number) => boolean): boolean {
  return t.size <= HOST_CHECK_MAX && (t.dataSync() as Float32Array).every(ok);
}

/** max/min with NaN from either input propagated (the backend keeps NaN from its first argument only). */
function nanPropagating(op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) {
  return ([x, y]: tf.Tensor[]) => {
    if (x.dtype !== 'float32' || smallAndAll(y, (v) => !Number.isNaN(v))) return op(x, y);
    return tf.tidy(() => tf.where(tf.isNaN(y), y, op(x, y)));
  };
}

/**
 * Float floor-mod with TF's infinite divisors: fmod(x, ±inf) = x, moved by y (to ±inf) when x
 * has the other sign (the backend returns NaN there).
 */
function floorModFloat(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (smallAndAll(y, Number.isFinite)) return tf.mod(x, y);
  const zero = zeroOf(x);
  const keepX = tf.logicalOr(tf.equal(x, zero), tf.equal(tf.less(x, zero), tf.less(y, zero)));
  return tf.where(tf.logicalAnd(tf.isInf(y), tf.isFinite(x)), tf.where(keepX, x, y), tf.mod(x, y));
}

export const arithmeticKernels: KernelTable = {
  AddN: (xs, ctx) => tf.tidy(() => wrapToAttr(xs.length === 1 ? tf.clone(xs[0]) : tf.addN(xs), ctx)),
  // int8 −128 / −1 wraps back to −128
  Div: ([x, y], ctx) => division(x, y, ctx, () => (isInt(x) ? wrapToAttr(truncDivInt(x, y), ctx) : tf.div(x, y))),
  DivNoNan: ([x, y]) => tf.tidy(() => tf.where(tf.equal(y, zeroOf(y)), zeroOf(x), tf.div(x, y))),
  FloorDiv: ([x, y], ctx) => division(x, y, ctx, () => (isInt(x) ? wrapToAttr(floorDivInt(x, y), ctx) : tf.floorDiv(x, y))),
  FloorMod: ([x, y], ctx) => division(x, y, ctx, () => (isInt(x) ? floorModInt(x, y) : floorModFloat(x, y))),
  Mod: ([x, y], ctx) => division(x, y, ctx, () => (isInt(x) ? truncModInt(x, y) : truncMod(x, y))),
  Maximum: nanPropagating(tf.maximum),
  Minimum: nanPropagating(tf.minimum),
  Pow: ([x, y], ctx) => {
    if (isInt(y)) {
      const neg = tf.tidy(() => tf.any(tf.less(y, zeroOf(y))));
      const hit = neg.dataSync()[0] !== 0;
      neg.dispose();
      if (hit) throw ctx.error('INVALID_ARGUMENT', 'Integers to negative integer powers are not allowed');
    }
    return tf.tidy(() => wrapToAttr(tf.pow(x, y), ctx));
  },
};
