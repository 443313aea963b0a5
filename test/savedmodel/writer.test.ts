/**
 * saveModel: the files and protobuf structure `tf.saved_model.save` writes (compared with what
 * TensorFlow 2.15 wrote for the same guide models), an independent decode of the bytes
 * (`protoc --decode_raw`), round trips through loadModel, text format, atomic writes, re-export.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader, MemoryFileSystem, loadModel, readSavedModel, saveModel, tensorflow } from '../../src/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Asset, Module, ops, TensorSpec, tfFunction, Variable } from '../../src/trace/index.js';
import { OP_LIST_DATA } from '../../src/savedmodel/op_list_data.js';
import { full, type Full } from './proto_view.js';
import { TF_GENERATED } from '../support/fixtures.js';

beforeAll(() => ensureBackend());

const FIXTURE = (m: string) => join(TF_GENERATED, '2.15.1', m);

/** The guide's TF2 model: add_two as `__call__`, signature from a concrete function. */
function addTwo(): { model: Module & Record<string, unknown>; signature: ReturnType<ReturnType<typeof tfFunction>['getConcreteFunction']> } {
  const model = new Module() as Module & Record<string, unknown>;
  model.__call__ = tfFunction((input: tf.Tensor) => ops.add(input, 2));
  // A named function gives TF's function names (`__inference_serving_default_N`); arrows are `<lambda>`.
  const servingDefault = tfFunction(function serving_default(input: tf.Tensor) {
    return { output: (model.__call__ as (x: tf.Tensor) => tf.Tensor)(input) };
  });
  return { model, signature: servingDefault.getConcreteFunction(new TensorSpec([], 'float32')) };
}

function denseModel(): Module & Record<string, unknown> {
  const model = new Module() as Module & Record<string, unknown>;
  const dense = new Module() as Module & Record<string, unknown>;
  dense.kernel = new Variable(tf.tensor2d([[0.5, -1, 0.25], [2, 0, -0.5]]), { name: 'kernel' });
  dense.bias = new Variable(tf.tensor1d([0.1, -0.2, 0.3]), { name: 'bias' });
  model.dense_layer = dense;
  model.__call__ = tfFunction((x: tf.Tensor) => ops.relu(ops.add(ops.matMul(x, dense.kernel as Variable), dense.bias as Variable)), {
    inputSignature: [new TensorSpec([null, 2], 'float32', 'x')],
  });
  return model;
}

async function savedModelIn(fs: MemoryFileSystem, dir: string): Promise<Full<tensorflow.SavedModel>> {
  return full(await readSavedModel(dir, { fs }));
}

const kindOf = (n: object) => ['userObject', 'function', 'variable', 'bareConcreteFunction', 'asset'].find((k) => (n as Record<string, unknown>)[k] != null);

describe('what saveModel writes for the guide TF2 model', () => {
  let fs: MemoryFileSystem;
  let sm: Full<tensorflow.SavedModel>;
  let tfSm: Full<tensorflow.SavedModel>;
  beforeAll(async () => {
    fs = new MemoryFileSystem();
    const { model, signature } = addTwo();
    await saveModel(model, '/m', { signatures: { serving_default: signature }, fs });
    sm = await savedModelIn(fs, '/m');
    tfSm = full(tensorflow.SavedModel.decode(readFileSync(join(FIXTURE('guide_tf2_module'), 'saved_model.pb'))) as tensorflow.SavedModel);
  });

  test('the files of a SavedModel', async () => {
    expect(await fs.list('/m')).toEqual(['fingerprint.pb', 'saved_model.pb', 'variables']);
    expect(await fs.list('/m/variables')).toEqual(['variables.data-00000-of-00001', 'variables.index']);
    expect(await fs.list('/')).toEqual(['m']);
  });

  test('one MetaGraphDef tagged serve, meta info like TF 2.15', () => {
    expect(sm.savedModelSchemaVersion.toString()).toBe('1');
    expect(sm.metaGraphs.length).toBe(1);
    const info = sm.metaGraphs[0].metaInfoDef!;
    expect(info.tags).toEqual(['serve']);
    expect(info.tensorflowVersion).toBe('2.15.1');
    expect(info.strippedDefaultAttrs).toBe(true);
    expect(sm.metaGraphs[0].graphDef!.versions).toMatchObject({ producer: 1645, minConsumer: 12 });
  });

  test('stripped op list: TensorFlow\'s OpDefs of exactly the ops used (same as TF wrote)', () => {
    const ours = sm.metaGraphs[0].metaInfoDef!.strippedOpList!.op;
    const theirs = tfSm.metaGraphs[0].metaInfoDef!.strippedOpList!.op;
    const enc = (o: tensorflow.IOpDef) => Buffer.from(tensorflow.OpDef.encode(o as tensorflow.OpDef).finish()).toString('hex');
    const theirsByName = new Map(theirs.map((o) => [o.name, enc(o)]));
    for (const op of ours) if (theirsByName.has(op.name)) expect(enc(op)).toBe(theirsByName.get(op.name));
    const used = new Set<string>();
    const g = sm.metaGraphs[0].graphDef!;
    for (const n of g.node) used.add(n.op);
    for (const f of g.library!.function) for (const n of f.nodeDef) used.add(n.op);
    expect(ours.map((o) => o.name)).toEqual([...used].sort());
    for (const name of used) expect(OP_LIST_DATA[name]).toBeDefined();
  });

  test('the graph: placeholder, signature call, init NoOp, object graph const, saver calls', () => {
    const nodes = sm.metaGraphs[0].graphDef!.node.map((n) => `${n.name}:${n.op}`);
    expect(nodes).toEqual([
      'serving_default_input:Placeholder', 'PartitionedCall:PartitionedCall', 'NoOp:NoOp', 'Const:Const', 'saver_filename:Placeholder',
      'StatefulPartitionedCall:StatefulPartitionedCall', 'StatefulPartitionedCall_1:StatefulPartitionedCall',
    ]);
    expect(tfSm.metaGraphs[0].graphDef!.node.map((n) => `${n.name}:${n.op}`)).toEqual(nodes);
    const saver = sm.metaGraphs[0].saverDef!;
    expect(saver).toMatchObject({ filenameTensorName: 'saver_filename:0', saveTensorName: 'StatefulPartitionedCall:0', restoreOpName: 'StatefulPartitionedCall_1', version: 2 });
  });

  test('signature defs name the placeholders and the wrapper call outputs', () => {
    const sigs = sm.metaGraphs[0].signatureDef;
    expect(Object.keys(sigs).sort()).toEqual(['__saved_model_init_op', 'serving_default']);
    const s = sigs.serving_default;
    expect(s.methodName).toBe('tensorflow/serving/predict');
    expect(s.inputs.input).toMatchObject({ name: 'serving_default_input:0', dtype: 1 });
    expect(s.outputs.output).toMatchObject({ name: 'PartitionedCall:0', dtype: 1 });
    expect(sigs.__saved_model_init_op.outputs.__saved_model_init_op.name).toBe('NoOp');
    expect(sm.metaGraphs[0].collectionDef.saved_model_main_op.nodeList!.value).toEqual(['NoOp']);
  });

  test('the library: traced functions, signature wrapper, save/restore with the V2 saver ops', () => {
    const lib = sm.metaGraphs[0].graphDef!.library!.function;
    const names = lib.map((f) => f.signature!.name!.replace(/_\d+$/, ''));
    expect(names.sort()).toEqual(['__inference_<lambda>', '__inference__traced_restore', '__inference__traced_save', '__inference_serving_default', '__inference_signature_wrapper_serving_default'].sort());
    const save = lib.find((f) => f.signature!.name!.startsWith('__inference__traced_save'))!;
    expect(new Set(save.nodeDef.map((n) => n.op))).toEqual(new Set(['StaticRegexFullMatch', 'Const', 'Select', 'StringJoin', 'ShardedFilename', 'SaveV2', 'Pack', 'MergeV2Checkpoints', 'Identity', 'NoOp']));
    expect(save.signature!.inputArg!.map((a) => a.name)).toEqual(['file_prefix', 'savev2_const']);
    const restore = lib.find((f) => f.signature!.name!.startsWith('__inference__traced_restore'))!;
    expect(restore.nodeDef.map((n) => n.op)).toContain('RestoreV2');
    const call = lib.find((f) => f.signature!.name!.startsWith('__inference_<lambda>'))!;
    expect(call.nodeDef.map((n) => `${n.name}:${n.op}:${n.input.join(',')}`)).toEqual(['Add/y:Const:', 'Add:AddV2:input,Add/y:output:0', 'Identity:Identity:Add:z:0']);
    expect(call.argAttr[0].attr._user_specified_name.s).toEqual(new TextEncoder().encode('input'));
  });

  test('the object graph has the nodes TF writes: root, __call__ function, signatures map, concrete functions', () => {
    const og = sm.metaGraphs[0].objectGraphDef!;
    const theirs = tfSm.metaGraphs[0].objectGraphDef!;
    const shape = (g: Full<tensorflow.ISavedObjectGraph>) => g.nodes.map((n) => [kindOf(n), n.children!.map((c) => `${c.localName}->${c.nodeId ?? 0}`)]);
    expect(shape(og)).toEqual(shape(theirs));
    expect(og.nodes[0].userObject!.identifier).toBe('_generic_user_object');
    expect(og.nodes[2].userObject!.identifier).toBe('signature_map');
    const fn = og.nodes[1].function!;
    expect(fn.concreteFunctions.length).toBe(1);
    const cf = og.concreteFunctions[fn.concreteFunctions[0]];
    const spec = cf.canonicalizedInputSignature!.tupleValue!.values[0].tupleValue!.values[0].tensorSpecValue!;
    expect(spec.name).toBe('input');
    const wrapper = og.nodes[4].bareConcreteFunction!;
    expect(wrapper.argumentKeywords).toEqual(['input']);
    expect(Number(wrapper.allowedPositionalArguments)).toBe(1);
    expect(og.concreteFunctions[wrapper.concreteFunctionName!].outputSignature!.dictValue!.fields.output.tensorSpecValue!.name).toBe('output');
  });

  test('an independent decoder reads the bytes (protoc --decode_raw)', async () => {
    const pb = await fs.readFile('/m/saved_model.pb');
    let raw: string;
    try {
      raw = execFileSync('protoc', ['--decode_raw'], { input: pb }).toString();
    } catch {
      console.warn('protoc is not installed: the independent decode is checked in the interop suite only');
      return;
    }
    // field 1 = saved_model_schema_version, 2 = meta_graphs; inside, 1.4 = tags
    expect(raw).toMatch(/^1: 1$/m);
    expect(raw).toMatch(/^2 \{/m);
    expect(raw).toContain('4: "serve"');
    expect(raw).toContain('"serving_default_input:0"');
    expect(raw).toContain('"_CHECKPOINTABLE_OBJECT_GRAPH"');
  });

  test('the checkpoint holds the object graph that mirrors the saved object graph', async () => {
    const reader = await BundleReader.open('/m/variables/variables', { fs });
    expect(reader.keys()).toEqual(['_CHECKPOINTABLE_OBJECT_GRAPH']);
    const t = await reader.read('_CHECKPOINTABLE_OBJECT_GRAPH');
    const graph = tensorflow.TrackableObjectGraph.decode((t.data as Uint8Array[])[0]);
    const og = sm.metaGraphs[0].objectGraphDef!;
    expect(graph.nodes.map((n) => (n.children ?? []).map((c) => `${c.localName}->${c.nodeId}`))).toEqual(og.nodes.map((n) => n.children.map((c) => `${c.localName}->${c.nodeId}`)));
    // same bytes as the checkpoint TF wrote for the same model
    expect(Buffer.from(await fs.readFile('/m/variables/variables.index')).equals(readFileSync(join(FIXTURE('guide_tf2_module'), 'variables', 'variables.index')))).toBe(true);
  });
});

describe('variables and round trips', () => {
  test('a Dense-like module: VarHandleOps, bound inputs, checkpoint keys, loadModel gives the same values', async () => {
    const fs = new MemoryFileSystem();
    const model = denseModel();
    await saveModel(model, '/dense', { signatures: model.__call__ as never, fs });
    const sm = await savedModelIn(fs, '/dense');
    const g = sm.metaGraphs[0].graphDef!;
    const handles = g.node.filter((n) => n.op === 'VarHandleOp');
    expect(handles.map((n) => [n.name, new TextDecoder().decode(n.attr.shared_name.s!)])).toEqual([['kernel', 'kernel'], ['bias', 'bias']]);
    const og = sm.metaGraphs[0].objectGraphDef!;
    const kernelId = og.nodes.findIndex((n) => n.variable?.name === 'kernel');
    const biasId = og.nodes.findIndex((n) => n.variable?.name === 'bias');
    for (const cf of Object.values(og.concreteFunctions)) expect(cf.boundInputs).toEqual([kernelId, biasId]);
    const reader = await BundleReader.open('/dense/variables/variables', { fs });
    expect(reader.keys()).toEqual(['_CHECKPOINTABLE_OBJECT_GRAPH', 'dense_layer/bias/.ATTRIBUTES/VARIABLE_VALUE', 'dense_layer/kernel/.ATTRIBUTES/VARIABLE_VALUE']);
    expect(Array.from((await reader.read('dense_layer/kernel/.ATTRIBUTES/VARIABLE_VALUE')).data as Float32Array)).toEqual([0.5, -1, 0.25, 2, 0, -0.5]);
    expect(sm.metaGraphs[0].signatureDef.serving_default.outputs.output_0.name).toBe('StatefulPartitionedCall:0');

    const loaded = (await loadModel('/dense', { fs })) as Record<string, unknown> & Awaited<ReturnType<typeof loadModel>>;
    const x = tf.tensor2d([[1, 2], [-3, 0.5]]);
    const want = (model.__call__ as (t: tf.Tensor) => tf.Tensor)(x);
    const viaSignature = loaded.signatures.serving_default({ x }).output_0;
    const viaCall = (loaded.__call__ as (t: tf.Tensor) => tf.Tensor)(x);
    expect(Array.from(viaSignature.dataSync())).toEqual(Array.from(want.dataSync()));
    expect(Array.from(viaCall.dataSync())).toEqual(Array.from(want.dataSync()));
    const kernel = ((loaded.dense_layer as Record<string, unknown>).kernel as { value(): tf.Tensor }).value();
    expect(Array.from(kernel.dataSync())).toEqual([0.5, -1, 0.25, 2, 0, -0.5]);
    loaded.dispose();
  });

  test('stateful functions: assign in a saved function updates the restored variable', async () => {
    const fs = new MemoryFileSystem();
    const m = new Module() as Module & Record<string, unknown>;
    m.counter = new Variable(tf.scalar(10, 'int32'), { name: 'counter', dtype: 'int64' });
    m.increment = tfFunction((by: tf.Tensor) => {
      (m.counter as Variable).assign(ops.add(m.counter as Variable, by));
      return (m.counter as Variable).value();
    }, { inputSignature: [new TensorSpec([], 'int64', 'by')] });
    await saveModel(m, '/counter', { signatures: m.increment as never, fs });
    const reader = await BundleReader.open('/counter/variables/variables', { fs });
    const stored = await reader.read('counter/.ATTRIBUTES/VARIABLE_VALUE');
    expect(stored.dtype).toBe('int64');
    expect(stored.data).toEqual(BigInt64Array.from([10n]));
    const loaded = await loadModel('/counter', { fs });
    expect(loaded.signatures.serving_default({ by: tf.scalar(5, 'int32') }).output_0.dataSync()[0]).toBe(15);
    expect(loaded.signatures.serving_default({ by: tf.scalar(5, 'int32') }).output_0.dataSync()[0]).toBe(20);
    loaded.dispose();
  });

  test('several signatures, multiple inputs (keyword-only), array outputs', async () => {
    const fs = new MemoryFileSystem();
    const m = new Module() as Module & Record<string, unknown>;
    m.scale = new Variable(tf.scalar(3), { name: 'scale' });
    const f = tfFunction((a: tf.Tensor, b: tf.Tensor) => [ops.mul(a, m.scale as Variable), ops.sum(b)]);
    m.f = f;
    const g = tfFunction((z: tf.Tensor) => ({ neg: ops.neg(z) }), { inputSignature: [new TensorSpec([null], 'float32')] });
    await saveModel(m, '/multi', { signatures: { pair: f.getConcreteFunction(new TensorSpec([2]), new TensorSpec([null, 2], 'float32', 'bees')), negate: g }, fs });
    const sm = await savedModelIn(fs, '/multi');
    const sigs = sm.metaGraphs[0].signatureDef;
    expect(Object.keys(sigs.pair.inputs).sort()).toEqual(['a', 'bees']);
    expect(Object.keys(sigs.pair.outputs).sort()).toEqual(['output_0', 'output_1']);
    expect(sigs.pair.inputs.bees.name).toBe('pair_bees:0');
    const og = sm.metaGraphs[0].objectGraphDef!;
    const signatureMap = og.nodes[og.nodes[0].children.find((c) => c.localName === 'signatures')!.nodeId];
    const bare = og.nodes[signatureMap.children.find((c) => c.localName === 'pair')!.nodeId].bareConcreteFunction!;
    expect(bare.argumentKeywords).toEqual(['a', 'bees']);
    expect(Number(bare.allowedPositionalArguments ?? 0)).toBe(0);
    const loaded = await loadModel('/multi', { fs });
    const out = loaded.signatures.pair({ a: tf.tensor1d([1, 2]), bees: tf.tensor2d([[1, 2], [3, 4]]) });
    expect(Array.from(out.output_0.dataSync())).toEqual([3, 6]);
    expect(out.output_1.dataSync()[0]).toBe(10);
    expect(Array.from(loaded.signatures.negate({ z: tf.tensor1d([1, -2]) }).neg.dataSync())).toEqual([-1, 2]);
    loaded.dispose();
  });

  test('asText writes saved_model.pbtxt that reads back to the same message', async () => {
    const fs = new MemoryFileSystem();
    const { model, signature } = addTwo();
    await saveModel(model, '/bin', { signatures: signature, fs });
    await saveModel(model, '/txt', { signatures: signature, fs, asText: true });
    expect(await fs.list('/txt')).toEqual(['saved_model.pbtxt', 'variables']);
    const a = await readSavedModel('/bin', { fs });
    const b = await readSavedModel('/txt', { fs });
    const strip = (s: tensorflow.SavedModel) => {
      const x = tensorflow.SavedModel.decode(tensorflow.SavedModel.encode(s).finish());
      return Buffer.from(tensorflow.SavedModel.encode(x).finish()).length;
    };
    expect(strip(b)).toBe(strip(a));
    const loaded = await loadModel('/txt', { fs });
    expect((loaded.__call__ as (t: tf.Tensor) => tf.Tensor)(tf.scalar(5)).dataSync()[0]).toBe(7);
    loaded.dispose();
  });

  test('assets are copied and recorded; untracked variables are refused', async () => {
    const fs = new MemoryFileSystem();
    await fs.writeFile('/src/vocab.txt', 'a\nb\n');
    const m = new Module() as Module & Record<string, unknown>;
    m.vocab = new Asset('/src/vocab.txt');
    await saveModel(m, '/assets', { fs });
    expect(new TextDecoder().decode(await fs.readFile('/assets/assets/vocab.txt'))).toBe('a\nb\n');
    const sm = await savedModelIn(fs, '/assets');
    expect(sm.metaGraphs[0].assetFileDef.map((a) => a.filename)).toEqual(['vocab.txt']);
    expect(sm.metaGraphs[0].objectGraphDef!.nodes[1].asset).toBeDefined();

    const hidden = new Variable(1, { name: 'hidden' });
    const bad = new Module() as Module & Record<string, unknown>;
    bad.f = tfFunction((x: tf.Tensor) => ops.add(x, hidden), { inputSignature: [new TensorSpec([])] });
    await expect(saveModel(bad, '/bad', { fs })).rejects.toThrow(/variable 'hidden', which is not reachable from the saved module/);
    expect(await fs.exists('/bad')).toBe(false);
    expect((await fs.list('/')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  test('saving replaces an existing directory atomically; a failure keeps the old one', async () => {
    const fs = new MemoryFileSystem();
    const { model, signature } = addTwo();
    await saveModel(model, '/x', { signatures: signature, fs });
    await fs.writeFile('/x/stale.txt', 'old');
    await saveModel(model, '/x', { signatures: signature, fs });
    expect(await fs.exists('/x/stale.txt')).toBe(false);
    const m = new Module() as Module & Record<string, unknown>;
    m.vocab = new Asset('/missing/vocab.txt');
    await expect(saveModel(m, '/x', { fs })).rejects.toThrow();
    expect(await fs.exists('/x/saved_model.pb')).toBe(true);
    expect((await fs.list('/')).sort()).toEqual(['x']);
  });

  test('progress is reported per variable in bytes', async () => {
    const fs = new MemoryFileSystem();
    const reports: unknown[] = [];
    const model = denseModel();
    await saveModel(model, '/p', { fs, onProgress: (p) => reports.push(p) });
    expect(reports).toEqual([
      { phase: 'save', bytesDone: 24, bytesTotal: 36, tensorsDone: 1, tensorsTotal: 2 },
      { phase: 'save', bytesDone: 36, bytesTotal: 36, tensorsDone: 2, tensorsTotal: 2 },
    ]);
  });
});

describe('re-export of loaded models', () => {
  test('ours: the current variable values are saved; graphs unchanged', async () => {
    const fs = new MemoryFileSystem();
    const model = denseModel();
    await saveModel(model, '/a', { signatures: model.__call__ as never, fs });
    const loaded = await loadModel('/a', { fs });
    ((loaded.dense_layer as Record<string, unknown>).bias as { assign(v: tf.Tensor): void }).assign(tf.tensor1d([1, 2, 3]));
    await saveModel(loaded, '/b', { fs });
    loaded.dispose();
    const again = await loadModel('/b', { fs });
    const y = again.signatures.serving_default({ x: tf.tensor2d([[1, 2]]) }).output_0;
    expect(Array.from(y.dataSync())).toEqual([5.5, 1, 2.25]);
    again.dispose();
  });

  test('TensorFlow-written TensorList loops: list ops keep shape_type, which TF registers without a default', async () => {
    const src = FIXTURE('module_control_flow');
    if (!existsSync(src)) throw new Error(`missing fixture ${src}`);
    const listNodes = (pb: Uint8Array) => (full(tensorflow.SavedModel.decode(pb) as tensorflow.SavedModel).metaGraphs[0].graphDef.library.function)
      .flatMap((f) => f.nodeDef)
      .filter((n) => /TensorList/.test(n.op) && (OP_LIST_DATA[n.op].attr as { name: string }[] | undefined)?.some((a) => a.name === 'shape_type'))
      .map((n) => `${n.op} shape_type=${n.attr.shape_type?.type}`)
      .sort();
    const out = mkdtempSync(join(tmpdir(), 'reexport-lists-'));
    try {
      const loaded = await loadModel(src);
      await saveModel(loaded, join(out, 'm')).finally(() => loaded.dispose());
      const written = listNodes(readFileSync(join(out, 'm', 'saved_model.pb')));
      expect(written).toEqual(listNodes(readFileSync(join(src, 'saved_model.pb'))));
      expect(written.length).toBeGreaterThan(0);
      expect(written.every((s) => s.endsWith('shape_type=3'))).toBe(true); // DT_INT32, as TF wrote it
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('TensorFlow-written: every checkpoint value (int64, float64, bfloat16, string bytes …) kept exactly', async () => {
    const src = FIXTURE('variables_dtypes');
    if (!existsSync(src)) throw new Error(`missing fixture ${src}`);
    const out = mkdtempSync(join(tmpdir(), 'reexport-'));
    try {
      const loaded = await loadModel(src);
      await saveModel(loaded, join(out, 'm'));
      loaded.dispose();
      const a = await BundleReader.open(join(src, 'variables', 'variables'));
      const b = await BundleReader.open(join(out, 'm', 'variables', 'variables'));
      expect(b.keys()).toEqual(a.keys());
      for (const k of a.keys()) expect(await b.read(k)).toEqual(await a.read(k));
      const count = (dir: string) => full(tensorflow.SavedModel.decode(readFileSync(join(dir, 'saved_model.pb'))) as tensorflow.SavedModel).metaGraphs[0].graphDef.library.function.length;
      expect(count(join(out, 'm'))).toBe(count(src));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
