/**
 * Run states (slots, flags, step input arrays) reused by a plan's next synchronous run: repeated,
 * failing and nested runs give the right values with no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef } from '../../src/graph/build.js';
import type { FunctionDefLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import type { BoundNode } from '../../src/runtime/interpreter.js';
import { ResourceHandle } from '../../src/runtime/values.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const f32 = 1;
const res = 20;
const F = { T: attr.type('float32') };
const D = { dtype: attr.type('float32') };

/** y = x * w + x, reading variable w. */
const model: FunctionDefLike = {
  signature: { name: 'model', inputArg: [{ name: 'x', type: f32 }, { name: 'w_h', type: res }], outputArg: [{ name: 'y', type: f32 }] },
  nodeDef: [
    nodeDef('w', 'ReadVariableOp', ['w_h'], D),
    nodeDef('wx', 'Mul', ['x', 'w:value:0'], F),
    nodeDef('y', 'AddV2', ['wx:z:0', 'x'], F),
  ],
  ret: { y: 'y:z:0' },
};

/** model(model(x)): two runs of model's plan, the second after the first finished. */
const twice: FunctionDefLike = {
  signature: { name: 'twice', inputArg: [{ name: 'x', type: f32 }, { name: 'w_h', type: res }], outputArg: [{ name: 'y', type: f32 }] },
  nodeDef: [
    nodeDef('a', 'StatefulPartitionedCall', ['x', 'w_h'], { Tin: attr.types(['float32', 'resource']), Tout: attr.types(['float32']), f: attr.func('model') }),
    nodeDef('b', 'StatefulPartitionedCall', ['a:output:0', 'w_h'], { Tin: attr.types(['float32', 'resource']), Tout: attr.types(['float32']), f: attr.func('model') }),
  ],
  ret: { y: 'b:output:0' },
};

const library = { function: [model, twice] };

describe('run states reused across runs', () => {
  function setup(w: number): { exec: Executor; wh: ResourceHandle; dispose: () => void } {
    const exec = new Executor({ node: [], library });
    const wh = new ResourceHandle('variable', '', 'w');
    const w0 = tf.scalar(w);
    exec.resources.variable(wh, 'float32').assign(w0);
    w0.dispose();
    return { exec, wh, dispose: () => (exec.resources.dispose(), exec.dispose()) };
  }

  test('repeated calls, and calls of one plan from two call sites, give fresh correct results and free everything', () => {
    const { exec, wh, dispose } = setup(2);
    const x = tf.tensor1d([1, -2]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) expect(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor)).toEqual([3, -6]);
    for (let i = 0; i < 3; i++) expect(take(exec.callFunction('twice', [x, wh])[0] as tf.Tensor)).toEqual([9, -18]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });

  test('a failed run is not reused: the next run sees only its own feeds and variables', () => {
    const { exec, wh, dispose } = setup(2);
    const x = tf.tensor1d([1, -2]);
    const before = tf.memory().numTensors;
    const missing = new ResourceHandle('variable', '', 'not_there');
    expect(() => exec.callFunction('model', [x, missing])).toThrow(/not_there/);
    expect(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor)).toEqual([3, -6]);
    // A variable assigned between runs is what the next run reads.
    const w1 = tf.scalar(-1);
    exec.resources.variable(wh, 'float32').assign(w1);
    w1.dispose();
    expect(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor)).toEqual([0, 0]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });

  test('a plan run while another run of it is in flight (a kernel calling the same function) gets its own state', () => {
    const { exec, wh, dispose } = setup(2);
    const x = tf.tensor1d([1, -2]);
    const before = tf.memory().numTensors;
    // Bind model's Mul to a kernel that first calls model again (a nested run of the same plan).
    const results: number[][] = [];
    let arm = false;
    const binder = exec as unknown as { bind: (i: number, p: unknown) => BoundNode };
    const bind = binder.bind.bind(exec);
    binder.bind = (i, p) => {
      const b = bind(i, p);
      if (b.ctx.op !== 'Mul') return b;
      const inner = b.sync!;
      return { ...b, sync: (ins, c) => {
        if (arm) {
          arm = false;
          results.push(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor) as number[]);
        }
        return inner(ins, c);
      } };
    };
    // The first run leaves its state to the plan; the second takes it, and the run nested in it needs another.
    expect(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor)).toEqual([3, -6]);
    arm = true;
    expect(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor)).toEqual([3, -6]);
    expect(results).toEqual([[3, -6]]);
    expect(take(exec.callFunction('model', [x, wh])[0] as tf.Tensor)).toEqual([3, -6]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });
});
