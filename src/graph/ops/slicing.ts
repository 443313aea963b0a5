/** Op definitions: gathering, scattering, slicing, splitting, reversing (kernels: src/runtime/kernels/slicing.ts). */
import type { OpSpecTable } from '../opdef.js';

const badIndices = "bad_indices_policy: string = ''";
const tensorScatter = { in: ['tensor: T', 'indices: Tindices', 'updates: T'], out: ['output: T'], attrs: [badIndices] };

export const slicingOps: OpSpecTable = {
  Gather: { in: ['params: Tparams', 'indices: Tindices'], out: ['output: Tparams'], attrs: ['validate_indices: bool = true'] },
  GatherNd: { in: ['params: Tparams', 'indices: Tindices'], out: ['output: Tparams'], attrs: [badIndices] },
  Reverse: { in: ['tensor: T', 'dims: bool'], out: ['output: T'] },
  ReverseV2: { in: ['tensor: T', 'axis: Tidx'], out: ['output: T'], attrs: ['Tidx: type = int32'] },
  ScatterNd: { in: ['indices: Tindices', 'updates: T', 'shape: Tindices'], out: ['output: T'], attrs: [badIndices] },
  Slice: { in: ['input: T', 'begin: Index', 'size: Index'], out: ['output: T'] },
  SparseToDense: {
    in: ['sparse_indices: Tindices', 'output_shape: Tindices', 'sparse_values: T', 'default_value: T'], out: ['dense: T'],
    attrs: ['validate_indices: bool = true'],
  },
  Split: { in: ['split_dim: int32', 'value: T'], out: ['output: num_split * T'], attrs: ['num_split: int'] },
  SplitV: {
    in: ['value: T', 'size_splits: Tlen', 'split_dim: int32'], out: ['output: num_split * T'],
    attrs: ['num_split: int', 'Tlen: type = int64'],
  },
  TensorScatterUpdate: tensorScatter,
  TensorScatterAdd: tensorScatter,
  TensorScatterSub: tensorScatter,
};
