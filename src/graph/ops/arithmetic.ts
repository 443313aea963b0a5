/** Op definitions: element-wise binary arithmetic beyond Add/Sub/Mul/RealDiv (kernels: src/runtime/kernels/arithmetic.ts). */
import type { OpSpecTable } from '../opdef.js';

const binary = { in: ['x: T', 'y: T'], out: ['z: T'] };

export const arithmeticOps: OpSpecTable = {
  AddN: { in: ['inputs: N * T'], out: ['sum: T'] },
  Div: binary,
  DivNoNan: binary,
  FloorDiv: binary,
  FloorMod: binary,
  Maximum: binary,
  Minimum: binary,
  Mod: binary,
  Pow: binary,
};
