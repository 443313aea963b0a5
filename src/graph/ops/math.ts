/** Op definitions: element-wise arithmetic, matrix products, reductions (kernels: src/runtime/kernels/math.ts). */
import type { OpSpecTable } from '../opdef.js';

const binary = { in: ['x: T', 'y: T'], out: ['z: T'] };
const unary = { in: ['x: T'], out: ['y: T'] };
const matMulAttrs = ['adj_x: bool = false', 'adj_y: bool = false', 'grad_x: bool = false', 'grad_y: bool = false'];
const batchMatMul = { in: ['x: T', 'y: T'], out: ['output: T'], attrs: matMulAttrs };

export const mathOps: OpSpecTable = {
  Add: binary,
  AddV2: binary,
  Sub: binary,
  Mul: binary,
  RealDiv: binary,
  SquaredDifference: binary,
  Neg: unary,
  Erf: unary,
  Rsqrt: unary,
  Sigmoid: unary,
  Tanh: unary,
  MatMul: {
    in: ['a: T', 'b: T'], out: ['product: T'],
    attrs: ['transpose_a: bool = false', 'transpose_b: bool = false'],
  },
  BatchMatMulV2: batchMatMul,
  BatchMatMulV3: { in: ['x: Ta', 'y: Tb'], out: ['output: Tout'], attrs: matMulAttrs },
  Einsum: { in: ['inputs: N * T'], out: ['output: T'], attrs: ['equation: string'] },
  Mean: { in: ['input: T', 'reduction_indices: Tidx'], out: ['output: T'], attrs: ['keep_dims: bool = false', 'Tidx: type = int32'] },
  Cast: { in: ['x: SrcT'], out: ['y: DstT'], attrs: ['Truncate: bool = false'] },
};
