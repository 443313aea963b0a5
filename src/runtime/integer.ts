/**
 * TensorFlow's integer semantics on tfjs int32 tensors. The WASM backend divides integers in
 * float32 (wrong beyond 2^24) and has no truncating division; TF integer ops wrap around in
 * the op's own width (uint8 200 + 100 = 44) while tfjs computes every integer type in int32.
 * These helpers are tfjs ops only (no element loops); call them inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TfDType } from '../graph/dtypes.js';
import type { KernelContext } from './kernel.js';

/** Narrow integer types: [lowest value, 2^bits]. */
const WRAP: Partial<Record<TfDType, readonly [number, number]>> = {
  uint8: [0, 256], int8: [-128, 256], uint16: [0, 65536], int16: [-32768, 65536], uint4: [0, 16], int4: [-8, 16],
};

/** True for a tfjs tensor carrying a TF integer type. */
export function isInt(x: tf.Tensor): boolean {
  return x.dtype === 'int32';
}

/** `x` wrapped into the width of the node's type attr `attr` (narrow integer types only); else `x`. */
export function wrapToAttr(x: tf.Tensor, ctx: KernelContext, attr = 'T'): tf.Tensor {
  if (!ctx.has(attr)) return x;
  const d = ctx.dtype(attr);
  return WRAP[d] && isInt(x) ? wrapInt(x, d) : x;
}

/** A scalar 0 of `x`'s dtype (a bare JS number would make tfjs compute in float32). */
export function zeroOf(x: tf.Tensor): tf.Tensor {
  return tf.scalar(0, x.dtype);
}

/**
 * `where(c, a, b)` for bool `a`/`b`, as logic: the WASM Select kernel mishandles bool operands
 * (it returns `a` and can write past its output).
 */
export function selectBool(c: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.logicalOr(tf.logicalAnd(c, a), tf.logicalAnd(tf.logicalNot(c), b));
}

/** TF's wrap-around of int32 values into a narrow integer type (uint8 300 → 44, int8 200 → -56). */
export function wrapInt(x: tf.Tensor, dtype: TfDType): tf.Tensor {
  const [lo, span] = WRAP[dtype]!;
  return tf.add(tf.mod(tf.sub(x, tf.scalar(lo, 'int32')), tf.scalar(span, 'int32')), tf.scalar(lo, 'int32'));
}

/** Throws TF's INVALID_ARGUMENT "Integer division by zero" when an int32 divisor holds a 0 (reads one scalar). */
export function checkIntDivisor(y: tf.Tensor, ctx: KernelContext): void {
  if (y.size === 0) return;
  // min |y| in float32 (fast kernels; the int32 compare-and-any kernels are slow): 0 only for y = 0
  const least = tf.tidy(() => tf.min(tf.abs(tf.cast(y, 'float32'))));
  const hit = least.dataSync()[0] === 0;
  least.dispose();
  if (hit) throw ctx.error('INVALID_ARGUMENT', 'Integer division by zero');
}

const FLOAT_EXACT = 2 ** 24;

/** True when every |t| < 2^24, exact in float32 (reads two scalars). */
function withinFloat(t: tf.Tensor): boolean {
  if (t.size === 0) return true;
  const hi = tf.max(t);
  const lo = tf.min(t);
  const ok = (hi.dataSync()[0] as number) < FLOAT_EXACT && (lo.dataSync()[0] as number) > -FLOAT_EXACT;
  tf.dispose([hi, lo]);
  return ok;
}

/**
 * x, y and x / y in float32. With |x| < 2^24 the rounded quotient floors and truncates to the
 * exact integer quotient (an error would need |quotient · y| ≥ 2^24), so most integer division
 * runs as a few cheap float kernels (the backend's int32 kernels are slow).
 */
function floatQuotient(x: tf.Tensor, y: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const xf = tf.cast(x, 'float32');
  const yf = tf.cast(y, 'float32');
  return [xf, yf, tf.div(xf, yf)];
}

/** trunc(q); the backend's sign() dead zone (|q| < 1e-6) lies where floor(|q|) is 0 anyway. */
function truncFloat(q: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sign(q), tf.floor(tf.abs(q)));
}

/**
 * Exact floor division of int32 tensors (divisor without zeros), with broadcasting. Dividends
 * of 2^24 and beyond refine the float quotient once with the exact int32 remainder, then correct
 * it by at most one so that the remainder lies between 0 and the divisor, as in TF.
 */
export function floorDivInt(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (withinFloat(x)) return tf.cast(tf.floor(floatQuotient(x, y)[2]), 'int32');
  const zero = zeroOf(x);
  const q0 = tf.floorDiv(x, y);
  const q1 = tf.add(q0, tf.floorDiv(tf.sub(x, tf.mul(q0, y)), y));
  const r = tf.sub(x, tf.mul(q1, y));
  const yPos = tf.greater(y, zero);
  // y > 0 needs 0 <= r < y; y < 0 needs y < r <= 0
  const low = selectBool(yPos, tf.less(r, zero), tf.greater(r, zero));
  const high = selectBool(yPos, tf.greaterEqual(r, y), tf.lessEqual(r, y));
  return tf.add(q1, tf.sub(tf.cast(high, 'int32'), tf.cast(low, 'int32')));
}

/** True where the remainder of a floored division must be flipped to truncation: r ≠ 0 and x, y of different signs. */
function signsDiffer(x: tf.Tensor, y: tf.Tensor, r: tf.Tensor): tf.Tensor {
  const zero = zeroOf(x);
  return tf.logicalAnd(tf.notEqual(r, zero), tf.logicalXor(tf.less(x, zero), tf.less(y, zero)));
}

/** Exact truncating (C) division of int32 tensors, divisor without zeros. */
export function truncDivInt(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (withinFloat(x)) return tf.cast(truncFloat(floatQuotient(x, y)[2]), 'int32');
  const q = floorDivInt(x, y);
  const r = tf.sub(x, tf.mul(q, y));
  return tf.add(q, tf.cast(signsDiffer(x, y, r), 'int32'));
}

/** Remainder x − round(x / y)·y of int32 tensors in float32 when both are below 2^24 (exact there); else `undefined`. */
function floatRemainder(x: tf.Tensor, y: tf.Tensor, round: (q: tf.Tensor) => tf.Tensor): tf.Tensor | undefined {
  if (!withinFloat(x) || !withinFloat(y)) return undefined;
  const [xf, yf, q] = floatQuotient(x, y);
  return tf.cast(tf.sub(xf, tf.mul(round(q), yf)), 'int32');
}

/** Floored remainder of int32 tensors (sign of the divisor), divisor without zeros. */
export function floorModInt(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return floatRemainder(x, y, tf.floor) ?? tf.mod(x, y);
}

/** Truncated remainder of int32 tensors (sign of the dividend, C `%`), divisor without zeros. */
export function truncModInt(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return floatRemainder(x, y, truncFloat) ?? truncMod(x, y);
}

/** Truncated remainder (C `%` for ints, `fmod` for floats): the floored one moved toward zero. */
export function truncMod(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const r = tf.mod(x, y);
  return tf.where(signsDiffer(x, y, r), tf.sub(r, y), r);
}
