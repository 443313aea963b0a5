/** Op definitions: element-wise unary math, activations, clipping, complex parts (kernels: src/runtime/kernels/basic_math.ts). */
import type { OpSpecTable } from '../opdef.js';

const unary = { in: ['x: T'], out: ['y: T'] };
const activation = { in: ['features: T'], out: ['activations: T'] };
const predicate = { in: ['x: T'], out: ['y: bool'] };
/** Complex → real: `Real`, `Imag`, `ComplexAbs`. */
const complexPart = (input: string, output: string) => ({
  in: [`${input}: T`], out: [`${output}: Tout`], attrs: ['T: type = complex64', 'Tout: type = float32'],
});

export const basicMathOps: OpSpecTable = {
  Abs: unary,
  Acos: unary,
  Acosh: unary,
  Asin: unary,
  Asinh: unary,
  Atan: unary,
  Atan2: { in: ['y: T', 'x: T'], out: ['z: T'] },
  Atanh: unary,
  Ceil: unary,
  ClipByValue: { in: ['t: T', 'clip_value_min: T', 'clip_value_max: T'], out: ['output: T'] },
  Cos: unary,
  Cosh: unary,
  Elu: activation,
  Exp: unary,
  Expm1: unary,
  Floor: unary,
  IsFinite: predicate,
  IsInf: predicate,
  IsNan: predicate,
  LeakyRelu: { ...activation, attrs: ['alpha: float = 0.2', 'T: type = float32'] },
  Log: unary,
  Log1p: unary,
  /** Not a TF op: tfjs-converter's fused `x > 0 ? x : alpha * x` (alpha broadcast). */
  Prelu: { in: ['x: T', 'alpha: T'], out: ['y: T'] },
  Reciprocal: unary,
  Round: unary,
  Selu: activation,
  Sign: unary,
  Sin: unary,
  Sinh: unary,
  Softplus: activation,
  Sqrt: unary,
  Square: unary,
  Tan: unary,
  Complex: { in: ['real: T', 'imag: T'], out: ['out: Tout'], attrs: ['T: type = float32', 'Tout: type = complex64'] },
  Real: complexPart('input', 'output'),
  Imag: complexPart('input', 'output'),
  ComplexAbs: complexPart('x', 'y'),
};
