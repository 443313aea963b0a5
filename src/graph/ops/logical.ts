/** Op definitions: comparisons, logical and bitwise ops (kernels: src/runtime/kernels/logical.ts). */
import type { OpSpecTable } from '../opdef.js';

const compare = { in: ['x: T', 'y: T'], out: ['z: bool'] };
const equality = { ...compare, attrs: ['incompatible_shape_error: bool = true'] };
const logical = { in: ['x: bool', 'y: bool'], out: ['z: bool'] };

export const logicalOps: OpSpecTable = {
  Equal: equality,
  NotEqual: equality,
  Greater: compare,
  GreaterEqual: compare,
  Less: compare,
  LessEqual: compare,
  LogicalAnd: logical,
  LogicalOr: logical,
  LogicalNot: { in: ['x: bool'], out: ['y: bool'] },
  BitwiseAnd: { in: ['x: T', 'y: T'], out: ['z: T'] },
};
