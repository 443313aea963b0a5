/** Op definitions: tf.Example parsing (kernels: src/runtime/kernels/parsing.ts). */
import type { OpSpecTable } from '../opdef.js';

export const parsingOps: OpSpecTable = {
  ParseExample: {
    in: ['serialized: string', 'names: string', 'sparse_keys: Nsparse * string', 'dense_keys: Ndense * string', 'dense_defaults: Tdense'],
    out: ['sparse_indices: Nsparse * int64', 'sparse_values: sparse_types', 'sparse_shapes: Nsparse * int64', 'dense_values: Tdense'],
    attrs: ['Nsparse: int >= 0', 'Ndense: int >= 0', 'sparse_types: list(type) >= 0', 'Tdense: list(type) >= 0', 'dense_shapes: list(shape) >= 0'],
  },
  ParseExampleV2: {
    in: ['serialized: string', 'names: string', 'sparse_keys: string', 'dense_keys: string', 'ragged_keys: string', 'dense_defaults: Tdense'],
    out: [
      'sparse_indices: num_sparse * int64', 'sparse_values: sparse_types', 'sparse_shapes: num_sparse * int64',
      'dense_values: Tdense', 'ragged_values: ragged_value_types', 'ragged_row_splits: ragged_split_types',
    ],
    attrs: [
      'Tdense: list(type) >= 0', 'num_sparse: int >= 0', 'sparse_types: list(type) >= 0',
      'ragged_value_types: list(type) >= 0', 'ragged_split_types: list(type) >= 0', 'dense_shapes: list(shape) >= 0',
    ],
  },
};
