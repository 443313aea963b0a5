/**
 * Kernels are bound per plan: a graph holding ops without kernels still runs every fetch that
 * does not reach them; a fetch that does fails with UNIMPLEMENTED naming the op and its node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { FunctionDefLike } from '../../src/graph/node.js';
import { isSavedModelError } from '../../src/errors.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };

/** The SavedModelError `f` throws (fails the test when it throws nothing or something else). */
function errorOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(isSavedModelError(e)).toBe(true);
    return e as { code: string; message: string };
  }
  throw new Error('expected a SavedModelError, nothing was thrown');
}

describe('lazy kernel binding', () => {
  // A TF1-style graph: one branch uses an op this runtime has no kernel for.
  const graph = {
    node: [
      placeholderNode('x', 'float32', [2]),
      constNode('one', [1], []),
      nodeDef('good', 'AddV2', ['x', 'one'], F),
      nodeDef('bad', 'FrobnicateV7', ['x'], F),
      nodeDef('after_bad', 'AddV2', ['bad', 'one'], F),
    ],
  };

  test('fetches that do not reach the unsupported op run; one that does names it; the rest keeps working', () => {
    const exec = new Executor(graph);
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    expect(take(exec.run({ x }, ['good'])[0])).toEqual([2, 3]);
    const e = errorOf(() => exec.run({ x }, ['after_bad']));
    expect(e.code).toBe('UNIMPLEMENTED');
    expect(e.message).toMatch(/node 'bad' uses op FrobnicateV7, which this runtime does not support/);
    expect(take(exec.run({ x }, ['good:0'])[0])).toEqual([2, 3]);
    // feeding the unsupported node's output makes the fetch independent of it
    const fed = tf.tensor1d([10, 20]);
    expect(take(exec.run({ x, bad: fed }, ['after_bad'])[0])).toEqual([11, 21]);
    fed.dispose();
    expect(tf.memory().numTensors).toBe(before + 1); // + the memoised constant 'one'
    // the whole-graph check still lists it
    expect(() => exec.prepare()).toThrow(/unsupported TensorFlow op\(s\) FrobnicateV7; used by bad/);
    x.dispose();
    exec.dispose();
  });

  test('a function whose results do not need its unsupported node runs; one that needs it names the op', () => {
    const f32 = 1;
    const lib: FunctionDefLike[] = [
      {
        signature: { name: 'fine', inputArg: [{ name: 'x', type: f32 }], outputArg: [{ name: 'y', type: f32 }] },
        nodeDef: [nodeDef('twice', 'AddV2', ['x', 'x'], F), nodeDef('unused', 'FrobnicateV7', ['x'], F)],
        ret: { y: 'twice:z:0' },
      },
      {
        signature: { name: 'broken', inputArg: [{ name: 'x', type: f32 }], outputArg: [{ name: 'y', type: f32 }] },
        nodeDef: [nodeDef('frob', 'FrobnicateV7', ['x'], F)],
        ret: { y: 'frob:y:0' },
      },
    ];
    const exec = new Executor({ node: [], library: { function: lib } });
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    expect(take(exec.callFunction('fine', [x])[0] as tf.Tensor)).toEqual([2, 4]);
    const e = errorOf(() => exec.callFunction('broken', [x]));
    expect(e.code).toBe('UNIMPLEMENTED');
    expect(e.message).toMatch(/function 'broken': node 'frob' uses op FrobnicateV7/);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    exec.dispose();
  });
});
