/**
 * Kernels: element-wise binary arithmetic (definitions: src/graph/ops/arithmetic.ts). Integer
 * division and remainders follow TF exactly (truncating `Div`/`Mod`, flooring `FloorDiv`/
 * `FloorMod`, INVALID_ARGUMENT on a zero divisor); `Maximum`/`Minimum` propagate NaN from either
 * side as TF does.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { checkIntDivisor, floorDivInt, isInt, truncDivInt, truncMod, wrapToAttr, zeroOf } from '../integer.js';

/** Checks an integer divisor for zeros, then runs `f` in a tidy scope. */
function division(x: tf.Tensor, y: tf.Tensor, ctx: KernelContext, f: () => tf.Tensor): tf.Tensor {
  if (isInt(y)) checkIntDivisor(y, ctx);
  return tf.tidy(f);
}

/** max/min with NaN from either input propagated (tfjs keeps the first argument's NaN only). */
function nanPropagating(op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) {
  return ([x, y]: tf.Tensor[]) => {
    if (x.dtype !== 'float32') return op(x, y);
    return tf.tidy(() => tf.where(tf.isNaN(y), y, op(x, y)));
  };
}

export const arithmeticKernels: KernelTable = {
  AddN: (xs, ctx) => tf.tidy(() => wrapToAttr(xs.length === 1 ? tf.clone(xs[0]) : tf.addN(xs), ctx)),
  Div: ([x, y], ctx) => division(x, y, ctx, () => (isInt(x) ? truncDivInt(x, y) : tf.div(x, y))),
  DivNoNan: ([x, y]) => tf.tidy(() => tf.where(tf.equal(y, zeroOf(y)), zeroOf(x), tf.div(x, y))),
  FloorDiv: ([x, y], ctx) => division(x, y, ctx, () => (isInt(x) ? floorDivInt(x, y) : tf.floorDiv(x, y))),
  FloorMod: ([x, y], ctx) => division(x, y, ctx, () => tf.mod(x, y)),
  Mod: ([x, y], ctx) => division(x, y, ctx, () => truncMod(x, y)),
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
