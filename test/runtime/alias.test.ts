/**
 * alias(): a second tensor on the same data. Outside gradient recording it is made without a
 * kernel (reading a variable costs no tfjs dispatch); under tf.grad it is a recorded Reshape, so
 * gradients flow through. Either way the data lives until its last holder is disposed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/runtime/backend.js';
import { alias } from '../../src/runtime/values.js';

beforeAll(() => ensureBackend());

describe('alias', () => {
  test('no kernel runs; the data outlives the original and is freed with the last alias', async () => {
    const t = tf.tensor2d([[1, 2], [3, 4]]);
    const before = tf.memory();
    const info = await tf.profile(() => {
      const a = alias(t);
      expect(a).not.toBe(t);
      expect(a.dataId).toBe(t.dataId);
      return a;
    });
    expect(info.kernels).toEqual([]);
    tf.dispose(info.result as tf.Tensor);
    const a = alias(t);
    expect(tf.memory().numTensors).toBe(before.numTensors + 1);
    t.dispose();
    expect(a.arraySync()).toEqual([[1, 2], [3, 4]]);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    a.dispose();
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers - 1);
    expect(tf.memory().numTensors).toBe(before.numTensors - 1);
  });

  test('inside tf.grad the alias is recorded and gradients flow through it', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(alias(v), alias(v))))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
    const w = tf.variable(tf.tensor1d([0.5, -1]));
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(alias(w), tf.tensor1d([3, 4]))) as tf.Scalar, [w]);
    expect(Array.from(grads[w.name].dataSync())).toEqual([3, 4]);
    tf.dispose([x, g, w, ...Object.values(grads)]);
  });

  test('an alias of a variable keeps the value it had when the variable is assigned', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const a = alias(v);
    v.assign(tf.tensor1d([7, 8]));
    expect(Array.from(a.dataSync())).toEqual([1, 2]);
    expect(Array.from(v.dataSync())).toEqual([7, 8]);
    tf.dispose([a, v]);
  });
});
