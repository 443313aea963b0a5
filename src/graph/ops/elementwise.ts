/**
 * Op definitions: element-wise math, comparisons and logic beyond the runtime's core set, and
 * reductions — what the `ops` namespace records while tracing.
 */
import type { OpSpecTable } from '../opdef.js';

const unary = { in: ['x: T'], out: ['y: T'] };
const binary = { in: ['x: T', 'y: T'], out: ['z: T'] };
const activation = { in: ['features: T'], out: ['activations: T'] };
const compare = { in: ['x: T', 'y: T'], out: ['z: bool'] };
const equality = { ...compare, attrs: ['incompatible_shape_error: bool = true'] };
const reduction = { in: ['input: T', 'reduction_indices: Tidx'], out: ['output: T'], attrs: ['keep_dims: bool = false', 'Tidx: type = int32'] };
const boolReduction = { in: ['input: bool', 'reduction_indices: Tidx'], out: ['output: bool'], attrs: ['keep_dims: bool = false', 'Tidx: type = int32'] };
const argReduction = {
  in: ['input: T', 'dimension: Tidx'], out: ['output: output_type'],
  attrs: ['Tidx: type = int32', 'output_type: type = int64'],
};

export const elementwiseOps: OpSpecTable = {
  ZerosLike: unary,
  OnesLike: unary,
  LogSoftmax: { in: ['logits: T'], out: ['logsoftmax: T'] },
  Equal: equality,
  NotEqual: equality,
  Less: compare,
  LessEqual: compare,
  Greater: compare,
  GreaterEqual: compare,
  LogicalAnd: { in: ['x: bool', 'y: bool'], out: ['z: bool'] },
  LogicalOr: { in: ['x: bool', 'y: bool'], out: ['z: bool'] },
  LogicalNot: { in: ['x: bool'], out: ['y: bool'] },
  Sum: reduction,
  Max: reduction,
  Min: reduction,
  Prod: reduction,
  All: boolReduction,
  Any: boolReduction,
  ArgMax: argReduction,
  ArgMin: argReduction,
  Size: { in: ['input: T'], out: ['output: out_type'], attrs: ['out_type: type = int32'] },
  Rank: { in: ['input: T'], out: ['output: int32'] },
};
