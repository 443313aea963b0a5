/** Kernels: random number generation (definitions: src/graph/ops/random.ts). Values differ from TF's generators. */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';
import { hostInts } from './host.js';

export const randomKernels: KernelTable = {
  RandomUniform: ([shape], ctx) => {
    const seed = ctx.int('seed') || ctx.int('seed2') ? ctx.int('seed') * 1000003 + ctx.int('seed2') : undefined;
    return tf.randomUniform(hostInts(shape), 0, 1, ctx.tfDtype('dtype') as 'float32' | 'int32', seed);
  },
};
