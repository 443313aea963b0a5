/** Kernels: element-wise arithmetic, matrix products, reductions (definitions: src/graph/ops/math.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { castTo } from '../cast.js';
import { einsum } from '../einsum.js';
import { hostInts } from './host.js';

/** The WASM backend multiplies float32 only: integer products go through float32 (exact below 2^24). */
const batchMatMul = ([x, y]: tf.Tensor[], ctx: KernelContext) => (x.dtype === 'float32'
  ? tf.matMul(x, y, ctx.bool('adj_x'), ctx.bool('adj_y'))
  : tf.tidy(() => tf.cast(tf.matMul(tf.cast(x, 'float32'), tf.cast(y, 'float32'), ctx.bool('adj_x'), ctx.bool('adj_y')), x.dtype)));

export const mathKernels: KernelTable = {
  Add: ([a, b]) => tf.add(a, b),
  AddV2: ([a, b]) => tf.add(a, b),
  Sub: ([a, b]) => tf.sub(a, b),
  Mul: ([a, b]) => tf.mul(a, b),
  RealDiv: ([a, b]) => tf.div(a, b),
  SquaredDifference: ([a, b]) => tf.squaredDifference(a, b),
  Neg: ([x]) => tf.neg(x),
  Erf: ([x]) => tf.erf(x),
  Rsqrt: ([x]) => tf.rsqrt(x),
  Sigmoid: ([x]) => tf.sigmoid(x),
  Tanh: ([x]) => tf.tanh(x),
  MatMul: ([a, b], ctx) => tf.matMul(a, b, ctx.bool('transpose_a'), ctx.bool('transpose_b')),
  BatchMatMulV2: batchMatMul,
  BatchMatMulV3: (ins, ctx) => tf.tidy(() => castTo(batchMatMul(ins, ctx), ctx.dtype('Tout'))),
  Einsum: (xs, ctx) => einsum(ctx.str('equation'), xs),
  Mean: ([x, axes], ctx) => tf.mean(x, hostInts(axes), ctx.bool('keep_dims')),
  Cast: ([x], ctx) => castTo(x, ctx.dtype('DstT')),
};
