/** Op definitions: reductions, arg-reductions, scans, bincounts (kernels: src/runtime/kernels/reduction.ts). */
import type { OpSpecTable } from '../opdef.js';

const reduce = {
  in: ['input: T', 'reduction_indices: Tidx'], out: ['output: T'], attrs: ['keep_dims: bool = false', 'Tidx: type = int32'],
};
const reduceBool = { ...reduce, in: ['input: bool', 'reduction_indices: Tidx'], out: ['output: bool'] };
const argReduce = {
  in: ['input: T', 'dimension: Tidx'], out: ['output: output_type'], attrs: ['Tidx: type = int32', 'output_type: type = int64'],
};
const scan = {
  in: ['x: T', 'axis: Tidx'], out: ['out: T'], attrs: ['exclusive: bool = false', 'reverse: bool = false', 'Tidx: type = int32'],
};

export const reductionOps: OpSpecTable = {
  Sum: reduce,
  Prod: reduce,
  Max: reduce,
  Min: reduce,
  EuclideanNorm: reduce,
  All: reduceBool,
  Any: reduceBool,
  ArgMax: argReduce,
  ArgMin: argReduce,
  Cumsum: scan,
  Cumprod: scan,
  Bincount: { in: ['arr: int32', 'size: int32', 'weights: T'], out: ['bins: T'] },
  DenseBincount: {
    in: ['input: Tidx', 'size: Tidx', 'weights: T'], out: ['output: T'], attrs: ['binary_output: bool = false'],
  },
};
