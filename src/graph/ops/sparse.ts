/** Op definitions: sparse tensors (COO indices/values/shape) and sparse segment reductions (kernels: src/runtime/kernels/sparse.ts). */
import type { OpSpecTable } from '../opdef.js';

const segment = {
  in: ['data: T', 'indices: Tidx', 'segment_ids: Tsegmentids'], out: ['output: T'],
  attrs: ['Tidx: type = int32', 'Tsegmentids: type = int32', 'sparse_gradient: bool = false'],
};
const segmentN = {
  in: ['data: T', 'indices: Tidx', 'segment_ids: Tsegmentids', 'num_segments: Tnumsegments'], out: ['output: T'],
  attrs: ['Tidx: type = int32', 'Tnumsegments: type = int32', 'Tsegmentids: type = int32', 'sparse_gradient: bool = false'],
};

export const sparseOps: OpSpecTable = {
  SparseFillEmptyRows: {
    in: ['indices: int64', 'values: T', 'dense_shape: int64', 'default_value: T'],
    out: ['output_indices: int64', 'output_values: T', 'empty_row_indicator: bool', 'reverse_index_map: int64'],
  },
  SparseReshape: { in: ['input_indices: int64', 'input_shape: int64', 'new_shape: int64'], out: ['output_indices: int64', 'output_shape: int64'] },
  SparseSegmentSum: segment,
  SparseSegmentMean: segment,
  SparseSegmentSqrtN: segment,
  SparseSegmentSumWithNumSegments: segmentN,
  SparseSegmentMeanWithNumSegments: segmentN,
  SparseSegmentSqrtNWithNumSegments: segmentN,
};
