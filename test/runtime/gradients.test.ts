/** tf.grad through executed graphs, checked against central finite differences. */
import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { AttrValueLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };

/** Gradient of sum(op(x, consts…) · w) w.r.t. x: analytic (tape) vs numeric. */
function check(op: string, xShape: number[], consts: { values: number[]; shape: number[]; dtype?: 'float32' | 'int32' | 'bool' }[], attrs: Record<string, AttrValueLike>, xFirst = true): void {
  const inputs = consts.map((_, i) => `c${i}`);
  const exec = new Executor({
    node: [
      placeholderNode('x', 'float32'),
      ...consts.map((c, i) => constNode(`c${i}`, c.values, c.shape, c.dtype ?? 'float32')),
      nodeDef('op', op, xFirst ? ['x', ...inputs] : [...inputs, 'x'], attrs),
    ],
  });
  const x0 = tf.randomUniform(xShape, 0.5, 1.5, 'float32', 3);
  const outShape = exec.run({ x: x0 }, ['op'])[0];
  const w = tf.randomUniform(outShape.shape, -1, 1, 'float32', 5);
  outShape.dispose();
  const f = (x: tf.Tensor): tf.Scalar => tf.tidy(() => tf.sum(tf.mul(exec.run({ x }, ['op'])[0], w)));
  const before = tf.memory().numTensors;
  const g = tf.grad(f)(x0);
  expect(tf.memory().numTensors).toBe(before + 1);
  const analytic = Array.from(g.dataSync());
  const base = Array.from(x0.dataSync());
  const eps = 1e-2;
  base.forEach((v, i) => {
    const at = (d: number): number => {
      const xs = base.slice();
      xs[i] = v + d;
      const t = tf.tensor(xs, xShape);
      const r = f(t).dataSync()[0];
      t.dispose();
      return r;
    };
    const numeric = (at(eps) - at(-eps)) / (2 * eps);
    expect(Math.abs(analytic[i] - numeric)).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
  });
  tf.dispose([g, x0, w]);
  exec.dispose();
}

describe('gradients flow through kernels', () => {
  test('MatMul (transposed), BatchMatMulV2, BiasAdd, SquaredDifference, RealDiv, Sub', () => {
    check('MatMul', [2, 3], [{ values: [1, 2, 3, 4, 5, 6], shape: [2, 3] }], { ...F, transpose_b: attr.b(true) });
    check('MatMul', [3, 2], [{ values: [1, 2, 3, 4, 5, 6], shape: [3, 2] }], { ...F, transpose_a: attr.b(true) }, false);
    check('BatchMatMulV2', [2, 2, 3], [{ values: [1, 2, 3, 4, 5, 6], shape: [3, 2] }], F);
    check('BiasAdd', [2, 3], [{ values: [1, 2, 3], shape: [3] }], F);
    check('SquaredDifference', [2, 2], [{ values: [1, 2], shape: [2] }], F);
    check('RealDiv', [2, 2], [{ values: [1, 2], shape: [2] }], F, false);
    check('Sub', [3], [{ values: [1], shape: [] }], F, false);
  });

  test('activations: Relu, Relu6, Sigmoid, Tanh, Erf, Rsqrt, Softmax', () => {
    for (const op of ['Relu', 'Relu6', 'Sigmoid', 'Tanh', 'Erf', 'Rsqrt', 'Softmax']) check(op, [2, 3], [], F);
  });

  test('shape ops: Transpose, Reshape, ConcatV2, Pack, Tile, GatherV2, Mean, Einsum, Select', () => {
    check('Transpose', [2, 3], [{ values: [1, 0], shape: [2], dtype: 'int32' }], F);
    check('Reshape', [2, 3], [{ values: [3, 2], shape: [2], dtype: 'int32' }], F);
    check('ConcatV2', [2, 2], [{ values: [1, 2], shape: [2, 1] }, { values: [1], shape: [], dtype: 'int32' }], { ...F, N: attr.i(2) });
    check('Pack', [2], [{ values: [1, 2], shape: [2] }], { ...F, N: attr.i(2), axis: attr.i(1) });
    check('Tile', [2, 2], [{ values: [2, 3], shape: [2], dtype: 'int32' }], F);
    check('GatherV2', [3, 2], [{ values: [2, 0, 2], shape: [3], dtype: 'int32' }, { values: [0], shape: [], dtype: 'int32' }], { Tparams: attr.type('float32') });
    check('GatherV2', [2, 3], [{ values: [1, 1], shape: [2], dtype: 'int32' }, { values: [1], shape: [], dtype: 'int32' }], { Tparams: attr.type('float32') });
    check('Mean', [2, 3], [{ values: [1], shape: [1], dtype: 'int32' }], F);
    check('Einsum', [2, 3], [{ values: [1, 2, 3, 4, 5, 6], shape: [3, 2] }], { ...F, N: attr.i(2), equation: attr.s('ij,jk->ki') });
    check('SelectV2', [2, 2], [{ values: [1, 0, 0, 1], shape: [2, 2], dtype: 'bool' }, { values: [5, 5, 5, 5], shape: [2, 2] }], F, false);
  });
});
