/** GraphBuilder / FuncGraph: TF's naming, scopes, control deps, inference, FunctionDef emission. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attr } from '../../src/graph/build.js';
import { addFunctionCall } from '../../src/graph/call.js';
import { addConstant } from '../../src/graph/constant.js';
import { exportAttrs } from '../../src/graph/export_attrs.js';
import { FuncGraph } from '../../src/graph/func_graph.js';
import { toFunctionDef } from '../../src/graph/function_def.js';
import { toNodeDefs } from '../../src/graph/graph_def.js';
import { GraphBuilder } from '../../src/graph/graph_builder.js';
import { isSavedModelError } from '../../src/errors.js';
import { tensorflow } from '../../src/proto/index.js';
import { printTextProto } from '../../src/textformat/index.js';
import { TF_GENERATED } from '../support/fixtures.js';

const float = (g: GraphBuilder, name: string, shape: number[] | null) =>
  g.addOp('Placeholder', [], { name, attrs: { dtype: attr.type('float32'), shape: attr.shape(shape) } }).output(0);

describe('unique names and scopes', () => {
  test('add, add_1, add_2 and case-insensitive collisions, like Graph.unique_name', () => {
    const g = new GraphBuilder();
    expect(g.uniqueName('add')).toBe('add');
    expect(g.uniqueName('add')).toBe('add_1');
    expect(g.uniqueName('Add')).toBe('Add_2');
    expect(g.uniqueName('add_1')).toBe('add_1_1');
    expect(g.uniqueName('add')).toBe('add_3');
  });

  test('ops take their scope name; constants converted inside land in the scope', () => {
    const g = new GraphBuilder();
    const x = float(g, 'x', []);
    const add = (scopeName: string) =>
      g.nameScope(scopeName, (scope) => {
        const y = addConstant(g, [2], [], 'float32', 'y');
        return g.addOp('AddV2', [x, y], { exactName: scope });
      });
    expect(add('add').name).toBe('add');
    expect(add('add').name).toBe('add_1');
    expect(g.operations.map((o) => o.name)).toEqual(['x', 'add/y', 'add', 'add_1/y', 'add_1']);
    const nested = g.nameScope('dense', () => g.nameScope('MatMul', (s) => s));
    expect(nested).toBe('dense/MatMul');
    expect(g.nameScope('dense/', (s) => g.uniqueName('Relu') + '|' + s)).toBe('dense/Relu|dense');
  });

  test('control dependency scopes and sorted ^inputs', () => {
    const g = new GraphBuilder();
    const b = g.addOp('NoOp', [], { name: 'b' });
    const a = g.addOp('NoOp', [], { name: 'a' });
    const c = g.controlDependencies([b, a], () => g.addOp('NoOp', [], { name: 'c' }));
    expect(c.controlInputs.map((o) => o.name)).toEqual(['b', 'a']);
    expect(toNodeDefs(g)[2].input).toEqual(['^a', '^b']);
  });
});

describe('inference', () => {
  test('type attrs, N and output dtypes come from the op definitions', () => {
    const g = new GraphBuilder();
    const x = float(g, 'x', [2, 3]);
    const pack = g.addOp('Pack', [[x, x]]);
    expect(pack.attrValues.N).toBe(2);
    expect(pack.output().dtype).toBe('float32');
    expect(pack.output().shape).toEqual([2, 2, 3]);
    const cast = g.addOp('Cast', [x], { attrs: { DstT: attr.type('int32') } });
    expect(cast.output().dtype).toBe('int32');
  });

  test('mismatched dtypes fail with INVALID_ARGUMENT naming the input', () => {
    const g = new GraphBuilder();
    const x = float(g, 'x', []);
    const i = addConstant(g, [1], [], 'int32', 'i');
    try {
      g.addOp('AddV2', [x, i]);
      throw new Error('expected an error');
    } catch (e) {
      expect(isSavedModelError(e) && e.code).toBe('INVALID_ARGUMENT');
      expect((e as Error).message).toMatch(/AddV2: input 'y' must be float32, got int32 tensor i:0/);
    }
  });

  test('shapes: matmul, broadcasting, reshape with -1, reductions, transpose', () => {
    const g = new GraphBuilder();
    const a = float(g, 'a', [-1, 2]);
    const w = float(g, 'w', [2, 3]);
    expect(g.addOp('MatMul', [a, w]).output().shape).toEqual([-1, 3]);
    expect(g.addOp('MatMul', [w, w], { attrs: { transpose_a: attr.b(true) } }).output().shape).toEqual([3, 3]);
    expect(g.addOp('AddV2', [float(g, 'p', [4, 1, 3]), float(g, 'q', [2, 1])]).output().shape).toEqual([4, 2, 3]);
    const shape = addConstant(g, [-1, 6], [2], 'int32', 'shape');
    expect(g.addOp('Reshape', [w, shape]).output().shape).toEqual([1, 6]);
    const axes = addConstant(g, [1], [1], 'int32', 'axes');
    expect(g.addOp('Sum', [w, axes], { attrs: { keep_dims: attr.b(true) } }).output().shape).toEqual([2, 1]);
    expect(g.addOp('Sum', [w, axes]).output().shape).toEqual([2]);
    const perm = addConstant(g, [1, 0], [2], 'int32', 'perm');
    expect(g.addOp('Transpose', [a, perm]).output().shape).toEqual([2, -1]);
    expect(() => g.addOp('MatMul', [w, w])).toThrow(/inner dimensions differ/);
  });

  test('export strips attrs equal to the op default and records _output_shapes', () => {
    const g = new GraphBuilder();
    const w = float(g, 'w', [2, 2]);
    const plain = exportAttrs(g.addOp('MatMul', [w, w], { attrs: { transpose_a: attr.b(false) } }));
    expect(Object.keys(plain)).toEqual(['T', '_output_shapes']);
    const t = exportAttrs(g.addOp('MatMul', [w, w], { attrs: { transpose_b: attr.b(true) } }));
    expect(Object.keys(t)).toEqual(['T', '_output_shapes', 'transpose_b']);
  });
});

describe('FuncGraph and FunctionDef', () => {
  test('add_two emits exactly the FunctionDef TensorFlow 2.15 wrote for the guide', () => {
    const f = new FuncGraph('__inference___call___23');
    const input = f.addInput('float32', [], 'input');
    const sum = f.nameScope('add', (scope) => f.addOp('AddV2', [input, addConstant(f, [2], [], 'float32', 'y')], { exactName: scope }));
    f.finish([sum.output()]);
    const ours = toFunctionDef(f);
    const sm = tensorflow.SavedModel.decode(readFileSync(join(TF_GENERATED, '2.15.1', 'guide_tf2_module', 'saved_model.pb')));
    const theirs = (sm.metaGraphs[0].graphDef!.library!.function ?? []).find((fn) => fn.signature!.name === '__inference___call___23')!;
    const text = (m: object) => printTextProto('tensorflow.FunctionDef', tensorflow.FunctionDef.decode(tensorflow.FunctionDef.encode(m as never).finish()));
    expect(text(ours)).toBe(text(theirs));
  });

  test('argument and output names are normalized and unique; list outputs are node:arg:index', () => {
    const f = new FuncGraph('__inference_f_1');
    const a = f.addInput('string', [], 'File-Prefix');
    const names = addConstant(f, ['a', 'b'], [2], 'string', 'names');
    const slices = addConstant(f, ['', ''], [2], 'string', 'slices');
    const r = f.addOp('RestoreV2', [a, names, slices], { attrs: { dtypes: attr.types(['float32', 'int32']) } });
    f.finish([r.output(1), r.output(0)]);
    const fd = toFunctionDef(f);
    expect(fd.signature!.inputArg!.map((x) => x.name)).toEqual(['file_prefix']);
    expect(fd.signature!.outputArg!.map((x) => x.name)).toEqual(['identity', 'identity_1']);
    expect(fd.nodeDef!.find((n) => n.name === 'Identity')!.input).toEqual(['RestoreV2:tensors:1', '^NoOp']);
    expect(fd.ret).toEqual({ identity: 'Identity:output:0', identity_1: 'Identity_1:output:0' });
    expect(fd.signature!.isStateful).toBe(true);
    expect(fd.signature!.controlOutput).toEqual(['RestoreV2']);
  });

  test('captured variables become resource inputs with handle data; reads and writes are ordered', () => {
    const v = { name: 'v', tfDtype: 'float32' as const, shape: [3] };
    const f = new FuncGraph('__inference_g_2');
    const x = f.addInput('float32', [3], 'x');
    const h = f.variableHandle(v, 'resource');
    const read1 = f.addOp('ReadVariableOp', [h], { attrs: { dtype: attr.type('float32') } });
    const assign = f.addOp('AssignVariableOp', [h, x], { attrs: { dtype: attr.type('float32') } });
    const read2 = f.addOp('ReadVariableOp', [h], { attrs: { dtype: attr.type('float32') } });
    expect(assign.controlInputs).toEqual([read1]);
    expect(read2.controlInputs).toEqual([assign]);
    f.finish([read2.output()]);
    const fd = toFunctionDef(f);
    expect(fd.signature!.inputArg![1]).toMatchObject({ name: 'resource', type: 20, handleData: [{ dtype: 1, shape: { dim: [{ size: 3 }] } }] });
    expect(fd.argAttr[1].attr._user_specified_name).toBeDefined();
    expect(fd.argAttr[1].attr._output_shapes).toBeUndefined();
    expect(f.readOnlyResourceInputs()).toEqual([]);

    const outer = new FuncGraph('__inference_outer_3');
    const y = outer.addInput('float32', [3], 'y');
    const call = addFunctionCall(outer, f, [y]);
    expect(call.type).toBe('StatefulPartitionedCall');
    expect(call.inputs.map((t) => t.op.type)).toEqual(['Placeholder', 'Placeholder']);
    expect(outer.captures.map((c) => ('variable' in c.source ? c.source.variable : null))).toEqual([v]);
    expect(call.output().shape).toEqual([3]);
  });

  test('a tensor of an unrelated graph cannot be used', () => {
    const g1 = new GraphBuilder('graph one');
    const x = float(g1, 'x', []);
    const f = new FuncGraph('__inference_h_4');
    expect(() => f.addOp('Identity', [x])).toThrow(/not an enclosing graph/);
  });
});
