import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Philox } from '../../src/runtime/kernels/philox.js';
import { goldenTests } from './goldens.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('creation ops match TensorFlow (seeded random ops give TF\'s values)', () => goldenTests('creation'));

describe('creation ops, edge cases', () => {
  test('Philox4x32-10 known-answer vectors (Random123 kat_vectors)', () => {
    const out = new Uint32Array(4);
    // counter 0, key 0
    expect(Array.from(new Philox(0n, 0n).next(out))).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
  });

  test('Ones and Zeros (tfjs-converter pseudo-ops) take dtype T', () => {
    const s = tf.tensor1d([2, 1], 'int32');
    const [o] = runOp('Ones', [s], { T: attr.type('int32') });
    expect(o.dtype).toBe('int32');
    expect(take(o)).toEqual([[1], [1]]);
    const [z] = runOp('Zeros', [s], { T: attr.type('float32') });
    expect(take(z)).toEqual([[0], [0]]);
    s.dispose();
  });

  test('unseeded random ops draw fresh values each call', () => {
    const s = tf.tensor1d([64], 'int32');
    const [a] = runOp('RandomStandardNormal', [s], { T: attr.type('int32'), dtype: attr.type('float32') });
    const [b] = runOp('RandomStandardNormal', [s], { T: attr.type('int32'), dtype: attr.type('float32') });
    const va = take(a) as number[];
    expect(va).not.toEqual(take(b));
    const mean = va.reduce((x, y) => x + y, 0) / va.length;
    expect(Math.abs(mean)).toBeLessThan(0.6);
    s.dispose();
  });
});
