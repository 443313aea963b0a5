/**
 * Gradient functions for the tfjs kernels our TF kernels use. tfjs-core's Node bundle ships its
 * kernels' forward passes but registers no gradients (the union package adds them), so
 * `tf.grad` through an executed graph needs these. Each entry is the textbook derivative; a
 * gradient tfjs already has (registered by someone else) is left alone.
 */
import * as tf from '@tensorflow/tfjs-core';

type Attrs = Record<string, unknown>;
type GradFn = (dy: tf.Tensor, saved: tf.Tensor[], attrs: Attrs) => Record<string, () => tf.Tensor>;

/** A gradient for one tfjs kernel: what to save in the forward pass, and dy → input gradients. */
export interface GradientEntry {
  inputsToSave?: string[];
  outputsToSave?: boolean[];
  saveAllInputs?: boolean;
  grad: GradFn;
}

/** Sums `dy` over the axes along which `shape` was broadcast, and reshapes to `shape`. */
export function unbroadcast(dy: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const diff = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) {
    const s = i - diff;
    if (s < 0 || (shape[s] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  const r = axes.length ? tf.sum(dy, axes) : dy;
  return tf.reshape(r, shape as number[]);
}

function axesOf(axis: unknown, rank: number): number[] {
  const list = axis === undefined || axis === null ? [...Array(rank).keys()] : Array.isArray(axis) ? axis : [axis as number];
  return (list as number[]).map((a) => (a < 0 ? a + rank : a));
}

/** dy of a reduction, reshaped with the reduced axes kept and broadcast back to `shape`. */
function expandReduced(dy: tf.Tensor, shape: readonly number[], axis: unknown): tf.Tensor {
  const axes = axesOf(axis, shape.length);
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.mul(tf.reshape(dy, kept), tf.ones(shape as number[], dy.dtype));
}

const binary = (fa: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor, fb: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor): GradientEntry => ({
  inputsToSave: ['a', 'b'],
  grad: (dy, [a, b]) => ({ a: () => unbroadcast(fa(dy, a, b), a.shape), b: () => unbroadcast(fb(dy, a, b), b.shape) }),
});

const unaryX = (f: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor): GradientEntry => ({ inputsToSave: ['x'], grad: (dy, [x]) => ({ x: () => f(dy, x) }) });
const unaryY = (f: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor): GradientEntry => ({ outputsToSave: [true], grad: (dy, [y]) => ({ x: () => f(dy, y) }) });
const mask = (dy: tf.Tensor, m: tf.Tensor): tf.Tensor => tf.mul(dy, tf.cast(m, dy.dtype));

function matMulGrad(dy: tf.Tensor, [a, b]: tf.Tensor[], attrs: Attrs): Record<string, () => tf.Tensor> {
  const ta = !!attrs.transposeA;
  const tb = !!attrs.transposeB;
  const mm = (x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean) => tf.matMul(x, y, tx, ty);
  const da = () => unbroadcast(!ta ? mm(dy, b, false, !tb) : tb ? mm(b, dy, true, true) : mm(b, dy, false, true), a.shape);
  const db = () => unbroadcast(!tb ? (ta ? mm(a, dy, false, false) : mm(a, dy, true, false)) : ta ? mm(dy, a, true, true) : mm(dy, a, true, false), b.shape);
  return { a: da, b: db };
}

const ENTRIES: Readonly<Record<string, GradientEntry>> = {
  Add: binary((dy) => dy, (dy) => dy),
  Sub: binary((dy) => dy, (dy) => tf.neg(dy)),
  Multiply: binary((dy, _a, b) => tf.mul(dy, b), (dy, a) => tf.mul(dy, a)),
  RealDiv: binary((dy, _a, b) => tf.div(dy, b), (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))),
  Maximum: binary((dy, a, b) => mask(dy, tf.greaterEqual(a, b)), (dy, a, b) => mask(dy, tf.less(a, b))),
  Minimum: binary((dy, a, b) => mask(dy, tf.lessEqual(a, b)), (dy, a, b) => mask(dy, tf.greater(a, b))),
  SquaredDifference: binary((dy, a, b) => tf.mul(dy, tf.mul(2, tf.sub(a, b))), (dy, a, b) => tf.mul(dy, tf.mul(-2, tf.sub(a, b)))),
  Pow: binary(
    (dy, a, b) => tf.mul(dy, tf.mul(b, tf.pow(a, tf.sub(b, 1)))),
    (dy, a, b) => tf.mul(dy, tf.mul(tf.pow(a, b), tf.where(tf.greater(a, 0), tf.log(tf.maximum(a, 1e-30)), tf.zerosLike(a)))),
  ),
  BatchMatMul: { inputsToSave: ['a', 'b'], grad: matMulGrad },
  Neg: { grad: (dy) => ({ x: () => tf.neg(dy) }) },
  Identity: { grad: (dy) => ({ x: () => tf.clone(dy) }) },
  Cast: { grad: (dy) => ({ x: () => tf.clone(dy) }) },
  Relu: unaryX((dy, x) => mask(dy, tf.greater(x, 0))),
  Relu6: unaryX((dy, x) => mask(dy, tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6)))),
  Abs: unaryX((dy, x) => tf.mul(dy, tf.sign(x))),
  Log: unaryX((dy, x) => tf.div(dy, x)),
  Square: unaryX((dy, x) => tf.mul(dy, tf.mul(2, x))),
  Rsqrt: unaryX((dy, x) => tf.mul(dy, tf.mul(-0.5, tf.pow(x, -1.5)))),
  Erf: unaryX((dy, x) => tf.mul(dy, tf.mul(2 / Math.sqrt(Math.PI), tf.exp(tf.neg(tf.square(x)))))),
  Sigmoid: unaryY((dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  Tanh: unaryY((dy, y) => tf.mul(dy, tf.sub(1, tf.square(y)))),
  Exp: unaryY((dy, y) => tf.mul(dy, y)),
  Sqrt: unaryY((dy, y) => tf.div(dy, tf.mul(2, y))),
  Sum: { inputsToSave: ['x'], grad: (dy, [x], at) => ({ x: () => expandReduced(dy, x.shape, at.axis) }) },
  Mean: {
    inputsToSave: ['x'],
    grad: (dy, [x], at) => ({
      x: () => {
        const n = axesOf(at.axis, x.rank).reduce((p, a) => p * x.shape[a], 1);
        return tf.div(expandReduced(dy, x.shape, at.axis), n);
      },
    }),
  },
  Max: {
    inputsToSave: ['x'], outputsToSave: [true],
    grad: (dy, [x, y], at) => ({ x: () => mask(expandReduced(dy, x.shape, at.reductionIndices), tf.equal(x, expandReduced(y, x.shape, at.reductionIndices))) }),
  },
  Reshape: { inputsToSave: ['x'], grad: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }) },
  ExpandDims: { inputsToSave: ['input'], grad: (dy, [x]) => ({ input: () => tf.reshape(dy, x.shape) }) },
  Transpose: {
    grad: (dy, _s, at) => {
      const perm = at.perm as number[];
      const inv = new Array<number>(perm.length);
      perm.forEach((p, i) => (inv[p] = i));
      return { x: () => tf.transpose(dy, inv) };
    },
  },
  Softmax: {
    outputsToSave: [true],
    grad: (dy, [y], at) => {
      const dim = (at.dim as number) ?? -1;
      return { logits: () => tf.mul(tf.sub(dy, tf.sum(tf.mul(dy, y), dim, true)), y) };
    },
  },
  Select: {
    inputsToSave: ['condition'],
    grad: (dy, [c]) => ({
      condition: () => tf.zeros(c.shape), // float32: tfjs rejects bool gradients
      t: () => mask(dy, c),
      e: () => mask(dy, tf.logicalNot(c)),
    }),
  },
  Concat: {
    saveAllInputs: true,
    grad: (dy, saved, at) => {
      const axis = ((at.axis as number) + dy.rank) % dy.rank;
      const parts = tf.split(dy, saved.map((s) => s.shape[axis]), axis);
      return Object.fromEntries(parts.map((p, i) => [String(i), () => p]));
    },
  },
  Pack: {
    saveAllInputs: true,
    grad: (dy, saved, at) => {
      const parts = tf.unstack(dy, at.axis as number);
      return Object.fromEntries(saved.map((_, i) => [String(i), () => parts[i]]));
    },
  },
  Tile: {
    inputsToSave: ['x'],
    grad: (dy, [x], at) => ({
      x: () => {
        const reps = at.reps as number[];
        const split: number[] = [];
        reps.forEach((r, i) => split.push(r, x.shape[i]));
        return tf.sum(tf.reshape(dy, split), reps.map((_, i) => 2 * i));
      },
    }),
  },
  Slice: {
    inputsToSave: ['x'],
    grad: (dy, [x], at) => {
      const begin = at.begin as number[];
      const pads = x.shape.map((d, i) => [begin[i], d - begin[i] - dy.shape[i]] as [number, number]);
      return { x: () => tf.pad(dy, pads) };
    },
  },
  GatherV2: {
    inputsToSave: ['x', 'indices'],
    grad: (dy, [x, indices], at) => ({
      x: () => {
        if ((at.batchDims as number) > 0) throw new Error('gradient of GatherV2 with batch_dims > 0 is not supported');
        const axis = ((at.axis as number) + x.rank) % x.rank;
        // Move the gathered axis first, scatter-add rows with a one-hot matrix product, move it back.
        const perm = [axis, ...[...Array(x.rank).keys()].filter((i) => i !== axis)];
        const xt = x.shape.filter((_, i) => i !== axis);
        const rest = xt.reduce((p, d) => p * d, 1);
        const dyPerm = [...Array(indices.rank).keys()].map((i) => i + axis);
        const before = [...Array(axis).keys()];
        const after = [...Array(dy.rank - axis - indices.rank).keys()].map((i) => i + axis + indices.rank);
        const dyT = tf.transpose(dy, [...dyPerm, ...before, ...after]);
        const rows = tf.reshape(dyT, [indices.size, rest]);
        const oh = tf.cast(tf.oneHot(tf.reshape(tf.cast(indices, 'int32'), [-1]), x.shape[axis], 1, 0, 'int32'), 'float32');
        const summed = tf.reshape(tf.matMul(oh, rows, true, false), [x.shape[axis], ...xt]);
        const inv = new Array<number>(perm.length);
        perm.forEach((p, i) => (inv[p] = i));
        return tf.transpose(summed, inv);
      },
      indices: () => tf.zerosLike(indices),
    }),
  },
};

/** Registers gradient entries for the tfjs kernels among them that have none yet. */
export function registerGradientEntries(entries: Readonly<Record<string, GradientEntry>>): void {
  for (const kernelName of Object.keys(entries)) {
    if (tf.getGradient(kernelName)) continue;
    const e = entries[kernelName];
    tf.registerGradient({
      kernelName,
      inputsToSave: e.inputsToSave,
      outputsToSave: e.outputsToSave,
      saveAllInputs: e.saveAllInputs,
      gradFunc: (dy, saved, attrs) => e.grad(dy as tf.Tensor, saved, attrs as Attrs),
    });
  }
}

let registered = false;

/** Registers the gradients above (once) for kernels that have none yet. */
export function registerGradients(): void {
  if (registered) return;
  registered = true;
  registerGradientEntries(ENTRIES);
}
