/** Kernels: sorted search and Unique (definitions: src/graph/ops/evaluation.ts). */
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

/** Unique along `axis`: [unique values, index of each input slice in them]. */
function unique(x: tf.Tensor, axis: number): tf.Tensor[] {
  const { values, indices } = tf.unique(x, axis);
  return [values, indices];
}

export const evaluationKernels: KernelTable = {
  LowerBound: bound('left'),
  UpperBound: bound('right'),
  Unique: ([x], ctx) => {
    if (x.rank !== 1) throw ctx.error('INVALID_ARGUMENT', `x must be a vector, got shape [${x.shape.join(',')}]`);
    return unique(x, 0);
  },
  UniqueV2: ([x, axisT], ctx) => {
    const axes = Array.from(axisT.dataSync() as Int32Array);
    if (axes.length > 1) throw ctx.error('INVALID_ARGUMENT', `axis must hold at most one value, got [${axes.join(',')}]`);
    if (axes.length === 0 && x.rank !== 1) throw ctx.error('INVALID_ARGUMENT', `with no axis x must be a vector, got shape [${x.shape.join(',')}]`);
    const axis = axes.length === 0 ? 0 : axes[0] < 0 ? axes[0] + x.rank : axes[0];
    if (axis < 0 || axis >= x.rank) throw ctx.error('INVALID_ARGUMENT', `axis ${axes[0]} is out of range for rank ${x.rank}`);
    return unique(x, axis);
  },
};
