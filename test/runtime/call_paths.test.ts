/**
 * The executor's per-call shortcuts: wrapper functions forwarded to the function they call,
 * variable reads lent as borrowed tensors in plans that cannot mutate variables — with values,
 * assignment visibility, gradients and tensor counts checked.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef } from '../../src/graph/build.js';
import type { FunctionDefLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { forwardedFunction } from '../../src/runtime/forward.js';
import { GraphIndex } from '../../src/runtime/graph_index.js';
import { FunctionLibrary } from '../../src/runtime/library.js';
import { MutationIndex, isMutatingOp } from '../../src/runtime/mutation.js';
import { buildPlan } from '../../src/runtime/plan.js';
import { ResourceHandle } from '../../src/runtime/values.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const f32 = 1;
const res = 20;
const F = { T: attr.type('float32') };
const D = { dtype: attr.type('float32') };
const call = (name: string, inputs: string[], tin: string[], tout: string[]) => ({
  Tin: attr.types(tin as never), Tout: attr.types(tout as never), f: attr.func(name),
});

/** y = x * w + b, reading two variables. */
const model: FunctionDefLike = {
  signature: { name: 'model', inputArg: [{ name: 'x', type: f32 }, { name: 'w_h', type: res }, { name: 'b_h', type: res }], outputArg: [{ name: 'y', type: f32 }] },
  nodeDef: [
    nodeDef('w', 'ReadVariableOp', ['w_h'], D),
    nodeDef('b', 'ReadVariableOp', ['b_h'], D),
    nodeDef('wx', 'Mul', ['x', 'w:value:0'], F),
    nodeDef('y', 'AddV2', ['wx:z:0', 'b:value:0'], F),
  ],
  ret: { y: 'y:z:0' },
};

/** TF2's signature wrapper: one call of `model`, its result through Identity, a NoOp control output. */
const wrapper: FunctionDefLike = {
  signature: { name: 'wrapper', inputArg: [{ name: 'x', type: f32 }, { name: 'w_h', type: res }, { name: 'b_h', type: res }], outputArg: [{ name: 'out', type: f32 }] },
  nodeDef: [
    nodeDef('call', 'StatefulPartitionedCall', ['x', 'w_h', 'b_h'], call('model', [], ['float32', 'resource', 'resource'], ['float32'])),
    nodeDef('NoOp', 'NoOp', ['^call']),
    nodeDef('Identity', 'Identity', ['call:output:0', '^NoOp'], F),
  ],
  ret: { out: 'Identity:output:0' },
};

/** Like `wrapper` but passes its arguments in another order: not a forwarder. */
const swapped: FunctionDefLike = {
  signature: { name: 'swapped', inputArg: [{ name: 'x', type: f32 }, { name: 'b_h', type: res }, { name: 'w_h', type: res }], outputArg: [{ name: 'out', type: f32 }] },
  nodeDef: [nodeDef('call', 'StatefulPartitionedCall', ['x', 'w_h', 'b_h'], call('model', [], ['float32', 'resource', 'resource'], ['float32']))],
  ret: { out: 'call:output:0' },
};

/** Like `wrapper` plus one more op on the result: not a forwarder. */
const scaled: FunctionDefLike = {
  signature: { name: 'scaled', inputArg: [{ name: 'x', type: f32 }, { name: 'w_h', type: res }, { name: 'b_h', type: res }], outputArg: [{ name: 'out', type: f32 }] },
  nodeDef: [
    nodeDef('call', 'StatefulPartitionedCall', ['x', 'w_h', 'b_h'], call('model', [], ['float32', 'resource', 'resource'], ['float32'])),
    nodeDef('twice', 'AddV2', ['call:output:0', 'call:output:0'], F),
  ],
  ret: { out: 'twice:z:0' },
};

/** Reads w, doubles it into w, reads it again: returns (before, after). */
const doubler: FunctionDefLike = {
  signature: { name: 'doubler', inputArg: [{ name: 'w_h', type: res }], outputArg: [{ name: 'before', type: f32 }, { name: 'after', type: f32 }] },
  nodeDef: [
    nodeDef('r1', 'ReadVariableOp', ['w_h'], D),
    nodeDef('two', 'AddV2', ['r1:value:0', 'r1:value:0'], F),
    nodeDef('assign', 'AssignVariableOp', ['w_h', 'two:z:0', '^r1'], D),
    nodeDef('r2', 'ReadVariableOp', ['w_h', '^assign'], D),
  ],
  ret: { before: 'r1:value:0', after: 'r2:value:0' },
};

/** Reads w, calls `doubler` (which assigns it), reads w again. */
const outer: FunctionDefLike = {
  signature: { name: 'outer', inputArg: [{ name: 'w_h', type: res }], outputArg: [{ name: 'first', type: f32 }, { name: 'last', type: f32 }] },
  nodeDef: [
    nodeDef('r1', 'ReadVariableOp', ['w_h'], D),
    nodeDef('c', 'StatefulPartitionedCall', ['w_h', '^r1'], call('doubler', [], ['resource'], ['float32', 'float32'])),
    nodeDef('r2', 'ReadVariableOp', ['w_h', '^c'], D),
  ],
  ret: { first: 'r1:value:0', last: 'r2:value:0' },
};

/** Returns the variable's value itself (a read fetched as the result). */
const readOnly: FunctionDefLike = {
  signature: { name: 'read_only', inputArg: [{ name: 'w_h', type: res }], outputArg: [{ name: 'v', type: f32 }] },
  nodeDef: [nodeDef('r', 'ReadVariableOp', ['w_h'], D), nodeDef('id', 'Identity', ['r:value:0'], F)],
  ret: { v: 'id:output:0' },
};

/** Branches to `doubler` through If's func attrs. */
const branchy: FunctionDefLike = {
  signature: { name: 'branchy', inputArg: [{ name: 'p', type: 10 }, { name: 'w_h', type: res }], outputArg: [{ name: 'a', type: f32 }, { name: 'b', type: f32 }] },
  nodeDef: [nodeDef('if', 'If', ['p', 'w_h'], { Tcond: attr.type('bool'), Tin: attr.types(['resource']), Tout: attr.types(['float32', 'float32']), then_branch: attr.func('doubler'), else_branch: attr.func('doubler') })],
  ret: { a: 'if:output:0', b: 'if:output:1' },
};

/** Calls itself (never run): counts as mutating. */
const recursive: FunctionDefLike = {
  signature: { name: 'recursive', inputArg: [{ name: 'w_h', type: res }], outputArg: [] },
  nodeDef: [nodeDef('c', 'StatefulPartitionedCall', ['w_h'], call('recursive', [], ['resource'], []))],
  ret: {},
};

const library = { function: [model, wrapper, swapped, scaled, doubler, outer, readOnly, branchy, recursive] };

function setup(w: number, b: number): { exec: Executor; wh: ResourceHandle; bh: ResourceHandle; dispose: () => void } {
  const exec = new Executor({ node: [], library });
  const wh = new ResourceHandle('variable', '', 'w');
  const bh = new ResourceHandle('variable', '', 'b');
  const w0 = tf.scalar(w);
  const b0 = tf.scalar(b);
  exec.resources.variable(wh, 'float32').assign(w0);
  exec.resources.variable(bh, 'float32').assign(b0);
  tf.dispose([w0, b0]);
  return { exec, wh, bh, dispose: () => (exec.resources.dispose(), exec.dispose()) };
}

describe('MutationIndex', () => {
  const idx = new MutationIndex(new FunctionLibrary(library));

  test('ops that assign, update or destroy variables are mutating; reads and math are not', () => {
    for (const op of ['AssignVariableOp', 'AssignAddVariableOp', 'Assign', 'DestroyResourceOp', 'ResourceApplyAdam', 'ResourceScatterUpdate', 'ScatterNdUpdate']) expect(isMutatingOp(op)).toBe(true);
    for (const op of ['ReadVariableOp', 'ResourceGather', 'MatMul', 'VarHandleOp', 'Identity']) expect(isMutatingOp(op)).toBe(false);
  });

  test('functions: directly, through calls, through func attrs, recursion and unknown names', () => {
    expect(idx.functionMayMutate('model')).toBe(false);
    expect(idx.functionMayMutate('wrapper')).toBe(false);
    expect(idx.functionMayMutate('read_only')).toBe(false);
    expect(idx.functionMayMutate('doubler')).toBe(true);
    expect(idx.functionMayMutate('outer')).toBe(true);
    expect(idx.functionMayMutate('branchy')).toBe(true);
    expect(idx.functionMayMutate('recursive')).toBe(true);
    expect(idx.functionMayMutate('no_such_function')).toBe(true);
  });
});

describe('wrapper forwarding', () => {
  const lib = new FunctionLibrary(library);
  const forwardOf = (name: string): string | null => {
    const g = GraphIndex.fromFunction(lib.get(name), lib);
    return forwardedFunction(g, buildPlan(g, g.args.map((node) => ({ node, output: 0 })), g.rets, g.controlRets));
  };

  test('a body that passes its arguments to one call and returns its results forwards to the callee', () => {
    expect(forwardOf('wrapper')).toBe('model');
    expect(forwardOf('swapped')).toBeNull();
    expect(forwardOf('scaled')).toBeNull();
    expect(forwardOf('model')).toBeNull();
    expect(forwardOf('outer')).toBeNull();
  });

  test('calling a forwarding wrapper gives the callee\'s results, with no tensor left behind', () => {
    const { exec, wh, bh, dispose } = setup(3, -1);
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    expect(take(exec.callFunction('wrapper', [x, wh, bh])[0] as tf.Tensor)).toEqual([2, 5]);
    expect(take(exec.callFunction('swapped', [x, bh, wh])[0] as tf.Tensor)).toEqual([2, 5]);
    expect(take(exec.callFunction('scaled', [x, wh, bh])[0] as tf.Tensor)).toEqual([4, 10]);
    expect(() => exec.callFunction('wrapper', [x, wh])).toThrow(/function 'wrapper' takes 3 input\(s\), got 2/);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });

  test('gradients flow through a forwarded call to the feed and to the variables', () => {
    const { exec, wh, bh, dispose } = setup(3, -1);
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    const f = (t: tf.Tensor) => tf.sum(tf.square(exec.callFunction('wrapper', [t, wh, bh])[0] as tf.Tensor));
    // d/dx sum((wx+b)^2) = 2(wx+b)w = [12, 30]
    expect(take(tf.grad(f)(x))).toEqual([12, 30]);
    const { value, grads } = tf.variableGrads(() => f(x) as tf.Scalar);
    expect(take(value)).toBe(29);
    // d/dw = sum 2(wx+b)x = 24; d/db = sum 2(wx+b) = 14
    expect(Object.values(grads).map((g) => take(g)).sort()).toEqual([14, 24]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });
});

describe('borrowed variable reads', () => {
  /** Calls of engine.makeTensorFromDataId (how a read aliases a variable) during `f`. */
  function aliasesDuring<T>(f: () => T): [T, number] {
    const spy = jest.spyOn(tf.engine(), 'makeTensorFromDataId');
    try {
      const out = f();
      return [out, spy.mock.calls.length];
    } finally {
      spy.mockRestore();
    }
  }

  test('a read-only function lends its reads (no tensor per read) and sees assignments made between calls', () => {
    const { exec, wh, bh, dispose } = setup(3, -1);
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    const [y, aliases] = aliasesDuring(() => exec.callFunction('model', [x, wh, bh])[0] as tf.Tensor);
    expect(aliases).toBe(0);
    expect(take(y)).toEqual([2, 5]);
    const w1 = tf.scalar(10);
    exec.resources.variable(wh).assign(w1);
    w1.dispose();
    expect(take(exec.callFunction('model', [x, wh, bh])[0] as tf.Tensor)).toEqual([9, 19]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });

  test('a fetched read is a tensor of its own: it keeps the value read and outlives the variable', () => {
    const { exec, wh, dispose } = setup(3, -1);
    const before = tf.memory().numTensors;
    const v = exec.callFunction('read_only', [wh])[0] as tf.Tensor;
    expect(v).not.toBe(exec.resources.variable(wh).variable());
    const w1 = tf.scalar(7);
    exec.resources.variable(wh).assign(w1);
    w1.dispose();
    expect(v.dataSync()[0]).toBe(3);
    expect(take(exec.callFunction('read_only', [wh])[0] as tf.Tensor)).toBe(7);
    expect(tf.memory().numTensors).toBe(before + 1);
    dispose();
    expect(v.isDisposed).toBe(false);
    expect(v.dataSync()[0]).toBe(3);
    v.dispose();
  });

  test('functions that assign (directly, through a call or a branch) read snapshots: values before and after', () => {
    const { exec, wh, dispose } = setup(3, -1);
    const p = tf.scalar(true, 'bool');
    const before = tf.memory().numTensors;
    const [r, aliases] = aliasesDuring(() => exec.callFunction('doubler', [wh]) as tf.Tensor[]);
    expect(aliases).toBeGreaterThan(0);
    expect(r.map(take)).toEqual([3, 6]);
    expect((exec.callFunction('outer', [wh]) as tf.Tensor[]).map(take)).toEqual([6, 12]);
    expect((exec.callFunction('branchy', [p, wh]) as tf.Tensor[]).map(take)).toEqual([12, 24]);
    expect(take(exec.callFunction('read_only', [wh])[0] as tf.Tensor)).toBe(24);
    expect(tf.memory().numTensors).toBe(before);
    p.dispose();
    dispose();
  });

  test('reading an uninitialized variable still fails with FAILED_PRECONDITION', () => {
    const exec = new Executor({ node: [], library });
    const h = new ResourceHandle('variable', '', 'never_set');
    expect(() => exec.callFunction('read_only', [h])).toThrow(/variable 'never_set' is read before it was initialized/);
    exec.resources.dispose();
    exec.dispose();
  });
});
