/**
 * Kernels: BatchMatMul (V1), MatrixBandPart, grappler's _FusedMatMul (definitions:
 * src/graph/ops/matrices.ts). The WASM backend multiplies float32 only: integer products are
 * computed in float32 (exact while partial sums stay below 2^24).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { registerMathGradients } from '../gradients_math.js';

registerMathGradients();

/** Matrix product with TF's integer handling. */
function matMul(a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean): tf.Tensor {
  if (a.dtype === 'float32') return tf.matMul(a, b, ta, tb);
  return tf.tidy(() => tf.cast(tf.matMul(tf.cast(a, 'float32'), tf.cast(b, 'float32'), ta, tb), a.dtype));
}

/** A scalar bound of MatrixBandPart, checked against the matrix size like TF. */
function bandBound(t: tf.Tensor, what: string, limit: number, dim: string, ctx: KernelContext): number {
  if (t.size !== 1) throw ctx.error('INVALID_ARGUMENT', `${what} must be a scalar, got shape [${t.shape.join(',')}]`);
  const v = t.dataSync()[0] as number;
  if (v > limit) throw ctx.error('INVALID_ARGUMENT', `${what} must be negative or less or equal to number of ${dim} (${limit}) got: ${v}`);
  return v;
}

function bandPart([x, lowerT, upperT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  if (x.rank < 2) throw ctx.error('INVALID_ARGUMENT', `input must be at least 2-D, got shape [${x.shape.join(',')}]`);
  const lower = bandBound(lowerT, 'num_lower', x.shape[x.rank - 2], 'rows', ctx);
  const upper = bandBound(upperT, 'num_upper', x.shape[x.rank - 1], 'columns', ctx);
  return tf.tidy(() => {
    // one [rows, cols] mask broadcast over the batch: keep (i, j) when i − j ≤ lower and j − i ≤ upper
    const [m, n] = x.shape.slice(-2);
    const diff = tf.sub(tf.reshape(tf.range(0, m, 1, 'int32'), [m, 1]), tf.reshape(tf.range(0, n, 1, 'int32'), [1, n]));
    const within = (d: tf.Tensor, bound: number) => tf.lessEqual(d, tf.scalar(bound < 0 ? Math.max(m, n) : bound, 'int32'));
    const mask = tf.logicalAnd(within(diff, lower), within(tf.neg(diff), upper));
    // bool goes through int32: the WASM select kernel mishandles bool operands
    const v = x.dtype === 'bool' ? tf.cast(x, 'int32') : x;
    const band = tf.where(mask, v, tf.scalar(0, v.dtype));
    return x.dtype === 'bool' ? tf.cast(band, 'bool') : band;
  });
}

/** Activations tfjs fuses into its matMul kernel, by TF name. */
const TFJS_FUSED: Readonly<Record<string, tf.fused.Activation>> = {
  Relu: 'relu', Relu6: 'relu6', Elu: 'elu', LeakyRelu: 'leakyrelu', Sigmoid: 'sigmoid',
};

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** TF's fused activations that tfjs does not fuse. */
const ACTIVATIONS: Readonly<Record<string, (x: tf.Tensor, ctx: KernelContext) => tf.Tensor>> = {
  Relu: (x) => tf.relu(x),
  Relu6: (x) => tf.relu6(x),
  Elu: (x) => tf.elu(x),
  LeakyRelu: (x, ctx) => tf.leakyRelu(x, ctx.float('leakyrelu_alpha')),
  Sigmoid: (x) => tf.sigmoid(x),
  Tanh: (x) => tf.tanh(x),
  // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  GeluApproximate: (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI)), 1)),
  // 0.5·x·(1 + erf(x/√2))
  GeluExact: (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)),
};

/** `_FusedMatMul`: MatMul, then `BiasAdd` (args[0]), optional `Add` (next arg), optional activation. */
function fusedMatMul([a, b, ...args]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const ops = ctx.strs('fused_ops');
  const ta = ctx.bool('transpose_a');
  const tb = ctx.bool('transpose_b');
  if (ops[0] !== 'BiasAdd' || args.length < 1) {
    throw ctx.error('UNIMPLEMENTED', `fused_ops [${ops.join(', ')}] with ${args.length} args: only BiasAdd[, Add][, activation] is supported`);
  }
  let rest = ops.slice(1);
  const addend = rest[0] === 'Add' ? args[1] : undefined;
  if (addend) rest = rest.slice(1);
  if (rest.length > 1 || (rest.length === 1 && !ACTIVATIONS[rest[0]]) || (addend === undefined && args.length !== 1)) {
    throw ctx.error('UNIMPLEMENTED', `fused_ops [${ops.join(', ')}] with ${args.length} args is not supported`);
  }
  const act = rest[0];
  // tfjs-backend-wasm 4.22 adds the bias wrongly when either operand is transposed
  if (!addend && !ta && !tb && (act === undefined || TFJS_FUSED[act])) {
    return tf.fused.matMul({
      a, b, bias: args[0],
      activation: act === undefined ? 'linear' : TFJS_FUSED[act],
      leakyreluAlpha: act === 'LeakyRelu' ? ctx.float('leakyrelu_alpha') : undefined,
    });
  }
  return tf.tidy(() => {
    let y = tf.add(tf.matMul(a, b, ta, tb), args[0]);
    if (addend) y = tf.add(y, addend);
    return act === undefined ? y : ACTIVATIONS[act](y, ctx);
  });
}

export const matricesKernels: KernelTable = {
  BatchMatMul: ([x, y], ctx) => matMul(x, y, ctx.bool('adj_x'), ctx.bool('adj_y')),
  MatrixBandPart: bandPart,
  _FusedMatMul: fusedMatMul,
};
