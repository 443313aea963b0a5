/** Kernels: fused batch norm (V1, V2), LRN, log-softmax (definitions: src/graph/ops/normalization.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';
import { fusedBatchNorm } from './batch_norm.js';
import { registerMathGradients } from '../gradients_math.js';

registerMathGradients();

export const normalizationKernels: KernelTable = {
  FusedBatchNorm: fusedBatchNorm,
  FusedBatchNormV2: fusedBatchNorm,
  LRN: ([x], ctx) => {
    if (x.rank !== 4) throw ctx.error('INVALID_ARGUMENT', `input must be 4-D, got shape [${x.shape.join(',')}]`);
    return tf.localResponseNormalization(x as tf.Tensor4D, ctx.int('depth_radius'), ctx.float('bias'), ctx.float('alpha'), ctx.float('beta'));
  },
  LogSoftmax: ([x]) => tf.logSoftmax(x),
};
