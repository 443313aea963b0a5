/** Kernels: activations, convolution, pooling, normalisation (definitions: src/graph/ops/nn.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';

export const nnKernels: KernelTable = {
  Relu: ([x]) => tf.relu(x),
};
