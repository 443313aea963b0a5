/** Op definitions: tensor creation, shapes, slicing and joining (kernels: src/runtime/kernels/array.ts). */
import type { OpSpecTable } from '../opdef.js';

const select = { in: ['condition: bool', 't: T', 'e: T'], out: ['output: T'] };

export const arrayOps: OpSpecTable = {
  Const: { out: ['output: dtype'], attrs: ['value: tensor', 'dtype: type'] },
  Placeholder: { out: ['output: dtype'], attrs: ['dtype: type', 'shape: shape = ?'] },
  PlaceholderWithDefault: { in: ['input: dtype'], out: ['output: dtype'], attrs: ['dtype: type', 'shape: shape'] },
  Identity: { in: ['input: T'], out: ['output: T'] },
  IdentityN: { in: ['input: T'], out: ['output: T'], attrs: ['T: list(type)'] },
  Snapshot: { in: ['input: T'], out: ['output: T'] },
  StopGradient: { in: ['input: T'], out: ['output: T'] },
  Reshape: { in: ['tensor: T', 'shape: Tshape'], out: ['output: T'], attrs: ['Tshape: type = int32'] },
  Shape: { in: ['input: T'], out: ['output: out_type'], attrs: ['out_type: type = int32'] },
  ExpandDims: { in: ['input: T', 'dim: Tdim'], out: ['output: T'], attrs: ['Tdim: type = int32'] },
  Squeeze: { in: ['input: T'], out: ['output: T'], attrs: ['squeeze_dims: list(int) = []'] },
  Transpose: { in: ['x: T', 'perm: Tperm'], out: ['y: T'], attrs: ['Tperm: type = int32'] },
  Pack: { in: ['values: N * T'], out: ['output: T'], attrs: ['axis: int = 0'] },
  Unpack: { in: ['value: T'], out: ['output: num * T'], attrs: ['num: int', 'axis: int = 0'] },
  ConcatV2: { in: ['values: N * T', 'axis: Tidx'], out: ['output: T'], attrs: ['Tidx: type = int32'] },
  Concat: { in: ['concat_dim: int32', 'values: N * T'], out: ['output: T'] },
  Fill: { in: ['dims: index_type', 'value: T'], out: ['output: T'], attrs: ['index_type: type = int32'] },
  Range: { in: ['start: Tidx', 'limit: Tidx', 'delta: Tidx'], out: ['output: Tidx'], attrs: ['Tidx: type = int32'] },
  OneHot: {
    in: ['indices: TI', 'depth: int32', 'on_value: T', 'off_value: T'], out: ['output: T'],
    attrs: ['axis: int = -1', 'TI: type = int64'],
  },
  GatherV2: {
    in: ['params: Tparams', 'indices: Tindices', 'axis: Taxis'], out: ['output: Tparams'],
    attrs: ['batch_dims: int = 0'],
  },
  Tile: { in: ['input: T', 'multiples: Tmultiples'], out: ['output: T'], attrs: ['Tmultiples: type = int32'] },
  StridedSlice: {
    in: ['input: T', 'begin: Index', 'end: Index', 'strides: Index'], out: ['output: T'],
    attrs: ['begin_mask: int = 0', 'end_mask: int = 0', 'ellipsis_mask: int = 0', 'new_axis_mask: int = 0', 'shrink_axis_mask: int = 0'],
  },
  Select: select,
  SelectV2: select,
};
