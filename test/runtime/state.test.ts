import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { FunctionDefLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { ResourceManager } from '../../src/runtime/resources.js';
import { ResourceHandle } from '../../src/runtime/values.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };
const D = { dtype: attr.type('float32') };

describe('resource variables', () => {
  const graph = {
    node: [
      nodeDef('v', 'VarHandleOp', [], { ...D, shape: attr.shape([2]), shared_name: attr.s('v') }),
      constNode('init', [1, 2], [2]),
      nodeDef('assign', 'AssignVariableOp', ['v', 'init'], D),
      nodeDef('read', 'ReadVariableOp', ['v'], D),
      placeholderNode('delta', 'float32', [2]),
      nodeDef('add', 'AssignAddVariableOp', ['v', 'delta'], D),
      nodeDef('sub', 'AssignSubVariableOp', ['v', 'delta'], D),
      nodeDef('read_after', 'ReadVariableOp', ['v', '^add'], D),
      nodeDef('inited', 'VarIsInitializedOp', ['v']),
      nodeDef('gather', 'ResourceGather', ['v', 'idx'], { ...D, Tindices: attr.type('int32') }),
      constNode('idx', [1, 1, 0], [3], 'int32'),
      nodeDef('destroy', 'DestroyResourceOp', ['v']),
    ],
  };

  test('assign, read, add, sub, gather persist across runs; state lives in the ResourceManager', () => {
    const resources = new ResourceManager();
    const exec = new Executor(graph, { resources });
    expect(take(exec.run({}, ['inited'])[0])).toBe(0);
    expect(() => exec.run({}, ['read'])).toThrow(/variable 'v' is read before it was initialized/);
    exec.run({}, [], ['assign']);
    expect(take(exec.run({}, ['inited'])[0])).toBe(1);
    const delta = tf.tensor1d([10, 20]);
    const before = tf.memory().numTensors;
    expect(take(exec.run({ delta }, ['read_after'])[0])).toEqual([11, 22]);
    expect(take(exec.run({ delta }, ['read_after'])[0])).toEqual([21, 42]);
    exec.run({ delta }, [], ['sub']);
    expect(take(exec.run({}, ['gather'])[0])).toEqual([22, 22, 11]);
    expect(tf.memory().numTensors).toBe(before + 1); // + the memoised constant 'idx'
    // a second executor over the same ResourceManager sees the same variable
    const other = new Executor(graph, { resources });
    expect(take(other.run({}, ['read'])[0])).toEqual([11, 22]);
    expect(resources.variables().get('v')?.initialized).toBe(true);
    exec.run({}, [], ['destroy']);
    expect(take(exec.run({}, ['inited'])[0])).toBe(0);
    tf.dispose(delta);
    exec.dispose();
    other.dispose();
    resources.dispose();
  });

  test('wrong dtype assignment is refused', () => {
    const exec = new Executor({
      node: [
        nodeDef('v', 'VarHandleOp', [], { ...D, shape: attr.shape([]) }),
        constNode('i', [1], [], 'int32'),
        nodeDef('a', 'AssignVariableOp', ['v', 'i'], { dtype: attr.type('int32') }),
      ],
    });
    expect(() => exec.run({}, [], ['a'])).toThrow(/holds float32, cannot assign a int32 tensor/);
    exec.resources.dispose();
    exec.dispose();
  });
});

describe('TF1 reference variables', () => {
  // counter_v1 in miniature: counter = 0; incr = AssignAdd(counter, 1); get = Identity(counter)
  const graph = {
    node: [
      nodeDef('counter', 'VariableV2', [], { ...D, shape: attr.shape([]) }),
      constNode('zero', [0], []),
      nodeDef('counter/Assign', 'Assign', ['counter', 'zero'], F),
      constNode('one', [1], []),
      nodeDef('incr', 'AssignAdd', ['counter', 'one'], F),
      nodeDef('get', 'Identity', ['counter'], F),
      placeholderNode('delta'),
      nodeDef('incr_by', 'AssignAdd', ['counter', 'delta'], F),
      nodeDef('y', 'Mul', ['counter', 'delta'], F),
    ],
  };

  test('Assign / AssignAdd / Identity on refs keep state across runs', () => {
    const exec = new Executor(graph);
    exec.run({}, [], ['counter/Assign']);
    const before = tf.memory().numTensors + 1; // + the memoised constant 'one'
    expect(take(exec.run({}, ['incr'])[0])).toBe(1);
    expect(take(exec.run({}, ['incr'])[0])).toBe(2);
    expect(take(exec.run({}, ['get'])[0])).toBe(2);
    expect(take(exec.run({}, ['counter:0'])[0])).toBe(2);
    const d = tf.scalar(5);
    expect(take(exec.run({ delta: d }, ['incr_by'])[0])).toBe(7);
    expect(take(exec.run({ delta: d }, ['y'])[0])).toBe(35);
    d.dispose();
    expect(tf.memory().numTensors).toBe(before);
    exec.run({}, [], ['counter/Assign']);
    expect(take(exec.run({}, ['get'])[0])).toBe(0);
    exec.resources.dispose();
    exec.dispose();
  });
});

describe('gradients through executed graphs', () => {
  // y = sum((w * x + b)^2) via a StatefulPartitionedCall that reads the variables
  const f32 = 1;
  const res = 20;
  const fn: FunctionDefLike = {
    signature: {
      name: 'model',
      inputArg: [{ name: 'x', type: f32 }, { name: 'w_h', type: res }, { name: 'b_h', type: res }],
      outputArg: [{ name: 'y', type: f32 }],
    },
    nodeDef: [
      nodeDef('w', 'ReadVariableOp', ['w_h'], D),
      nodeDef('b', 'ReadVariableOp', ['b_h'], D),
      nodeDef('wx', 'Mul', ['w:value:0', 'x'], F),
      nodeDef('z', 'AddV2', ['wx:z:0', 'b:value:0'], F),
      nodeDef('sq', 'Mul', ['z:z:0', 'z:z:0'], F),
    ],
    ret: { y: 'sq:z:0' },
  };
  const graph = {
    node: [
      placeholderNode('x'),
      nodeDef('w', 'VarHandleOp', [], { ...D, shape: attr.shape([]), shared_name: attr.s('w') }),
      nodeDef('b', 'VarHandleOp', [], { ...D, shape: attr.shape([]), shared_name: attr.s('b') }),
      nodeDef('call', 'StatefulPartitionedCall', ['x', 'w', 'b'], {
        Tin: attr.types(['float32', 'resource', 'resource']), Tout: attr.types(['float32']), f: attr.func('model'),
      }),
    ],
    library: { function: [fn] },
  };

  test('tf.grad w.r.t. a feed and tf.variableGrads w.r.t. restored variables match analytic gradients', () => {
    const exec = new Executor(graph);
    const w0 = tf.scalar(3);
    const b0 = tf.scalar(-1);
    exec.resources.variable(new ResourceHandle('variable', '', 'w'), 'float32').assign(w0);
    exec.resources.variable(new ResourceHandle('variable', '', 'b'), 'float32').assign(b0);
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    const f = (t: tf.Tensor) => tf.sum(exec.run({ x: t }, ['call'])[0]);
    // d/dx sum((wx+b)^2) = 2(wx+b)w = [2*2*3, 2*5*3]
    const gx = tf.grad(f)(x);
    expect(take(gx)).toEqual([12, 30]);
    const { value, grads } = tf.variableGrads(() => f(x) as tf.Scalar);
    expect(take(value)).toBe(4 + 25);
    const names = Object.keys(grads);
    expect(names).toHaveLength(2);
    // d/dw = sum 2(wx+b)x = 2*2*1 + 2*5*2 = 24 ; d/db = sum 2(wx+b) = 14
    const vals = names.map((n) => take(grads[n])).sort();
    expect(vals).toEqual([14, 24]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w0, b0, x]);
    exec.resources.dispose();
    exec.dispose();
  });
});
