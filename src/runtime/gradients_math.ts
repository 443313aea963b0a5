/**
 * Gradients of the tfjs kernels the math families use (src/runtime/kernels/{arithmetic,
 * basic_math,logical,reduction,normalization,matrices}.ts), complementing src/runtime/gradients.ts
 * (tfjs-core's Node bundle registers none). Predicates, rounding and arg-reductions get zero
 * gradients: they sit on differentiable paths inside composed kernels (Sign, DivNoNan,
 * MatrixBandPart, NaN handling), where tfjs needs a gradient for every taped kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerGradientEntries, unbroadcast, type GradientEntry } from './gradients.js';

type Attrs = Record<string, unknown>;
type Grads = Record<string, () => tf.Tensor>;
type Entry = GradientEntry;

/** d/dx of a unary kernel with input `x` saved: dy · f'(x). */
const du = (df: (x: tf.Tensor) => tf.Tensor): Entry => ({ inputsToSave: ['x'], grad: (dy, [x]) => ({ x: () => tf.mul(dy, df(x)) }) });

/** A zero gradient for every named input (float32 whatever the input dtype, as tfjs requires). */
const zeros = (...names: string[]): Entry => ({
  inputsToSave: names,
  grad: (_dy, saved) => Object.fromEntries(names.map((n, i) => [n, () => tf.zeros(saved[i].shape)])),
});

const one = (x: tf.Tensor) => tf.onesLike(x);
const positive = (x: tf.Tensor) => tf.greater(x, tf.zerosLike(x));
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** The reduction axes of a tfjs reduce kernel's attrs, non-negative. */
function axesOf(attrs: Attrs, rank: number): number[] {
  const a = attrs.axis ?? attrs.reductionIndices;
  const list = a === undefined || a === null ? [...Array(rank).keys()] : Array.isArray(a) ? (a as number[]) : [a as number];
  return list.map((v) => (v < 0 ? v + rank : v));
}

/** `t` (a reduction result) reshaped with the reduced axes as 1s, broadcast to `shape`. */
function spread(t: tf.Tensor, shape: number[], axes: number[]): tf.Tensor {
  return tf.broadcastTo(tf.reshape(t, shape.map((d, i) => (axes.includes(i) ? 1 : d))), shape);
}

/** Gradient of a product: dy times the product of the other elements (zeros handled exactly). */
function prodGrad(dy: tf.Tensor, [x]: tf.Tensor[], attrs: Attrs): Grads {
  return {
    x: () => {
      const axes = axesOf(attrs, x.rank);
      const kept = [...Array(x.rank).keys()].filter((i) => !axes.includes(i));
      const perm = [...kept, ...axes];
      const k = axes.reduce((p, a) => p * x.shape[a], 1);
      const rows = tf.reshape(tf.transpose(x, perm), [-1, k]);
      const others = tf.mul(tf.cumprod(rows, 1, true), tf.cumprod(rows, 1, true, true));
      const g = tf.mul(others, tf.reshape(dy, [-1, 1]));
      const inv = new Array<number>(perm.length);
      perm.forEach((p, i) => (inv[p] = i));
      return tf.transpose(tf.reshape(g, perm.map((p) => x.shape[p])), inv);
    },
  };
}

const ENTRIES: Readonly<Record<string, Entry>> = {
  AddN: { saveAllInputs: true, grad: (dy, saved) => Object.fromEntries(saved.map((_, i) => [String(i), () => tf.clone(dy)])) },
  Acos: du((x) => tf.neg(tf.rsqrt(tf.sub(one(x), tf.square(x))))),
  Acosh: du((x) => tf.rsqrt(tf.sub(tf.square(x), one(x)))),
  Asin: du((x) => tf.rsqrt(tf.sub(one(x), tf.square(x)))),
  Asinh: du((x) => tf.rsqrt(tf.add(tf.square(x), one(x)))),
  Atan: du((x) => tf.reciprocal(tf.add(tf.square(x), one(x)))),
  Atanh: du((x) => tf.reciprocal(tf.sub(one(x), tf.square(x)))),
  Cos: du((x) => tf.neg(tf.sin(x))),
  Cosh: du((x) => tf.sinh(x)),
  Sin: du((x) => tf.cos(x)),
  Sinh: du((x) => tf.cosh(x)),
  Tan: du((x) => tf.reciprocal(tf.square(tf.cos(x)))),
  Expm1: du((x) => tf.exp(x)),
  Log1p: du((x) => tf.reciprocal(tf.add(x, one(x)))),
  Reciprocal: du((x) => tf.neg(tf.reciprocal(tf.square(x)))),
  Softplus: du((x) => tf.sigmoid(x)),
  Elu: du((x) => tf.where(positive(x), one(x), tf.exp(x))),
  Selu: du((x) => tf.where(positive(x), tf.fill(x.shape, SELU_SCALE), tf.mul(tf.exp(x), SELU_SCALE * SELU_ALPHA))),
  LeakyRelu: { inputsToSave: ['x'], grad: (dy, [x], at) => ({ x: () => tf.where(positive(x), dy, tf.mul(dy, at.alpha as number)) }) },
  Prelu: {
    inputsToSave: ['x', 'alpha'],
    grad: (dy, [x, alpha]) => ({
      x: () => tf.where(positive(x), dy, tf.mul(dy, alpha)),
      alpha: () => unbroadcast(tf.where(positive(x), tf.zerosLike(dy), tf.mul(dy, x)), alpha.shape),
    }),
  },
  Atan2: {
    inputsToSave: ['a', 'b'],
    grad: (dy, [a, b]) => {
      const d = () => tf.add(tf.square(a), tf.square(b));
      return { a: () => unbroadcast(tf.div(tf.mul(dy, b), d()), a.shape), b: () => unbroadcast(tf.div(tf.mul(dy, tf.neg(a)), d()), b.shape) };
    },
  },
  // floor-mod: x − floor(x/y)·y
  Mod: {
    inputsToSave: ['a', 'b'],
    grad: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => unbroadcast(tf.mul(dy, tf.neg(tf.floor(tf.div(a, b)))), b.shape) }),
  },
  Prod: { inputsToSave: ['x'], grad: prodGrad },
  Min: {
    inputsToSave: ['x'], outputsToSave: [true],
    grad: (dy, [x, y], at) => ({
      x: () => {
        const axes = axesOf(at, x.rank);
        return tf.mul(spread(dy, x.shape, axes), tf.cast(tf.equal(x, spread(y, x.shape, axes)), dy.dtype));
      },
    }),
  },
  Cumsum: { grad: (dy, _s, at) => ({ x: () => tf.cumsum(dy, at.axis as number, at.exclusive as boolean, !(at.reverse as boolean)) }) },
  LRN: {
    inputsToSave: ['x'], outputsToSave: [true],
    grad: (dy, [x, y], at) => ({ x: () => tf.engine().runKernel('LRNGrad', { x, y, dy }, at as tf.NamedAttrMap) as tf.Tensor }),
  },
  Floor: zeros('x'), Ceil: zeros('x'), Round: zeros('x'), Sign: zeros('x'), FloorDiv: zeros('a', 'b'),
  ArgMax: zeros('x'), ArgMin: zeros('x'), IsNan: zeros('x'), IsInf: zeros('x'), IsFinite: zeros('x'),
  Greater: zeros('a', 'b'), GreaterEqual: zeros('a', 'b'), Less: zeros('a', 'b'), LessEqual: zeros('a', 'b'),
  Equal: zeros('a', 'b'), NotEqual: zeros('a', 'b'),
  LogicalAnd: zeros('a', 'b'), LogicalOr: zeros('a', 'b'), LogicalXor: zeros('a', 'b'), LogicalNot: zeros('x'),
};

let registered = false;

/** Registers the gradients above (once) for kernels that have none yet. */
export function registerMathGradients(): void {
  if (registered) return;
  registered = true;
  registerGradientEntries(ENTRIES);
}
