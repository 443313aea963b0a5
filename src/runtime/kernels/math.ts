/** Kernels: element-wise arithmetic, matrix products, reductions (definitions: src/graph/ops/math.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';
import { castTo } from '../cast.js';

export const mathKernels: KernelTable = {
  Add: ([a, b]) => tf.add(a, b),
  AddV2: ([a, b]) => tf.add(a, b),
  Sub: ([a, b]) => tf.sub(a, b),
  Mul: ([a, b]) => tf.mul(a, b),
  RealDiv: ([a, b]) => tf.div(a, b),
  Neg: ([x]) => tf.neg(x),
  MatMul: ([a, b], ctx) => tf.matMul(a, b, ctx.bool('transpose_a'), ctx.bool('transpose_b')),
  Cast: ([x], ctx) => castTo(x, ctx.dtype('DstT')),
};
