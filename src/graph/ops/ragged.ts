/** Op definitions: ragged tensors as nested row partitions plus flat values (kernels: src/runtime/kernels/ragged.ts). */
import type { OpSpecTable } from '../opdef.js';

export const raggedOps: OpSpecTable = {
  RaggedGather: {
    in: ['params_nested_splits: PARAMS_RAGGED_RANK * Tsplits', 'params_dense_values: Tvalues', 'indices: Tindices'],
    out: ['output_nested_splits: OUTPUT_RAGGED_RANK * Tsplits', 'output_dense_values: Tvalues'],
    attrs: ['Tsplits: type = int64', 'PARAMS_RAGGED_RANK: int', 'OUTPUT_RAGGED_RANK: int'],
  },
  RaggedRange: {
    in: ['starts: T', 'limits: T', 'deltas: T'], out: ['rt_nested_splits: Tsplits', 'rt_dense_values: T'],
    attrs: ['T: type = int32', 'Tsplits: type = int64'],
  },
  RaggedTensorToTensor: {
    in: ['shape: Tshape', 'values: T', 'default_value: T', 'row_partition_tensors: num_row_partition_tensors * Tindex'], out: ['result: T'],
    attrs: ['num_row_partition_tensors: int', 'row_partition_types: list(string)'],
  },
};
