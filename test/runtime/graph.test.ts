import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef, placeholderNode } from '../../src/graph/build.js';
import { Executor } from '../../src/runtime/executor.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { summarize } from '../../src/runtime/kernels/summary.js';
import { goldenTests } from './goldens.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('graph ops match TensorFlow', () => goldenTests('graph'));

describe('Print', () => {
  test('writes the message and summaries as TF does', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const x = tf.tensor1d([1, 2, 3]);
      const m = tf.tensor2d([0, 1, 2, 3], [2, 2]);
      const s = tf.tensor(['m'], [1], 'string');
      const attrs = { T: attr.type('float32'), U: attr.types(['float32', 'string']), message: attr.s('msg'), first_n: attr.i(1) };
      const [y] = runOp('Print', [x, m, s], attrs);
      expect(take(y)).toEqual([1, 2, 3]);
      // the line TensorFlow 2.21 wrote for this call (see interop/gen/op_goldens_array.py, graph family)
      expect(spy.mock.calls).toEqual([['msg[[0 1][2...]...][m]']]);
      tf.dispose([x, m, s]);
    } finally {
      spy.mockRestore();
    }
  });

  test('first_n limits the lines over runs of one executor', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const exec = new Executor({
      node: [
        placeholderNode('x', 'int32'),
        nodeDef('p', 'Print', ['x', 'x'], { T: attr.type('int32'), U: attr.types(['int32']), first_n: attr.i(2), message: attr.s('x=') }),
      ],
    });
    try {
      const x = tf.tensor1d([7], 'int32');
      for (let i = 0; i < 3; i++) tf.dispose(exec.run({ x }, ['p']));
      expect(spy.mock.calls).toEqual([['x=[7]'], ['x=[7]']]);
      x.dispose();
    } finally {
      exec.dispose();
      spy.mockRestore();
    }
  });

  test('summaries as TensorFlow 2.21 prints them: cut rows, whole tensors, bools, float digits', () => {
    const t = tf.tensor3d([0.1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    expect(summarize(t, 3)).toBe('[[0.1 2][3...]]...');
    expect(summarize(t, -1)).toBe('[[0.1 2][3 4]][[5 6][7 8]]');
    expect(summarize(t, 0)).toBe('...');
    const b = tf.tensor1d([true, false], 'bool');
    expect(summarize(b, 3)).toBe('1 0');
    const f = tf.tensor1d([1 / 3, 1e-8, 123456789, -2.5e20, 1e-4]);
    expect(summarize(f, -1)).toBe('0.333333343 1e-08 123456792 -2.5e+20 0.0001');
    tf.dispose([t, b, f]);
  });
});
