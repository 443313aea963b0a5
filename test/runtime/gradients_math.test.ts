/** tf.grad through the math families' kernels (src/runtime/gradients_math.ts) vs central differences. */
import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { AttrValueLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };

/**
 * Differentiates L = Σ op(inputs)[0] · w with respect to `inputs[wrt]` through an executed
 * one-node graph, and compares every partial derivative with (L(v + h) − L(v − h)) / 2h.
 */
function gradCheck(op: string, inputs: tf.Tensor[], attrs: Record<string, AttrValueLike>, wrt = 0): void {
  const names = inputs.map((_, i) => `in${i}`);
  const exec = new Executor({
    node: [...inputs.map((t, i) => placeholderNode(names[i], t.dtype === 'int32' ? 'int32' : 'float32')), nodeDef('op', op, names, attrs)],
  });
  const feeds = (v: tf.Tensor) => Object.fromEntries(inputs.map((t, i) => [names[i], i === wrt ? v : t]));
  const [probe] = exec.run(feeds(inputs[wrt]), ['op']);
  const w = tf.randomUniform(probe.shape, -1, 1, 'float32', 7);
  probe.dispose();
  const loss = (v: tf.Tensor): tf.Scalar => tf.tidy(() => tf.sum(tf.mul(exec.run(feeds(v), ['op'])[0], w)));
  const before = tf.memory().numTensors;
  const g = tf.grad(loss)(inputs[wrt]);
  expect(tf.memory().numTensors).toBe(before + 1);
  const analytic = g.dataSync();
  const v0 = Float32Array.from(inputs[wrt].dataSync());
  const h = 1e-2;
  const lossAt = (i: number, d: number): number => {
    const v = v0.slice();
    v[i] += d;
    const t = tf.tensor(v, inputs[wrt].shape);
    const l = loss(t);
    const r = l.dataSync()[0];
    tf.dispose([t, l]);
    return r;
  };
  for (let i = 0; i < v0.length; i++) {
    const numeric = (lossAt(i, h) - lossAt(i, -h)) / (2 * h);
    expect({ op, i, close: Math.abs(analytic[i] - numeric) <= 2e-2 * Math.max(1, Math.abs(numeric)) }).toEqual({ op, i, close: true });
  }
  tf.dispose([g, w]);
  exec.dispose();
}

const x23 = () => tf.tensor([[0.3, -0.6, 0.9], [-0.2, 0.45, -0.8]]);
const pos23 = () => tf.tensor([[1.3, 1.6, 2.9], [1.2, 1.5, 3.8]]);

describe('gradients of math kernels', () => {
  test.each(['Sin', 'Cos', 'Tan', 'Asin', 'Acos', 'Atan', 'Sinh', 'Cosh', 'Asinh', 'Atanh', 'Expm1', 'Log1p', 'Reciprocal',
    'Softplus', 'Elu', 'Selu', 'LeakyRelu', 'Sign', 'Floor', 'Round', 'Abs', 'Square'])('%s', (op) => {
    const x = x23();
    gradCheck(op, [x], F);
    x.dispose();
  });

  test('Acosh, Sqrt-based EuclideanNorm, Log-free Prod with a zero, Min, Max, Cumsum (reverse, exclusive)', () => {
    const p = pos23();
    gradCheck('Acosh', [p], F);
    const axis = tf.tensor([1], [1], 'int32');
    gradCheck('EuclideanNorm', [p, axis], F);
    const z = tf.tensor([[0.0, 2.0, 3.0], [1.5, -1.0, 2.0]]);
    gradCheck('Prod', [z, axis], F);
    gradCheck('Prod', [p, tf.tensor([0, 1], [2], 'int32')], { ...F, keep_dims: attr.b(true) });
    gradCheck('Min', [p, axis], F);
    const a0 = tf.scalar(1, 'int32');
    gradCheck('Cumsum', [p, a0], { ...F, exclusive: attr.b(true), reverse: attr.b(true) });
    tf.dispose([p, axis, z, a0]);
  });

  test('binary: Atan2, FloorMod, DivNoNan, Maximum (NaN-aware), AddN', () => {
    const a = pos23();
    const b = tf.tensor([0.7, -1.2, 2.0]);
    for (const wrt of [0, 1]) {
      gradCheck('Atan2', [a, b], F, wrt);
      gradCheck('FloorMod', [a, tf.tensor([0.7, 1.1, 2.5])], F, wrt);
      gradCheck('DivNoNan', [a, b], F, wrt);
      gradCheck('Maximum', [x23(), b], F, wrt);
    }
    const [p, q] = [x23(), pos23()];
    gradCheck('AddN', [a, p, q], { ...F, N: attr.i(3) }, 1);
    tf.dispose([p, q]);
    tf.dispose([a, b]);
  });

  test('Prelu (x and alpha), ClipByValue, MatrixBandPart, LRN, LogSoftmax, _FusedMatMul (composed and fused)', () => {
    const x = x23();
    const alpha = tf.tensor([0.1, 0.2, 0.3]);
    gradCheck('Prelu', [x, alpha], F, 0);
    gradCheck('Prelu', [x, alpha], F, 1);
    gradCheck('ClipByValue', [x, tf.scalar(-0.5), tf.scalar(0.6)], F);
    gradCheck('MatrixBandPart', [x, tf.scalar(0, 'int32'), tf.scalar(1, 'int32')], { ...F, Tindex: attr.type('int32') });
    const img = tf.randomUniform([1, 2, 2, 4], 0.1, 1, 'float32', 3);
    gradCheck('LRN', [img], { ...F, depth_radius: attr.i(1), alpha: attr.f(0.5) });
    gradCheck('LogSoftmax', [x], F);
    const b = tf.tensor([[0.5, -1], [0.25, 2], [1, 0.75]]);
    const bias = tf.tensor([0.1, -0.2]);
    for (const ops of [['BiasAdd', 'Relu'], ['BiasAdd', 'Tanh'], ['BiasAdd', 'GeluExact']]) {
      gradCheck('_FusedMatMul', [x, b, bias], { ...F, num_args: attr.i(1), fused_ops: attr.strs(ops) });
    }
    gradCheck('_FusedMatMul', [x, b, bias], { ...F, num_args: attr.i(1), fused_ops: attr.strs(['BiasAdd', 'Elu']) }, 1);
    tf.dispose([x, alpha, img, b, bias]);
  });
});
