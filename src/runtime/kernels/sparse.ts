/**
 * Kernels: sparse tensors and sparse segment reductions (definitions: src/graph/ops/sparse.ts).
 * Segment reductions are tfjs segment sums divided by segment sizes; index checks (sorted
 * segment ids, ids and indices in range) read the small index vectors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar, hostStrings } from './host.js';
import { pickStrings } from './select.js';

function sparseFillEmptyRows([indices, values, shape, dflt]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  if (indices.rank !== 2) throw ctx.error('INVALID_ARGUMENT', `indices must be a matrix, found [${indices.shape}]`);
  if (values.rank !== 1 || values.shape[0] !== indices.shape[0]) throw ctx.error('INVALID_ARGUMENT', `values must be [${indices.shape[0]}], found [${values.shape}]`);
  if (shape.rank !== 1 || shape.shape[0] !== indices.shape[1]) throw ctx.error('INVALID_ARGUMENT', `dense_shape must be [${indices.shape[1]}], found [${shape.shape}]`);
  if (dflt.rank !== 0) throw ctx.error('INVALID_ARGUMENT', `default_value must be a scalar, found [${dflt.shape}]`);
  if (values.dtype !== 'string') {
    const r = tf.sparse.sparseFillEmptyRows(indices as tf.Tensor2D, values as tf.Tensor1D, shape as tf.Tensor1D, dflt as tf.Scalar);
    return [r.outputIndices, r.outputValues, r.emptyRowIndicator, r.reverseIndexMap];
  }
  // strings: fill positions of the values (default −1), then pick the byte strings
  const pos = tf.range(0, values.size, 1, 'int32');
  const none = tf.scalar(-1, 'int32');
  const r = tf.sparse.sparseFillEmptyRows(indices as tf.Tensor2D, pos as tf.Tensor1D, shape as tf.Tensor1D, none);
  tf.dispose([pos, none]);
  const picked = pickStrings(hostStrings(values), r.outputValues.dataSync() as Int32Array, r.outputValues.shape, hostStrings(dflt)[0]);
  r.outputValues.dispose();
  return [r.outputIndices, picked, r.emptyRowIndicator, r.reverseIndexMap];
}

function sparseReshape([indices, shape, newShape]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  if (indices.rank !== 2 || shape.rank !== 1 || newShape.rank !== 1) {
    throw ctx.error('INVALID_ARGUMENT', `expected indices [N, rank], shape [rank], new_shape [k]; found [${indices.shape}], [${shape.shape}], [${newShape.shape}]`);
  }
  const r = tf.sparse.sparseReshape(indices as tf.Tensor2D, shape as tf.Tensor1D, newShape as tf.Tensor1D);
  return [r.outputIndices, r.outputShape];
}

type Reduction = 'sum' | 'mean' | 'sqrtn';

/**
 * TF's sparse segment reduction: rows `data[indices[i]]` are summed into `segment_ids[i]`
 * (sorted), then divided by the segment size (mean) or its square root (sqrtn); empty segments
 * are zero. Without `num_segments` the output has `last id + 1` rows.
 */
function segmentReduce(kind: Reduction) {
  return ([data, indices, ids, numT]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    if (indices.rank !== 1 || ids.rank !== 1 || indices.shape[0] !== ids.shape[0]) {
      throw ctx.error('INVALID_ARGUMENT', `indices and segment_ids must be vectors of one length, found [${indices.shape}] and [${ids.shape}]`);
    }
    if (data.rank < 1) throw ctx.error('INVALID_ARGUMENT', 'data must be at least 1-D');
    const seg = hostInts(ids);
    const idx = hostInts(indices);
    for (let i = 0; i < seg.length; i++) {
      if (seg[i] < 0 || (i > 0 && seg[i] < seg[i - 1])) throw ctx.error('INVALID_ARGUMENT', `segment ids are not increasing or are negative at position ${i}: ${seg[i]}`);
      if (idx[i] < 0 || idx[i] >= data.shape[0]) throw ctx.error('INVALID_ARGUMENT', `indices[${i}] = ${idx[i]} is out of range [0, ${data.shape[0]})`);
    }
    const last = seg.length ? seg[seg.length - 1] + 1 : 0;
    const n = numT ? hostScalar(numT) : last;
    if (numT && last > n) throw ctx.error('INVALID_ARGUMENT', `segment id ${last - 1} is out of range [0, ${n})`);
    return tf.tidy(() => {
      const rest = data.shape.slice(1);
      let sums: tf.Tensor = seg.length ? tf.sparse.sparseSegmentSum(data, indices as tf.Tensor1D, ids as tf.Tensor1D) : tf.zeros([0, ...rest], data.dtype);
      if (n > last) sums = tf.concat([sums, tf.zeros([n - last, ...rest], sums.dtype)]);
      if (kind === 'sum') return sums;
      const counts = new Float32Array(n);
      seg.forEach((s) => counts[s]++);
      const denom = Float32Array.from(counts, (c) => (c === 0 ? 1 : kind === 'mean' ? c : Math.sqrt(c)));
      const shape = [n, ...new Array<number>(data.rank - 1).fill(1)];
      return tf.div(sums, tf.tensor(denom, shape, 'float32'));
    });
  };
}

export const sparseKernels: KernelTable = {
  SparseFillEmptyRows: sparseFillEmptyRows,
  SparseReshape: sparseReshape,
  SparseSegmentSum: segmentReduce('sum'),
  SparseSegmentMean: segmentReduce('mean'),
  SparseSegmentSqrtN: segmentReduce('sqrtn'),
  SparseSegmentSumWithNumSegments: segmentReduce('sum'),
  SparseSegmentMeanWithNumSegments: segmentReduce('mean'),
  SparseSegmentSqrtNWithNumSegments: segmentReduce('sqrtn'),
};
