import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/runtime/backend.js';
import { ops } from '../../src/trace/index.js';
import { Graph } from '../../src/v1/graph.js';
import { globalVariablesInitializer } from '../../src/v1/initializers.js';
import { Session } from '../../src/v1/session.js';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { tensorflow } from '../../src/proto/index.js';
import { fixture, TF_VERSIONS, metaGraphs } from './fixtures.js';

beforeAll(() => ensureBackend());

const values = (t: tf.Tensor | null) => Array.from(t!.dataSync() as Float32Array);

describe('v1.Graph', () => {
  test.each(TF_VERSIONS)('the guide graph has the nodes TF %s built (names, ops, inputs)', async (v) => {
    const g = new Graph();
    const input = g.placeholder('float32', []);
    ops.add(input, 2, { name: 'add' });
    const ours = g.toGraphDef().node.map((n) => [n.name, n.op, n.input]);
    const tfGraph = (await metaGraphs(fixture(v, 'guide_builder')))[0].graphDef.node.map((n: { name: string; op: string; input: string[] }) => [n.name, n.op, n.input]);
    expect(ours).toEqual(tfGraph);
  });

  test('resource and reference variables are built node for node as TensorFlow builds them', () => {
    const g = new Graph();
    const x = g.placeholder('float32', [], 'x');
    const v = g.variable(3.0, { name: 'v', useResource: false });
    const w = g.variable([[1, 2]], { name: 'w', trainable: false });
    ops.mul(x, v, { name: 'y' });
    ops.matMul(w, [[1], [1]], { name: 'z' });
    // The listing TF 2.15 prints for the same Python (tf1.Variable(…, use_resource=False / True)).
    expect(g.operations.map((op) => `${op.name} ${op.type} ${op.inputs.map((t) => t.name).join(',')}`)).toEqual([
      'x Placeholder ', 'v/initial_value Const ', 'v VariableV2 ', 'v/Assign Assign v:0,v/initial_value:0', 'v/read Identity v:0',
      'w/Initializer/initial_value Const ', 'w VarHandleOp ', 'w/IsInitialized/VarIsInitializedOp VarIsInitializedOp w:0',
      'w/Assign AssignVariableOp w:0,w/Initializer/initial_value:0', 'w/Read/ReadVariableOp ReadVariableOp w:0',
      'y Mul x:0,v/read:0', 'z/ReadVariableOp ReadVariableOp w:0', 'z/b Const ', 'z MatMul z/ReadVariableOp:0,z/b:0',
    ]);
    // VariableDef bytes as TF wrote them for the same variables (collection 'variables' of that graph).
    const hex = (d: tensorflow.VariableDef) => Buffer.from(tensorflow.VariableDef.encode(d).finish()).toString('latin1');
    expect(hex(v.toVariableDef())).toBe('\n\u0003v:0\u0012\bv/Assign\u001a\bv/read:02\u0011v/initial_value:08\u0001');
    expect(hex(w.toVariableDef())).toBe('\n\u0003w:0\u0012\bw/Assign\u001a\u0017w/Read/ReadVariableOp:0(\u00012\u001dw/Initializer/initial_value:0');
    expect(g.getCollection('trainable_variables')).toEqual([v]);
    expect(g.globalVariables()).toEqual([v, w]);
  });

  test('unique names follow TF (case-insensitive, _N suffixes) and lookups report TF messages', () => {
    const g = new Graph();
    const a = g.placeholder('float32', null, 'a');
    const b = g.placeholder('int32', [null, 3], 'A');
    expect([a.name, b.name]).toEqual(['a:0', 'A_1:0']);
    expect(b.shape).toEqual([-1, 3]);
    expect(a.shape).toBeNull();
    const s1 = ops.add(a, 1);
    const s2 = ops.add(a, 1);
    expect([s1, s2].map((t) => (t as unknown as { name: string }).name)).toEqual(['Add:0', 'Add_1:0']);
    expect(g.getTensorByName('A_1:0')).toBe(b);
    expect(g.getOperationByName('Add_1')).toBe((s2 as unknown as { op: unknown }).op);
    expect(() => g.getTensorByName('Add')).toThrow(/looks like an \(invalid\) Operation name/);
    expect(() => g.getTensorByName('nope:0')).toThrow(/The operation, 'nope', does not exist in the graph/);
    expect(() => g.getTensorByName('Add:3')).toThrow(/only has 1 outputs/);
    expect(() => g.getOperationByName('Add:0')).toThrow(/appears to refer to a Tensor/);
    expect(() => g.getOperationByName('nope')).toThrow(/refers to an Operation not in the graph/);
  });
});

describe('v1.Session', () => {
  test('fetch structures, feeds by tensor / name / Map, variables and initializers', () => {
    const g = new Graph();
    const x = g.placeholder('float32', [], 'x');
    const v = g.variable(3.0, { name: 'v' });
    const r = g.variable([[1, 2]], { name: 'r', useResource: false });
    const y = ops.mul(x, v, { name: 'y' });
    const z = ops.matMul(r, [[1], [1]]);
    const init = globalVariablesInitializer(g);
    expect(init.name).toBe('init');
    const sess = new Session(g);
    expect(() => sess.run(y, { 'x:0': 5 })).toThrow(/read before it was initialized/);
    expect(sess.run(init)).toBeNull();
    const out = sess.run({ y, z, list: [v, 'r/read:0', 'init'] }, new Map([[x, 5]]));
    expect(values(out.y)).toEqual([15]);
    expect(values(out.z)).toEqual([3]);
    expect(values(out.list[0] as unknown as tf.Tensor)).toEqual([3]);
    expect(values(out.list[1] as unknown as tf.Tensor)).toEqual([1, 2]);
    expect(out.list[2]).toBeNull();
    // State persists; the graph may grow between runs.
    sess.run(v.assignAdd(1));
    expect(values(sess.run(y, { 'x:0': 5 }))).toEqual([20]);
    sess.run(r.assign([[2, 2]]));
    expect(values(sess.run(z))).toEqual([4]);
    expect(values(sess.run([y], new Map([['x:0', tf.scalar(2)]]))[0])).toEqual([8]);
    sess.close();
    expect(() => sess.run(y, { 'x:0': 1 })).toThrow(/closed Session/);
  });

  test('feeds are checked against the placeholder like TF', () => {
    const g = new Graph();
    const x = g.placeholder('float32', [2], 'x');
    const i = g.placeholder('int32', [], 'i');
    const s = g.placeholder('string', [null], 's');
    const y = ops.mul(x, 2);
    const sess = new Session(g);
    expect(() => sess.run(y, { 'x:0': [1, 2, 3] })).toThrow('Cannot feed value of shape (3,) for Tensor x:0, which has shape (2,)');
    expect(values(sess.run(y, { 'x:0': tf.tensor1d([1, 2], 'int32') }))).toEqual([2, 4]);
    expect(sess.run(i, { 'i:0': 7 }).dtype).toBe('int32');
    expect(sess.run(s, { 's:0': ['a', 'b'] }).shape).toEqual([2]);
    expect(() => sess.run(y)).toThrow(/x/);
    expect(() => sess.run(42 as never)).toThrow(/Fetch argument/);
    const other = new Graph().placeholder('float32', [], 'x');
    expect(() => sess.run(other)).toThrow(/not an element of this graph/);
  });

  test('no tensors leak across runs', () => {
    const g = new Graph();
    const x = g.placeholder('float32', [], 'x');
    const v = g.variable(1.5, { name: 'v' });
    const y = ops.add(ops.mul(x, v), 1);
    const sess = new Session(g);
    sess.run(v.initializer);
    sess.run(y, { 'x:0': 1 }).dispose();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) sess.run(y, { 'x:0': k }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
