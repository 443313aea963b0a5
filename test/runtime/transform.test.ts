import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('transform ops match TensorFlow', () => goldenTests('transform'));

describe('transform ops, edge cases', () => {
  test('DepthToSpace and SpaceToDepth invert each other in NCHW', () => {
    const x = tf.reshape(tf.range(0, 32, 1, 'float32'), [1, 8, 2, 2]);
    const [d] = runOp('DepthToSpace', [x], { T: attr.type('float32'), block_size: attr.i(2), data_format: attr.s('NCHW') });
    expect(d.shape).toEqual([1, 2, 4, 4]);
    // NCHW depth-to-space equals NHWC depth-to-space on the transposed tensor
    const ref = tf.tidy(() => tf.transpose(tf.depthToSpace(tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D, 2), [0, 3, 1, 2]));
    expect(d.arraySync()).toEqual(take(ref));
    const [s] = runOp('SpaceToDepth', [d], { T: attr.type('float32'), block_size: attr.i(2), data_format: attr.s('NCHW') });
    expect(take(s)).toEqual(x.arraySync());
    tf.dispose([x, d]);
  });

  test('NCHW_VECT_C is UNIMPLEMENTED', () => {
    const x = tf.zeros([1, 4, 1, 1]);
    expect(() => runOp('DepthToSpace', [x], { T: attr.type('float32'), block_size: attr.i(2), data_format: attr.s('NCHW_VECT_C') }))
      .toThrow(expect.objectContaining({ code: 'UNIMPLEMENTED' }));
    x.dispose();
  });

  test('SpaceToBatchND on strings moves the byte strings', () => {
    const x = tf.tensor(['a', 'b', 'c', 'd'], [1, 4, 1], 'string');
    const b = tf.tensor1d([2], 'int32');
    const p = tf.tensor2d([[0, 0]], [1, 2], 'int32');
    const [y] = runOp('SpaceToBatchND', [x, b, p], { T: attr.type('string') });
    expect(y.shape).toEqual([2, 2, 1]);
    expect(take(y)).toEqual([[['a'], ['c']], [['b'], ['d']]]);
    tf.dispose([x, b, p]);
  });
});
