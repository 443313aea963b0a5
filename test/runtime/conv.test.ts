import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('convolution ops match TensorFlow', () => goldenTests('conv'));

describe('convolution ops, layouts', () => {
  test('Conv3D in NCDHW equals NDHWC with transposes', () => {
    const x = tf.randomUniform([1, 3, 4, 4, 2], -1, 1, 'float32', 1);
    const w = tf.randomUniform([2, 2, 2, 2, 3], -1, 1, 'float32', 2);
    const xc = tf.transpose(x, [0, 4, 1, 2, 3]);
    const [ref] = runOp('Conv3D', [x, w], { T: attr.type('float32'), strides: attr.ints([1, 1, 2, 1, 1]), padding: attr.s('SAME') });
    const [y] = runOp('Conv3D', [xc, w], {
      T: attr.type('float32'), strides: attr.ints([1, 1, 1, 2, 1]), padding: attr.s('SAME'), data_format: attr.s('NCDHW'),
    });
    const back = tf.transpose(y, [0, 2, 3, 4, 1]);
    expect(back.shape).toEqual(ref.shape);
    const diff = tf.max(tf.abs(tf.sub(back, ref)));
    expect(take(diff)).toBeLessThan(1e-5);
    tf.dispose([x, w, xc, ref, y, back]);
  });

  test('strides in the batch or channel dimension are UNIMPLEMENTED', () => {
    const x = tf.zeros([1, 2, 2, 2, 1]);
    const w = tf.zeros([1, 1, 1, 1, 1]);
    expect(() => runOp('Conv3D', [x, w], { T: attr.type('float32'), strides: attr.ints([2, 1, 1, 1, 1]), padding: attr.s('VALID') }))
      .toThrow(expect.objectContaining({ code: 'UNIMPLEMENTED' }));
    tf.dispose([x, w]);
  });
});
