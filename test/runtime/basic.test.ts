import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import { Executor } from '../../src/runtime/executor.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { supportedOps } from '../../src/runtime/registry.js';
import { isSavedModelError } from '../../src/errors.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('backend', () => {
  test('the WASM backend is active under Jest', () => {
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('executor basics', () => {
  // y = a*x + b with a = 0.5, b = 2 (half_plus_two)
  const graph = {
    node: [
      placeholderNode('x', 'float32', [-1]),
      constNode('a', [0.5], []),
      constNode('b', [2], []),
      nodeDef('mul', 'Mul', ['a', 'x'], { T: attr.type('float32') }),
      nodeDef('y', 'AddV2', ['mul', 'b:0'], { T: attr.type('float32') }),
      nodeDef('unused', 'Neg', ['x'], { T: attr.type('float32') }),
    ],
  };

  test('runs y = a*x + b with values, no leaks, repeated', () => {
    const exec = new Executor(graph);
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const [y] = exec.run({ 'x:0': x }, ['y:0']);
      expect(Array.from(y.dataSync())).toEqual([2.5, 3, 3.5]);
      y.dispose();
      // memoised constants (a, b) stay with the executor
      expect(tf.memory().numTensors).toBe(before + 2);
    }
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  test('feeding an intermediate tensor overrides its producer', () => {
    const exec = new Executor(graph);
    const m = tf.tensor1d([10]);
    const [y] = exec.run({ mul: m }, ['y']);
    expect(take(y)).toEqual([12]);
    exec.dispose();
    m.dispose();
  });

  test('fetching a feed or the same tensor twice gives separate tensors', () => {
    const exec = new Executor(graph);
    const x = tf.tensor1d([4]);
    const [a, b, c] = exec.run({ x }, ['x:0', 'y', 'y:0']);
    expect(a).not.toBe(x);
    expect(b).not.toBe(c);
    a.dispose();
    expect(take(x)).toEqual([4]);
    expect(take(b)).toEqual([4]);
    expect(take(c)).toEqual([4]);
    exec.dispose();
  });

  test('missing placeholder, bad names and wrong dtypes are SavedModelErrors', () => {
    const exec = new Executor(graph);
    expect(() => exec.run({}, ['y'])).toThrow(/placeholder 'x' must be fed/);
    expect(() => exec.run({}, ['nope:0'])).toThrow(/unknown node 'nope'/);
    const i = tf.tensor1d([1], 'int32');
    try {
      exec.run({ x: i }, ['y']);
      throw new Error('no error');
    } catch (e) {
      expect(isSavedModelError(e)).toBe(true);
      expect((e as Error).message).toMatch(/expects float32/);
    }
    i.dispose();
    exec.dispose();
  });

  test('unsupported ops are reported all at once with node names', () => {
    const exec = new Executor({
      node: [placeholderNode('x'), nodeDef('f1', 'FancyOp', ['x']), nodeDef('f2', 'OtherOp', ['f1']), nodeDef('f3', 'FancyOp', ['x'])],
    });
    expect(() => exec.prepare()).toThrow(/FancyOp, OtherOp; used by f1 \(FancyOp, in graph\), f2 \(OtherOp, in graph\), f3/);
  });

  test('kernel failures name the node', () => {
    const exec = new Executor({
      node: [constNode('a', [1, 2], [2]), constNode('b', [1, 2, 3], [3]), nodeDef('s', 'AddV2', ['a', 'b'], { T: attr.type('float32') })],
    });
    const before = tf.memory().numTensors;
    expect(() => exec.run({}, ['s'])).toThrow(/node 's' \(AddV2\)/);
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('first kernels', () => {
  test('MatMul with transposes', () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [7, 8]]);
    const [p] = runOp('MatMul', [a, b], { T: attr.type('float32'), transpose_a: attr.b(true) });
    expect(take(p)).toEqual([[26, 30], [38, 44]]);
    tf.dispose([a, b]);
  });

  test('Cast wraps into uint8 and truncates floats', () => {
    const x = tf.tensor1d([300, -1, 2.7, -2.7]);
    const [y] = runOp('Cast', [x], { SrcT: attr.type('float32'), DstT: attr.type('uint8') });
    expect(take(y)).toEqual([44, 255, 2, 254]);
    const [z] = runOp('Cast', [x], { SrcT: attr.type('float32'), DstT: attr.type('int32') });
    expect(take(z)).toEqual([300, -1, 2, -2]);
    x.dispose();
  });

  test('Reshape, Shape, Relu, IdentityN', () => {
    const x = tf.tensor1d([-1, 2, -3, 4, 5, -6]);
    const s = tf.tensor1d([2, 3], 'int32');
    const [r] = runOp('Reshape', [x, s], { T: attr.type('float32') });
    expect(r.shape).toEqual([2, 3]);
    const [sh] = runOp('Shape', [r], { T: attr.type('float32') });
    expect(take(sh)).toEqual([2, 3]);
    const [relu] = runOp('Relu', [r], { T: attr.type('float32') });
    expect(take(relu)).toEqual([[0, 2, 0], [4, 5, 0]]);
    const [a, b] = runOp('IdentityN', [x, s], { T: attr.types(['float32', 'int32']) });
    expect(take(a)).toEqual([-1, 2, -3, 4, 5, -6]);
    expect(take(b)).toEqual([2, 3]);
    tf.dispose([x, s, r]);
  });

  test('supportedOps is sorted and lists the first kernels', () => {
    const ops = supportedOps();
    expect(ops).toEqual([...ops].sort());
    expect(ops).toEqual(expect.arrayContaining(['Const', 'MatMul', 'AddV2', 'Relu']));
  });
});
