/** Op definitions: BatchMatMul (V1; V2/V3 are in math.ts), MatrixBandPart, grappler's _FusedMatMul (kernels: src/runtime/kernels/matrices.ts). */
import type { OpSpecTable } from '../opdef.js';

export const matricesOps: OpSpecTable = {
  BatchMatMul: {
    in: ['x: T', 'y: T'], out: ['output: T'],
    attrs: ['adj_x: bool = false', 'adj_y: bool = false', 'grad_x: bool = false', 'grad_y: bool = false'],
  },
  MatrixBandPart: {
    in: ['input: T', 'num_lower: Tindex', 'num_upper: Tindex'], out: ['band: T'], attrs: ['Tindex: type = int64'],
  },
  _FusedMatMul: {
    in: ['a: T', 'b: T', 'args: num_args * T'], out: ['product: T'],
    attrs: [
      'transpose_a: bool = false', 'transpose_b: bool = false', 'T: type', 'num_args: int',
      'fused_ops: list(string) = []', 'epsilon: float = 0.0001', 'leakyrelu_alpha: float = 0.2',
    ],
  },
};
