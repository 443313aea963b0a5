/** TensorList ops, alone and in a Keras-style RNN While loop. */
import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { FunctionDefLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };
const E = { element_dtype: attr.type('float32') };
const f32 = 1;
const i32 = 3;
const variant = 21;

describe('TensorList ops', () => {
  test('FromTensor → SetItem / PushBack / PopBack / GetItem / Gather / Stack / Length / Concat', () => {
    const exec = new Executor({
      node: [
        placeholderNode('x'),
        constNode('shape', [2], [1], 'int32'),
        constNode('idx1', [1], [], 'int32'),
        constNode('v', [9, 9], [2]),
        nodeDef('l', 'TensorListFromTensor', ['x', 'shape'], E),
        nodeDef('l2', 'TensorListSetItem', ['l', 'idx1', 'v'], E),
        nodeDef('l3', 'TensorListPushBack', ['l2', 'v'], E),
        nodeDef('len', 'TensorListLength', ['l3']),
        nodeDef('get', 'TensorListGetItem', ['l', 'idx1', 'shape'], E),
        nodeDef('stack', 'TensorListStack', ['l2', 'shape'], E),
        nodeDef('pop', 'TensorListPopBack', ['l3', 'shape'], E),
        constNode('gidx', [2, 0], [2], 'int32'),
        nodeDef('gather', 'TensorListGather', ['l3', 'gidx', 'shape'], E),
        nodeDef('concat', 'TensorListConcatV2', ['l3', 'shape', 'idx1'], E),
        constNode('n', [3], [], 'int32'),
        nodeDef('reserve', 'TensorListReserve', ['shape', 'n'], E),
        nodeDef('r2', 'TensorListSetItem', ['reserve', 'idx1', 'v'], E),
        nodeDef('rstack', 'TensorListStack', ['r2', 'shape'], E),
      ],
    });
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const before = tf.memory().numTensors;
    const outs = exec.run({ x }, ['len', 'get', 'stack', 'pop:1', 'gather', 'concat', 'concat:1', 'rstack']).map(take);
    expect(outs).toEqual([
      3, [3, 4], [[1, 2], [9, 9]], [9, 9], [[9, 9], [1, 2]], [1, 2, 9, 9, 9, 9], [2, 2, 2], [[0, 0], [9, 9], [0, 0]],
    ]);
    // the original list is unchanged by SetItem (lists are values)
    expect(take(exec.run({ x }, ['get'])[0])).toEqual([3, 4]);
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  test('Split and Scatter', () => {
    const t = tf.tensor1d([1, 2, 3, 4, 5]);
    const lengths = tf.tensor1d([2, 3], 'int32');
    const shape = tf.tensor1d([-1], 'int32');
    const exec = new Executor({
      node: [
        placeholderNode('t'), placeholderNode('lengths', 'int32'), placeholderNode('shape', 'int32'),
        nodeDef('l', 'TensorListSplit', ['t', 'shape', 'lengths'], { ...E, shape_type: attr.type('int32') }),
        constNode('one', [1], [], 'int32'),
        nodeDef('item', 'TensorListGetItem', ['l', 'one', 'shape'], E),
        constNode('idx', [1, 0], [2], 'int32'),
        constNode('rows', [1, 2, 3, 4], [2, 2]),
        constNode('s2', [2], [1], 'int32'),
        nodeDef('sc', 'TensorListScatter', ['rows', 'idx', 's2'], E),
        nodeDef('scs', 'TensorListStack', ['sc', 's2'], E),
      ],
    });
    const [item, scs] = exec.run({ t, lengths, shape }, ['item', 'scs']);
    expect([take(item), take(scs)]).toEqual([[3, 4, 5], [[3, 4], [1, 2]]]);
    tf.dispose([t, lengths, shape]);
    exec.dispose();
  });
});

describe('a Keras-style RNN: While over TensorLists', () => {
  // h_t = tanh(w·x_t + u·h_{t-1}); outputs stacked over time.
  const types = [i32, i32, variant, variant, f32];
  const args = ['i', 'n', 'xs', 'acc', 'h'];
  const sig = (name: string, outs: { name: string; type: number }[]) => ({
    name, inputArg: args.map((a, k) => ({ name: a, type: types[k] })), outputArg: outs,
  });
  const cond: FunctionDefLike = {
    signature: sig('cond', [{ name: 'c', type: 10 }]),
    nodeDef: [
      // i < n  as  bool(relu(float(n - i)))
      nodeDef('d', 'Sub', ['n', 'i'], { T: attr.type('int32') }),
      nodeDef('df', 'Cast', ['d:z:0'], { SrcT: attr.type('int32'), DstT: attr.type('float32') }),
      nodeDef('r', 'Relu', ['df:y:0'], F),
      nodeDef('b', 'Cast', ['r:activations:0'], { SrcT: attr.type('float32'), DstT: attr.type('bool') }),
    ],
    ret: { c: 'b:y:0' },
  };
  const body: FunctionDefLike = {
    signature: sig('body', args.map((a, k) => ({ name: `${a}_out`, type: types[k] }))),
    nodeDef: [
      constNode('shape', [-1], [1], 'int32'),
      nodeDef('x_t', 'TensorListGetItem', ['xs', 'i', 'shape:output:0'], E),
      constNode('w', [0.5], []),
      constNode('u', [-0.25], []),
      nodeDef('wx', 'Mul', ['x_t:item:0', 'w:output:0'], F),
      nodeDef('uh', 'Mul', ['h', 'u:output:0'], F),
      nodeDef('pre', 'AddV2', ['wx:z:0', 'uh:z:0'], F),
      nodeDef('h2', 'Tanh', ['pre:z:0'], F),
      nodeDef('acc2', 'TensorListSetItem', ['acc', 'i', 'h2:y:0'], E),
      constNode('one', [1], [], 'int32'),
      nodeDef('i2', 'AddV2', ['i', 'one:output:0'], { T: attr.type('int32') }),
    ],
    ret: { i_out: 'i2:z:0', n_out: 'n', xs_out: 'xs', acc_out: 'acc2:output_handle:0', h_out: 'h2:y:0' },
  };
  const graph = {
    node: [
      placeholderNode('x'), placeholderNode('h0'),
      constNode('zero', [0], [], 'int32'),
      constNode('elem', [-1], [1], 'int32'),
      nodeDef('shape', 'Shape', ['x'], F),
      constNode('s0', [0], [1], 'int32'), constNode('s1', [1], [1], 'int32'),
      nodeDef('steps', 'StridedSlice', ['shape', 's0', 's1', 's1'], { T: attr.type('int32'), Index: attr.type('int32'), shrink_axis_mask: attr.i(1) }),
      nodeDef('xs', 'TensorListFromTensor', ['x', 'elem'], E),
      nodeDef('acc', 'TensorListReserve', ['elem', 'steps'], E),
      nodeDef('loop', 'While', ['zero', 'steps', 'xs', 'acc', 'h0'], {
        T: attr.types(['int32', 'int32', 'variant', 'variant', 'float32']), cond: attr.func('cond'), body: attr.func('body'),
      }),
      nodeDef('out', 'TensorListStack', ['loop:3', 'elem'], { ...E, num_elements: attr.i(-1) }),
    ],
    library: { function: [cond, body] },
  };

  test('matches the recurrence computed directly, no leaks, gradients flow to the inputs', () => {
    const exec = new Executor(graph);
    exec.prepare();
    const x = tf.tensor2d([[1, 2], [0.5, -1], [3, 0]]); // T=3, B=2
    const h0 = tf.tensor1d([0, 0.5]);
    const direct = tf.tidy(() => {
      let h: tf.Tensor = h0;
      const outs: tf.Tensor[] = [];
      for (const xt of tf.unstack(x)) {
        h = tf.tanh(tf.add(tf.mul(xt, 0.5), tf.mul(h, -0.25)));
        outs.push(h);
      }
      return tf.stack(outs);
    });
    const want = Array.from(direct.dataSync());
    const before = tf.memory().numTensors;
    const [out, hT] = exec.run({ x, h0 }, ['out', 'loop:4']);
    const got = Array.from(out.dataSync());
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(hT.dataSync())).toEqual(want.slice(4));
    tf.dispose([out, hT]);
    exec.run({ x, h0 }, ['out'])[0].dispose();
    // memoised constants are the only growth
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(8);
    const mark = tf.memory().numTensors;
    exec.run({ x, h0 }, ['out'])[0].dispose();
    expect(tf.memory().numTensors).toBe(mark);
    // d sum(out) / d h0 through the loop, against finite differences
    const g = tf.grad((h: tf.Tensor) => tf.sum(exec.run({ x, h0: h }, ['out'])[0]))(h0);
    const eps = 1e-3;
    const fd = [0, 1].map((k) => {
      const at = (d: number) => {
        const hp = tf.tensor1d([0, 0.5].map((v, j) => (j === k ? v + d : v)));
        const r = tf.sum(exec.run({ x, h0: hp }, ['out'])[0]).dataSync()[0];
        hp.dispose();
        return r;
      };
      return (at(eps) - at(-eps)) / (2 * eps);
    });
    Array.from(g.dataSync()).forEach((v, k) => expect(v).toBeCloseTo(fd[k], 2));
    tf.dispose([g, x, h0, direct]);
    exec.dispose();
  });
});
