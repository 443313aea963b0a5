/**
 * Kernels: element-wise unary math, activations, clipping, complex parts (definitions:
 * src/graph/ops/basic_math.ts). TF details kept: `Sign` is exact near 0 and NaN for NaN, `Abs` is exact on int32,
 * `Round` rounds half to even, `Square` wraps narrow integer types, `Complex` broadcasts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';
import { registerComplexKernels } from '../complex_wasm.js';
import { isInt, wrapToAttr, zeroOf } from '../integer.js';
import { registerMathGradients } from '../gradients_math.js';

registerComplexKernels();
registerMathGradients();

type Unary = (x: tf.Tensor) => tf.Tensor;
const unary = (f: Unary) => ([x]: tf.Tensor[]) => f(x);

/** sign(x) of a float tensor by comparisons: the backend's sign returns 0 for |x| below ~1e-6. */
function signFloat(x: tf.Tensor): tf.Tensor {
  const zero = zeroOf(x);
  return tf.sub(tf.cast(tf.greater(x, zero), 'float32'), tf.cast(tf.less(x, zero), 'float32'));
}

export const basicMathKernels: KernelTable = {
  // the backend's int32 abs goes through float32; negate exactly instead (int8 −128 stays −128)
  Abs: ([x], ctx) => (isInt(x) ? tf.tidy(() => wrapToAttr(tf.where(tf.less(x, zeroOf(x)), tf.sub(zeroOf(x), x), x), ctx)) : tf.abs(x)),
  Acos: unary(tf.acos),
  Acosh: unary(tf.acosh),
  Asin: unary(tf.asin),
  Asinh: unary(tf.asinh),
  Atan: unary(tf.atan),
  Atan2: ([y, x]) => tf.atan2(y, x),
  Atanh: unary(tf.atanh),
  Ceil: unary(tf.ceil),
  ClipByValue: ([t, lo, hi]) => tf.tidy(() => tf.minimum(tf.maximum(t, lo), hi)),
  Cos: unary(tf.cos),
  Cosh: unary(tf.cosh),
  Elu: unary(tf.elu),
  Exp: unary(tf.exp),
  Expm1: unary(tf.expm1),
  Floor: unary(tf.floor),
  IsFinite: unary(tf.isFinite),
  IsInf: unary(tf.isInf),
  IsNan: unary(tf.isNaN),
  LeakyRelu: ([x], ctx) => tf.leakyRelu(x, ctx.float('alpha')),
  Log: unary(tf.log),
  Log1p: unary(tf.log1p),
  Prelu: ([x, alpha]) => tf.prelu(x, alpha),
  Reciprocal: unary(tf.reciprocal),
  Round: ([x]) => (isInt(x) ? tf.clone(x) : tf.round(x)),
  Selu: unary(tf.selu),
  Sign: ([x]) => (isInt(x) ? tf.sign(x) : tf.tidy(() => tf.where(tf.isNaN(x), x, signFloat(x)))),
  Sin: unary(tf.sin),
  Sinh: unary(tf.sinh),
  Softplus: unary(tf.softplus),
  Sqrt: unary(tf.sqrt),
  Square: ([x], ctx) => tf.tidy(() => wrapToAttr(tf.square(x), ctx)),
  Tan: unary(tf.tan),
  Complex: ([re, im]) => tf.tidy(() => {
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(re.shape, im.shape);
    return tf.complex(tf.broadcastTo(re, shape), tf.broadcastTo(im, shape));
  }),
  Real: unary(tf.real),
  Imag: unary(tf.imag),
  ComplexAbs: unary(tf.abs),
};
