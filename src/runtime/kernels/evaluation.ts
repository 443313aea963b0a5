/** Kernels: sorted search (definitions: src/graph/ops/evaluation.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';

function bound(side: 'left' | 'right') {
  return ([sorted, values]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    if (sorted.rank !== 2 || values.rank !== 2 || sorted.shape[0] !== values.shape[0]) {
      throw ctx.error('INVALID_ARGUMENT', `sorted_inputs and values must be 2-D with the same batch size, got [${sorted.shape}] and [${values.shape}]`);
    }
    return tf.searchSorted(sorted, values, side);
  };
}

export const evaluationKernels: KernelTable = {
  LowerBound: bound('left'),
  UpperBound: bound('right'),
};
