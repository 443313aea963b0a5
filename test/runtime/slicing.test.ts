import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('slicing ops match TensorFlow', () => goldenTests('slicing'));

describe('slicing ops, edge cases', () => {
  test('Split with num_split 1 returns a copy', () => {
    const x = tf.tensor1d([1, 2]);
    const d = tf.scalar(0, 'int32');
    const [y] = runOp('Split', [d, x], { T: attr.type('float32'), num_split: attr.i(1) });
    expect(y).not.toBe(x);
    expect(take(y)).toEqual([1, 2]);
    tf.dispose([x, d]);
  });

  test('ReverseV2 rejects a repeated axis', () => {
    const x = tf.tensor1d([1, 2]);
    const a = tf.tensor1d([0, -1], 'int32');
    expect(() => runOp('ReverseV2', [x, a], { T: attr.type('float32') })).toThrow(/names a dimension twice/);
    tf.dispose([x, a]);
  });
});
