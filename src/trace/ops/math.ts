/** `ops` math: element-wise arithmetic, comparisons, logic, reductions, matrix products, casts. */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../errors.js';
import { attr } from '../../graph/build.js';
import { parseDtypeName, type TfDType } from '../../graph/dtypes.js';
import { tfjsDtype } from '../../runtime/dtypes.js';
import type { TensorInput } from '../convert.js';
import { runListOp, runOp, staticShape, type OpOptions, type Tensor } from './define.js';
import { splitOptions } from './options.js';

type Eager1 = (x: tf.Tensor) => tf.Tensor;
type Eager2 = (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;

function unary(op: string, name: string, eager: Eager1) {
  return (x: TensorInput, opts?: OpOptions): Tensor => runOp(name, [{ value: x, name: 'x' }], opts, { op }, ([a]) => eager(a));
}

function binary(op: string, name: string, eager: Eager2) {
  return (x: TensorInput, y: TensorInput, opts?: OpOptions): Tensor =>
    runOp(name, [{ value: x, name: 'x', dtype: 'hint' }, { value: y, name: 'y', dtype: 'hint' }], opts, { op }, ([a, b]) => eager(a, b));
}

/** x + y (AddV2). */ export const add = binary('AddV2', 'Add', tf.add);
/** x - y (Sub). */ export const sub = binary('Sub', 'Sub', tf.sub);
/** x * y (Mul). */ export const mul = binary('Mul', 'Mul', tf.mul);
/** x / y for floats (RealDiv, tf.divide). */ export const div = binary('RealDiv', 'truediv', tf.div);
/** Division that yields 0 where y is 0 (DivNoNan). */ export const divNoNan = binary('DivNoNan', 'div_no_nan', tf.divNoNan);
/** Floor division (FloorDiv). */ export const floorDiv = binary('FloorDiv', 'floordiv', tf.floorDiv);
/** Floor modulo (FloorMod). */ export const mod = binary('FloorMod', 'floormod', tf.mod);
/** x ** y (Pow). */ export const pow = binary('Pow', 'Pow', tf.pow);
/** Element-wise maximum. */ export const maximum = binary('Maximum', 'Maximum', tf.maximum);
/** Element-wise minimum. */ export const minimum = binary('Minimum', 'Minimum', tf.minimum);
/** (x - y)². */ export const squaredDifference = binary('SquaredDifference', 'SquaredDifference', tf.squaredDifference);
/** x == y. */ export const equal = binary('Equal', 'Equal', tf.equal);
/** x != y. */ export const notEqual = binary('NotEqual', 'NotEqual', tf.notEqual);
/** x < y. */ export const less = binary('Less', 'Less', tf.less);
/** x <= y. */ export const lessEqual = binary('LessEqual', 'LessEqual', tf.lessEqual);
/** x > y. */ export const greater = binary('Greater', 'Greater', tf.greater);
/** x >= y. */ export const greaterEqual = binary('GreaterEqual', 'GreaterEqual', tf.greaterEqual);
/** Logical and of booleans. */ export const logicalAnd = binary('LogicalAnd', 'LogicalAnd', tf.logicalAnd);
/** Logical or of booleans. */ export const logicalOr = binary('LogicalOr', 'LogicalOr', tf.logicalOr);

/** -x. */ export const neg = unary('Neg', 'Neg', tf.neg);
/** |x|. */ export const abs = unary('Abs', 'Abs', tf.abs);
/** e^x. */ export const exp = unary('Exp', 'Exp', tf.exp);
/** Natural logarithm. */ export const log = unary('Log', 'Log', tf.log);
/** log(1 + x). */ export const log1p = unary('Log1p', 'Log1p', tf.log1p);
/** √x. */ export const sqrt = unary('Sqrt', 'Sqrt', tf.sqrt);
/** 1/√x. */ export const rsqrt = unary('Rsqrt', 'Rsqrt', tf.rsqrt);
/** x². */ export const square = unary('Square', 'Square', tf.square);
/** 1/x. */ export const reciprocal = unary('Reciprocal', 'Reciprocal', tf.reciprocal);
/** Sign (-1, 0, 1). */ export const sign = unary('Sign', 'Sign', tf.sign);
/** Round down. */ export const floor = unary('Floor', 'Floor', tf.floor);
/** Round up. */ export const ceil = unary('Ceil', 'Ceil', tf.ceil);
/** Round half to even. */ export const round = unary('Round', 'Round', tf.round);
/** Sine. */ export const sin = unary('Sin', 'Sin', tf.sin);
/** Cosine. */ export const cos = unary('Cos', 'Cos', tf.cos);
/** Hyperbolic tangent. */ export const tanh = unary('Tanh', 'Tanh', tf.tanh);
/** Logistic sigmoid. */ export const sigmoid = unary('Sigmoid', 'Sigmoid', tf.sigmoid);
/** Error function. */ export const erf = unary('Erf', 'Erf', tf.erf);
/** Logical not of booleans. */ export const logicalNot = unary('LogicalNot', 'LogicalNot', tf.logicalNot);
/** NaN test. */ export const isNan = unary('IsNan', 'IsNan', tf.isNaN);
/** Finite test. */ export const isFinite = unary('IsFinite', 'IsFinite', tf.isFinite);

/** Sum of a list of same-shape tensors (AddN). */
export function addN(values: readonly TensorInput[], opts?: OpOptions): Tensor {
  return runListOp('AddN', values, [], opts, { op: 'AddN' }, (items) => tf.addN(items));
}

/** Clamps x to [lo, hi] (ClipByValue). */
export function clipByValue(x: TensorInput, lo: TensorInput, hi: TensorInput, opts?: OpOptions): Tensor {
  return runOp('clip_by_value', [{ value: x, name: 't', dtype: 'hint' }, { value: lo, name: 'clip_value_min', dtype: 'hint' }, { value: hi, name: 'clip_value_max', dtype: 'hint' }], opts,
    { op: 'ClipByValue' }, ([a, l, h]) => tf.minimum(tf.maximum(a, l), h));
}

/** Converts to `dtype` (Cast). */
export function cast(x: TensorInput, dtype: string, opts?: OpOptions): Tensor {
  const to = parseDtypeName(dtype);
  return runOp('Cast', [{ value: x, name: 'x' }], opts, { op: 'Cast', attrs: () => ({ DstT: attr.type(to) }) }, ([a]) => tf.cast(a, tfjsDtype(to)));
}

/** Options of matMul. */
export interface MatMulOptions extends OpOptions {
  transposeA?: boolean;
  transposeB?: boolean;
}

/** Matrix product (MatMul for matrices, BatchMatMulV2 for batches), like tf.linalg.matmul. */
export function matMul(a: TensorInput, b: TensorInput, opts: MatMulOptions = {}): Tensor {
  const ta = opts.transposeA ?? false;
  const tb = opts.transposeB ?? false;
  const ra = staticShape(a)?.length;
  const rb = staticShape(b)?.length;
  const batched = (ra !== undefined && ra > 2) || (rb !== undefined && rb > 2);
  const recipe = batched
    ? { op: 'BatchMatMulV2', attrs: () => ({ adj_x: attr.b(ta), adj_y: attr.b(tb) }) }
    : { op: 'MatMul', attrs: () => ({ transpose_a: attr.b(ta), transpose_b: attr.b(tb) }) };
  return runOp('MatMul', [{ value: a, name: 'a', dtype: 'hint' }, { value: b, name: 'b', dtype: 'hint' }], opts, recipe, ([x, y]) => tf.matMul(x, y, ta, tb));
}

type Axis = number | readonly number[] | null | undefined;

function reduction(op: string, name: string, eager: (x: tf.Tensor, axis: number[] | undefined, keep: boolean) => tf.Tensor, boolInput = false) {
  return (x: TensorInput, ...rest: unknown[]): Tensor => {
    const [pos, opts] = splitOptions<OpOptions>(rest);
    const axis = pos[0] as Axis;
    const keepDims = (pos[1] as boolean | undefined) ?? false;
    const rank = staticShape(x)?.length;
    let axes: number[];
    if (axis === null || axis === undefined) {
      if (rank === undefined) throw new SavedModelError('INVALID_ARGUMENT', `${name}: reducing over all axes needs a tensor of known rank`);
      axes = Array.from({ length: rank }, (_, i) => i);
    } else axes = typeof axis === 'number' ? [axis] : [...axis];
    const axisValue = typeof axis === 'number' ? axis : axes;
    return runOp(name, [{ value: x, name: 'input', dtype: boolInput ? 'bool' : undefined }, { value: axisValue, name: 'reduction_indices', dtype: 'int32' }], opts,
      { op, attrs: () => ({ keep_dims: attr.b(keepDims) }) },
      ([a]) => eager(a, axes, keepDims));
  };
}

/** Sum over axes (all when omitted): `sum(x, axis?, keepDims?, { name }?)`. */ export const sum = reduction('Sum', 'Sum', (x, a, k) => tf.sum(x, a, k));
/** Mean over axes. */ export const mean = reduction('Mean', 'Mean', (x, a, k) => tf.mean(x, a, k));
/** Maximum over axes. */ export const max = reduction('Max', 'Max', (x, a, k) => tf.max(x, a, k));
/** Minimum over axes. */ export const min = reduction('Min', 'Min', (x, a, k) => tf.min(x, a, k));
/** Product over axes. */ export const prod = reduction('Prod', 'Prod', (x, a, k) => tf.prod(x, a, k));
/** Logical and over axes. */ export const all = reduction('All', 'All', (x, a, k) => tf.all(x, a, k), true);
/** Logical or over axes. */ export const any = reduction('Any', 'Any', (x, a, k) => tf.any(x, a, k), true);

function argReduction(op: string, eager: (x: tf.Tensor, axis: number) => tf.Tensor) {
  return (x: TensorInput, axis = 0, opts?: OpOptions & { outputType?: 'int32' | 'int64' }): Tensor => {
    const outType: TfDType = opts?.outputType ?? 'int64';
    return runOp(op, [{ value: x, name: 'input' }, { value: axis, name: 'dimension', dtype: 'int32' }], opts,
      { op, attrs: () => ({ output_type: attr.type(outType) }) }, ([a]) => eager(a, axis));
  };
}

/** Index of the maximum along an axis (int64 in the graph, like tf.argmax). */ export const argMax = argReduction('ArgMax', (x, a) => tf.argMax(x, a));
/** Index of the minimum along an axis. */ export const argMin = argReduction('ArgMin', (x, a) => tf.argMin(x, a));
