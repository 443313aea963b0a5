/**
 * Direction B, the TF1 API beyond the guide's snippets (cases-api.ts): Builder with variables,
 * a main op, assets and two meta graphs; an Estimator-style export parsing tf.Examples with
 * classify / regress / predict signatures; MethodNameUpdater; Saver's max_to_keep and state
 * file; the wrap_function story on our files. TensorFlow checks them with check_all.py's kinds
 * and v1_checks.py's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { tensorflow, v1, ops, loadModel } from '../../src/index.js';
import type { Check, WriteCase } from './case.js';
import { tfjsJson } from './tensor-json.js';

type T = tf.Tensor;
const f32 = (t: T) => tfjsJson(t, 'float32');
const values = (t: T) => Array.from(t.dataSync() as Float32Array);

/** A serialized tf.Example with float features. */
function example(features: Record<string, number[]>): Uint8Array {
  const feature: Record<string, tensorflow.Feature.$Properties> = {};
  for (const [k, v] of Object.entries(features)) feature[k] = { floatList: { value: v } };
  return tensorflow.Example.encode({ features: { feature } }).finish();
}

function stringsJson(items: Uint8Array[]) {
  return { dtype: 'string', shape: [items.length], encoding: 'base64' as const, values: items.map((b) => Buffer.from(b).toString('base64')) };
}

const builderVariables: WriteCase = {
  name: 'v1_builder_variables',
  path: 'v1.savedModel.Builder with resource + reference variables, a main op, an asset and a second meta graph',
  needs: ['v1.Graph', 'v1.Session', 'v1.savedModel.Builder', 'ops'],
  async write(dir) {
    const g = new v1.Graph();
    const x = g.placeholder('float32', [null, 2], 'x');
    const w = g.variable([[0.5], [-1]], { name: 'dense/kernel' });
    const b = g.variable([0.25], { name: 'dense/bias', useResource: false });
    const step = g.variable(tf.scalar(41, 'int32'), { name: 'step', dtype: 'int64', trainable: false });
    const y = ops.add(ops.matMul(x, w), b, { name: 'y' });
    const sess = new v1.Session(g);
    sess.run([w.initializer, b.initializer, step.initializer]);
    const vocab = join(dir, 'vocab.txt');
    writeFileSync(vocab, 'a\nb\n');
    const asset = g.asDefault(() => ops.constant(vocab, 'string', { name: 'vocab_path' }));
    g.addToCollection(v1.GraphKeys.ASSET_FILEPATHS, asset as never);
    const main = step.assignAdd(tf.scalar(1, 'int32'), { name: 'main_op' });
    const builder = new v1.savedModel.Builder(join(dir, 'model'));
    const sig = { serving_default: v1.savedModel.predictSignatureDef({ inputs: { x }, outputs: { y } }) };
    builder.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: sig, mainOp: main, assetsCollection: [asset] });
    builder.addMetaGraph(['serve', 'extra'], { signatureDefMap: sig });
    await builder.save();
    const xs = tf.tensor2d([[1, 2], [3, -4]]);
    const ys = sess.run(y, new Map([[x, xs]]));
    return [
      { type: 'tf1_session_run', dir: 'model', tags: ['serve'], signature: 'serving_default', inputs: { x: f32(xs) }, outputs: { y: f32(ys) }, rtol: 1e-6 },
      { type: 'tf1_session_run', dir: 'model', tags: ['serve', 'extra'], signature: 'serving_default', inputs: { x: f32(xs) }, outputs: { y: f32(ys) }, rtol: 1e-6 },
      // (tf.saved_model.load of a SavedModel with two meta graphs needs tags=: TF refuses it without.)
      { type: 'saved_model_cli', dir: 'model', tag_set: 'serve', signature: 'serving_default', input_exprs: 'x=[[1,2],[3,-4]]', outputs: { y: f32(ys) }, rtol: 1e-6 },
      // The main op ran after restore (42 = 41 + 1); the asset tensor was fed its copy inside the model.
      { type: 'tf1_variables', dir: 'model', tags: ['serve'], values: { 'step/Read/ReadVariableOp:0': { dtype: 'int64', shape: [], values: ['42'] }, 'dense/bias/read:0': f32(tf.tensor1d([0.25])) } },
      { type: 'load_checkpoint', prefix: 'model/variables/variables', data_files: 1, values: { 'dense/kernel': f32(tf.tensor2d([[0.5], [-1]])), 'dense/bias': f32(tf.tensor1d([0.25])), step: { dtype: 'int64', shape: [], values: ['41'] } } },
    ] as Check[];
  },
};

const estimatorParsing: WriteCase = {
  name: 'v1_estimator_parsing',
  path: 'v1.estimator.exportSavedModel with a tf.Example parsing receiver: ClassificationOutput (serving_default), RegressionOutput, PredictOutput',
  needs: ['v1.Graph', 'v1.estimator.exportSavedModel', 'v1.estimator.buildParsingServingInputReceiver', 'ops'],
  async write(dir) {
    const g = new v1.Graph();
    const recv = v1.estimator.buildParsingServingInputReceiver(g, { x: v1.estimator.fixedLenFeature([1], 'float32') });
    const x = recv.features.x;
    const a = g.variable(0.5, { name: 'a' });
    const y = ops.add(ops.mul(a, x), 2, { name: 'y' });
    const scores = ops.sigmoid(y, { name: 'scores' });
    await v1.estimator.exportSavedModel(join(dir, 'est'), {
      servingInputReceiver: recv,
      exportOutputs: {
        serving_default: new v1.estimator.ClassificationOutput({ scores }),
        regress: new v1.estimator.RegressionOutput(y),
        predict: new v1.estimator.PredictOutput({ y }),
      },
      variables: { a: 1.5 },
    });
    const exs = [example({ x: [1] }), example({ x: [4] }), example({ x: [-2] })];
    const m = await loadModel(join(dir, 'est'));
    const input = tf.tensor(exs, [3], 'string');
    const sc = m.signatures.serving_default({ inputs: input }).scores;
    const out = m.signatures.regress({ inputs: input }).outputs;
    if (values(out).join() !== '3.5,8,-1') throw new Error(`regress computed ${values(out)}`);
    const inputs = { inputs: stringsJson(exs) };
    return [
      { type: 'tf1_session_run', dir: 'est', tags: ['serve'], signature: 'serving_default', inputs, outputs: { scores: f32(sc) }, rtol: 1e-6 },
      { type: 'tf1_session_run', dir: 'est', tags: ['serve'], signature: 'regress', inputs, outputs: { outputs: f32(out) }, rtol: 1e-6 },
      { type: 'tf2_signature', dir: 'est', signature: 'regress', inputs, outputs: { outputs: f32(out) }, rtol: 1e-6 },
      { type: 'tf2_signature', dir: 'est', signature: 'predict', inputs: { examples: stringsJson(exs) }, outputs: { y: f32(out) }, rtol: 1e-6 },
      { type: 'saved_model_cli_examples', dir: 'est', tag_set: 'serve', signature: 'regress', input_examples: 'inputs=[{"x":[1.0]},{"x":[4.0]},{"x":[-2.0]}]', outputs: { outputs: f32(out) }, rtol: 1e-6 },
      { type: 'method_name', dir: 'est', tags: ['serve'], methods: { serving_default: 'tensorflow/serving/classify', regress: 'tensorflow/serving/regress', predict: 'tensorflow/serving/predict' } },
    ] as Check[];
  },
};

const methodNameUpdater: WriteCase = {
  name: 'v1_method_name_updater',
  path: 'v1.savedModel.MethodNameUpdater on a Builder export (predict → regress / classify, in place)',
  needs: ['v1.Graph', 'v1.savedModel.Builder', 'v1.savedModel.MethodNameUpdater', 'v1.parseExample', 'ops'],
  async write(dir) {
    const g = new v1.Graph();
    const serialized = g.placeholder('string', [null], 'tf_example');
    const feats = v1.parseExample(g, serialized, { x: v1.fixedLenFeature([1], 'float32') });
    const y = ops.add(ops.mul(feats.x, 3), 1, { name: 'y' });
    const sess = new v1.Session(g);
    const builder = new v1.savedModel.Builder(join(dir, 'm'));
    const pred = (outputs: Record<string, T>) => v1.savedModel.predictSignatureDef({ inputs: { inputs: serialized }, outputs });
    builder.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: { regress_x_to_y: pred({ outputs: y }), predict_y: pred({ y }) } });
    await builder.save();
    const updater = new v1.savedModel.MethodNameUpdater(join(dir, 'm'));
    updater.replaceMethodName('regress_x_to_y', 'tensorflow/serving/regress', 'serve');
    await updater.save();
    const exs = [example({ x: [2] }), example({ x: [-1] })];
    const out = sess.run(y, { 'tf_example:0': tf.tensor(exs, [2], 'string') });
    return [
      { type: 'method_name', dir: 'm', tags: ['serve'], methods: { regress_x_to_y: 'tensorflow/serving/regress', predict_y: 'tensorflow/serving/predict' } },
      { type: 'tf1_session_run', dir: 'm', tags: ['serve'], signature: 'regress_x_to_y', inputs: { inputs: stringsJson(exs) }, outputs: { outputs: f32(out) }, rtol: 1e-6 },
      { type: 'saved_model_cli_examples', dir: 'm', tag_set: 'serve', signature: 'regress_x_to_y', input_examples: 'inputs=[{"x":[2.0]},{"x":[-1.0]}]', outputs: { outputs: f32(out) }, rtol: 1e-6 },
    ] as Check[];
  },
};

const saverMaxToKeep: WriteCase = {
  name: 'v1_saver_max_to_keep',
  path: 'v1.train.Saver: global steps, max_to_keep, the checkpoint state file, the .meta written beside each checkpoint',
  needs: ['v1.Graph', 'v1.Session', 'v1.train.Saver', 'ops'],
  async write(dir) {
    const g = new v1.Graph();
    const x = g.placeholder('float32', [], 'x');
    const v = g.variable(1, { name: 'v' });
    const r = g.variable([1, 1], { name: 'r', useResource: false });
    const y = ops.mul(ops.mul(x, v), ops.sum(r), { name: 'y' });
    const sess = new v1.Session(g);
    sess.run([v.initializer, r.initializer]);
    const saver = new v1.train.Saver({ graph: g, maxToKeep: 2 });
    for (let step = 1; step <= 3; step++) {
      sess.run(v.assign(step));
      await saver.save(sess, join(dir, 'model.ckpt'), { globalStep: step });
    }
    const y3 = sess.run(y, { 'x:0': 5 });
    return [
      { type: 'latest_checkpoint', dir: '.', latest: 'model.ckpt-3', all: ['model.ckpt-2', 'model.ckpt-3'] },
      { type: 'load_checkpoint', prefix: 'model.ckpt-2', data_files: 1, values: { v: f32(tf.scalar(2)), r: f32(tf.tensor1d([1, 1])) } },
      { type: 'import_meta_graph', meta_graph: 'model.ckpt-3.meta', prefix: 'model.ckpt-3', feeds: { 'x:0': f32(tf.scalar(5)) }, fetches: { 'y:0': f32(y3) }, rtol: 1e-6 },
      { type: 'saver_restore', prefix: 'model.ckpt-3', variables: { v: f32(tf.scalar(3)), r: f32(tf.tensor1d([1, 1])) } },
    ] as Check[];
  },
};

const wrapFunctionStory: WriteCase = {
  name: 'v1_wrap_function',
  path: 'v1.train.Saver exportMetaGraph + save read by TF\'s wrap_function + prune (and ours on the same files)',
  needs: ['v1.Graph', 'v1.Session', 'v1.train.Saver', 'v1.train.importMetaGraph', 'v1.wrapFunction', 'ops'],
  async write(dir) {
    const g = new v1.Graph();
    const x = g.placeholder('float32', [], 'x');
    const v = g.variable(3.0, { name: 'v' });
    ops.mul(x, v, { name: 'y' });
    const sess = new v1.Session(g);
    sess.run(v.initializer);
    const saver = new v1.train.Saver({ graph: g });
    await saver.exportMetaGraph(join(dir, 'multiply.pb'), { asText: true });
    await saver.save(sess, join(dir, 'multiply_values.ckpt'));
    // Our own wrap_function story on the same files gives the value TF must give.
    const wrapped = await v1.wrapFunction(() => v1.train.importMetaGraph(join(dir, 'multiply.pb')), []);
    await new v1.train.Saver({ varList: wrapped.variables }).restore(null, join(dir, 'multiply_values.ckpt'));
    const fifteen = wrapped.prune(wrapped.graph.getTensorByName('x:0'), wrapped.graph.getTensorByName('y:0'))(tf.scalar(5)) as T;
    wrapped.dispose();
    return [
      { type: 'wrap_function_prune', meta_graph: 'multiply.pb', prefix: 'multiply_values.ckpt', feeds: { 'x:0': f32(tf.scalar(5)) }, fetches: { 'y:0': f32(fifteen) }, rtol: 1e-6 },
    ] as Check[];
  },
};

/** The TF1 API cases. */
export const v1Cases: WriteCase[] = [builderVariables, estimatorParsing, methodNameUpdater, saverMaxToKeep, wrapFunctionStory];
