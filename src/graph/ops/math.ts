/** Op definitions: element-wise arithmetic, matrix products, reductions (kernels: src/runtime/kernels/math.ts). */
import type { OpSpecTable } from '../opdef.js';

const binary = { in: ['x: T', 'y: T'], out: ['z: T'] };
const unary = { in: ['x: T'], out: ['y: T'] };

export const mathOps: OpSpecTable = {
  Add: binary,
  AddV2: binary,
  Sub: binary,
  Mul: binary,
  RealDiv: binary,
  Neg: unary,
  MatMul: {
    in: ['a: T', 'b: T'], out: ['product: T'],
    attrs: ['transpose_a: bool = false', 'transpose_b: bool = false'],
  },
  Cast: { in: ['x: SrcT'], out: ['y: DstT'], attrs: ['Truncate: bool = false'] },
};
