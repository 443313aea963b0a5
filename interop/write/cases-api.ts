/**
 * Direction B, SavedModels and meta graphs written through the public API, each the TypeScript
 * form of one of the guide's saving snippets (../shared/API.md names). TensorFlow then loads
 * them every way the guide does: tf.saved_model.load (signatures, restored __call__, object graph
 * variables), tf.compat.v1.saved_model.load + Session.run, saved_model_cli run, and
 * import_meta_graph + Saver.restore. Expected values are what TypeScript computed.
 *
 * These cases are listed as PENDING until their exports land in src/index.ts.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { exportAt, type Check, type WriteCase } from './case.js';
import { tfjsJson } from './tensor-json.js';

/* Minimal views of the API.md shapes used here. */
type T = tf.Tensor;
type Fn = ((...args: unknown[]) => unknown) & { getConcreteFunction(...specs: unknown[]): unknown };
type Ops = Record<string, (...args: unknown[]) => unknown>;
interface ModuleLike { [k: string]: unknown }
interface SessionLike { run(fetches: unknown, feeds?: unknown): unknown }
interface GraphLike { placeholder(dtype: string, shape: number[] | null, name?: string): unknown; variable(initial: unknown, opts?: { name?: string }): { initializer: unknown } }

const get = <X>(path: string) => exportAt(path) as X;

/** The guide's numbers are known: TypeScript's own result must be them before TF is asked. */
function expectValues(t: unknown, want: number[], what: string): void {
  const got = Array.from((t as T).dataSync() as Float32Array);
  if (got.length !== want.length || got.some((v, i) => Math.abs(v - want[i]) > 1e-6 * Math.max(1, Math.abs(want[i])))) {
    throw new Error(`${what}: TypeScript computed [${got}], the guide's value is [${want}]`);
  }
}
const scalar = (x: number) => tf.scalar(x, 'float32');
const f32 = (t: unknown) => tfjsJson(t as T, 'float32');

/** The guide's add_two in a Module: `__call__` and a `serving_default` signature. */
async function saveAddTwo(dir: string, asText: boolean): Promise<Check[]> {
  const Module = get<new () => ModuleLike>('Module');
  const TensorSpec = get<new (shape: number[] | null, dtype?: string) => unknown>('TensorSpec');
  const tfFunction = get<(fn: (...a: unknown[]) => unknown, o?: object) => Fn>('tfFunction');
  const ops = get<Ops>('ops');
  const saveModel = get<(m: ModuleLike, d: string, o?: object) => Promise<void>>('saveModel');

  const model = new Module();
  model.__call__ = tfFunction((input) => ops.add(input, 2));
  const servingDefault = tfFunction((input) => ({ output: (model.__call__ as Fn)(input) }));
  const signatureFunction = servingDefault.getConcreteFunction(new TensorSpec([], 'float32'));
  await saveModel(model, join(dir, 'tf2-save'), { signatures: { serving_default: signatureFunction }, asText });

  const five = (model.__call__ as Fn)(scalar(5));
  const ten = (model.__call__ as Fn)(scalar(10));
  expectValues(five, [7], 'add_two(5)');
  expectValues(ten, [12], 'add_two(10)');
  const d = 'tf2-save';
  return [
    { type: 'tf2_signature', dir: d, signature: 'serving_default', inputs: { input: f32(scalar(5)) }, outputs: { output: f32(five) }, rtol: 1e-6 },
    { type: 'tf2_function', dir: d, path: '__call__', args: [f32(scalar(5))], result: f32(five), rtol: 1e-6 },
    { type: 'tf1_session_run', dir: d, tags: ['serve'], signature: 'serving_default', inputs: { input: f32(scalar(5)) }, outputs: { output: f32(five) }, rtol: 1e-6 },
    { type: 'saved_model_cli', dir: d, tag_set: 'serve', signature: 'serving_default', input_exprs: 'input=10', outputs: { output: f32(ten) }, rtol: 1e-6 },
  ];
}

const tf2Module: WriteCase = {
  name: 'save_model_tf2_module',
  path: 'saveModel (tf.Module + tf.saved_model.save, the guide\'s tf2-save)',
  needs: ['Module', 'TensorSpec', 'tfFunction', 'ops', 'saveModel'],
  write: (dir) => saveAddTwo(dir, false),
};

const tf2ModuleText: WriteCase = {
  name: 'save_model_as_text',
  path: 'saveModel({ asText: true }) → saved_model.pbtxt',
  needs: ['Module', 'TensorSpec', 'tfFunction', 'ops', 'saveModel'],
  write: (dir) => saveAddTwo(dir, true),
};

const denseModule: WriteCase = {
  name: 'save_model_dense',
  path: 'saveModel of a Module with Dense-like variables (loaded.dense_layer.kernel)',
  needs: ['Module', 'Variable', 'TensorSpec', 'tfFunction', 'ops', 'saveModel'],
  async write(dir) {
    const Module = get<new () => ModuleLike>('Module');
    const Variable = get<new (v: unknown, o?: object) => { value(): T }>('Variable');
    const TensorSpec = get<new (shape: (number | null)[] | null, dtype?: string, name?: string) => unknown>('TensorSpec');
    const tfFunction = get<(fn: (...a: unknown[]) => unknown, o?: object) => Fn>('tfFunction');
    const ops = get<Ops>('ops');
    const saveModel = get<(m: ModuleLike, d: string, o?: object) => Promise<void>>('saveModel');

    const model = new Module();
    const dense = new Module();
    dense.kernel = new Variable(tf.tensor2d([[0.5, -1, 0.25], [2, 0, -0.5]]), { name: 'kernel' });
    dense.bias = new Variable(tf.tensor1d([0.1, -0.2, 0.3]), { name: 'bias' });
    model.dense_layer = dense;
    model.__call__ = tfFunction(
      (x) => ops.relu(ops.add(ops.matMul(x, dense.kernel), dense.bias)),
      { inputSignature: [new TensorSpec([null, 2], 'float32', 'x')] },
    );
    await saveModel(model, join(dir, 'dense'), { signatures: model.__call__ });
    const x = tf.tensor2d([[1, 2], [-3, 0.5]]);
    const y = (model.__call__ as Fn)(x);
    // relu(x·K + b) by hand: [[4.6, -1.2, -0.45], [-0.4, 2.8, -0.7]] → relu
    expectValues(y, [4.6, 0, 0, 0, 2.8, 0], 'dense(x)');
    return [
      { type: 'tf2_object_value', dir: 'dense', path: 'dense_layer.kernel', value: f32((dense.kernel as { value(): T }).value()) },
      { type: 'tf2_object_value', dir: 'dense', path: 'dense_layer.bias', value: f32((dense.bias as { value(): T }).value()) },
      { type: 'tf2_function', dir: 'dense', path: '__call__', args: [f32(x)], result: f32(y), rtol: 1e-5 },
      { type: 'tf2_signature', dir: 'dense', signature: 'serving_default', inputs: { x: f32(x) }, outputs: { output_0: f32(y) }, rtol: 1e-5 },
      { type: 'saved_model_cli', dir: 'dense', tag_set: 'serve', signature: 'serving_default', input_exprs: 'x=[[1,2],[-3,0.5]]', outputs: { output_0: f32(y) }, rtol: 1e-5 },
    ];
  },
};

/** The guide's TF1 graph: input placeholder, output = input + 2, in a session. */
function addTwoGraph(): { graph: GraphLike; sess: SessionLike; input: unknown; output: unknown; five: T; ten: T } {
  const v1 = get<{ Graph: new () => GraphLike; Session: new (g: GraphLike) => SessionLike }>('v1');
  const ops = get<Ops>('ops');
  const graph = new v1.Graph();
  const input = graph.placeholder('float32', [], 'input');
  const output = ops.add(input, 2);
  const sess = new v1.Session(graph);
  const five = sess.run(output, new Map([[input, 5]])) as T;
  const ten = sess.run(output, new Map([[input, 10]])) as T;
  expectValues(five, [7], 'sess.run(add_two, 5)');
  expectValues(ten, [12], 'sess.run(add_two, 10)');
  return { graph, sess, input, output, five, ten };
}

function addTwoChecks(d: string, five: T, ten: T, batched = false): Check[] {
  const x5 = batched ? tf.tensor1d([5]) : scalar(5);
  return [
    { type: 'tf1_session_run', dir: d, tags: ['serve'], signature: 'serving_default', inputs: { input: f32(x5) }, outputs: { output: f32(five) }, rtol: 1e-6 },
    { type: 'tf2_signature', dir: d, signature: 'serving_default', inputs: { input: f32(x5) }, outputs: { output: f32(five) }, rtol: 1e-6 },
    { type: 'saved_model_cli', dir: d, tag_set: 'serve', signature: 'serving_default', input_exprs: batched ? 'input=[10]' : 'input=10', outputs: { output: f32(ten) }, rtol: 1e-6 },
  ];
}

function builderCase(name: string, asText: boolean): WriteCase {
  return {
    name,
    path: `v1.savedModel.Builder (the guide's saved-model-builder)${asText ? ' with save({ asText: true })' : ''}`,
    needs: ['v1.Graph', 'v1.Session', 'v1.savedModel.Builder', 'v1.savedModel.predictSignatureDef', 'ops'],
    async write(dir) {
      const sm = get<{ Builder: new (d: string) => { addMetaGraphAndVariables(s: SessionLike, tags: string[], o: object): void; save(o?: object): Promise<void> }; predictSignatureDef(o: object): unknown }>('v1.savedModel');
      const { sess, input, output, five, ten } = addTwoGraph();
      const builder = new sm.Builder(join(dir, 'saved-model-builder'));
      const sigDef = sm.predictSignatureDef({ inputs: { input }, outputs: { output } });
      builder.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: { serving_default: sigDef } });
      await builder.save(asText ? { asText: true } : undefined);
      return addTwoChecks('saved-model-builder', five, ten);
    },
  };
}

const simpleSave: WriteCase = {
  name: 'simple_save_add_two',
  path: 'v1.savedModel.simpleSave (the guide\'s simple-save)',
  needs: ['v1.Graph', 'v1.Session', 'v1.savedModel.simpleSave', 'ops'],
  async write(dir) {
    const simple = get<(s: SessionLike, d: string, i: object, o: object) => Promise<void>>('v1.savedModel.simpleSave');
    const { sess, input, output, five, ten } = addTwoGraph();
    await simple(sess, join(dir, 'simple-save'), { input }, { output });
    return addTwoChecks('simple-save', five, ten);
  },
};

const estimatorExport: WriteCase = {
  name: 'estimator_export',
  path: 'v1.estimator.exportSavedModel with a PredictOutput (the guide\'s estimator-model)',
  needs: ['v1.Graph', 'v1.estimator.exportSavedModel', 'v1.estimator.PredictOutput', 'ops'],
  async write(dir) {
    const est = get<{ exportSavedModel(d: string, o: object): Promise<unknown>; PredictOutput: new (o: object) => unknown }>('v1.estimator');
    const v1 = get<{ Graph: new () => GraphLike; Session: new (g: GraphLike) => SessionLike }>('v1');
    const ops = get<Ops>('ops');
    const graph = new v1.Graph();
    const input = graph.placeholder('float32', [null as unknown as number], 'input');
    const output = ops.add(input, 2);
    await est.exportSavedModel(join(dir, 'estimator-model'), {
      servingInputReceiver: { features: { input }, receiverTensors: { input } },
      exportOutputs: { serving_default: new est.PredictOutput({ output }) },
    });
    const sess = new v1.Session(graph);
    const five = sess.run(output, new Map([[input, [5]]])) as T;
    const ten = sess.run(output, new Map([[input, [10]]])) as T;
    return addTwoChecks('estimator-model', five, ten, true);
  },
};

const saverMetaGraph: WriteCase = {
  name: 'saver_meta_graph',
  path: 'v1.train.Saver: exportMetaGraph({ asText: true }) + save (the guide\'s multiply.pb / multiply_values.ckpt)',
  needs: ['v1.Graph', 'v1.Session', 'v1.train.Saver', 'ops'],
  async write(dir) {
    const v1 = get<{ Graph: new () => GraphLike; Session: new (g: GraphLike) => SessionLike; train: { Saver: new (o?: object) => { exportMetaGraph(f: string, o?: object): Promise<void>; save(s: SessionLike, p: string): Promise<string> } } }>('v1');
    const ops = get<Ops>('ops');
    const graph = new v1.Graph();
    const x = graph.placeholder('float32', [], 'x');
    const v = graph.variable(3.0, { name: 'v' });
    const y = ops.mul(x, v, { name: 'y' });
    const sess = new v1.Session(graph);
    sess.run(v.initializer);
    const fifteen = sess.run(y, new Map([[x, 5]])) as T;
    expectValues(fifteen, [15], 'sess.run(y, {x: 5})');
    const saver = new v1.train.Saver({ graph });
    await saver.exportMetaGraph(join(dir, 'multiply.pb'), { asText: true });
    await saver.save(sess, join(dir, 'multiply_values.ckpt'));
    return [
      { type: 'import_meta_graph', meta_graph: 'multiply.pb', prefix: 'multiply_values.ckpt', feeds: { 'x:0': f32(scalar(5)) }, fetches: { 'y:0': f32(fifteen) }, rtol: 1e-6 },
      { type: 'load_checkpoint', prefix: 'multiply_values.ckpt', data_files: 1, values: { v: f32(scalar(3)) } },
    ];
  },
};

/** The API cases, in the guide's order. */
export const apiCases: WriteCase[] = [
  builderCase('builder_add_two', false),
  builderCase('builder_as_text', true),
  simpleSave,
  estimatorExport,
  tf2Module,
  tf2ModuleText,
  denseModule,
  saverMetaGraph,
];
