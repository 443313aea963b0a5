/**
 * Direction B, saveModel beyond the guide's two models: several signatures with keyword-only
 * inputs and array outputs, a stateful function that assigns an int64 variable, nested modules
 * with lists and records of variables of several dtypes, an asset, and re-exports of loaded
 * models (ours and TensorFlow-written ones). Besides the generic checks, TensorFlow recomputes
 * our fingerprint.pb, re-saves our models with tf.saved_model.save, and reads assets and
 * variables through the object graph (checks in interop/check/check_savemodel.py).
 */
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Asset, Module, TensorSpec, Variable, loadModel, ops, saveModel, tfFunction } from '../../src/index.js';
import type { Golden } from '../../test/interop/golden.js';
import type { Check, WriteCase } from './case.js';
import { tfjsJson } from './tensor-json.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

type Fn = (...args: tf.Tensor[]) => unknown;
const f32 = (t: tf.Tensor) => tfjsJson(t, 'float32');
const NEEDS = ['Module', 'Variable', 'TensorSpec', 'tfFunction', 'ops', 'saveModel'];

/** Checks every SavedModel of ours gets: TF's fingerprint and TF's own re-save. */
function commonChecks(dir: string, signature: string, inputs: Record<string, ReturnType<typeof tfjsJson>>, outputs: Record<string, ReturnType<typeof tfjsJson>>, rtol = 1e-6): Check[] {
  return [
    { type: 'fingerprint', dir } as unknown as Check,
    { type: 'tf_resave', dir, signature, inputs, outputs, rtol } as unknown as Check,
  ];
}

const signaturesCase: WriteCase = {
  name: 'save_model_signatures',
  path: 'saveModel with several signatures (keyword-only inputs, array and record outputs, int32/bool)',
  needs: NEEDS,
  async write(dir) {
    const m = new Module() as Module & Record<string, unknown>;
    m.scale = new Variable(tf.scalar(3), { name: 'scale' });
    // Keys come from parameter names (read from the function's source): keep them unshadowed.
    const pair = tfFunction((a: tf.Tensor, b: tf.Tensor) => [ops.mul(a, m.scale as Variable), ops.sum(b, 1)]);
    const counts = tfFunction((ids: tf.Tensor) => ({ positive: ops.greater(ids, 0), doubled: ops.mul(ids, 2) }), { inputSignature: [new TensorSpec([null], 'int32', 'ids')] });
    m.pair = pair;
    m.counts = counts;
    const d = 'signatures';
    await saveModel(m, join(dir, d), {
      signatures: { pair: pair.getConcreteFunction(new TensorSpec([2]), new TensorSpec([null, 2], 'float32', 'bees')), serving_default: counts },
    });
    const inA = tf.tensor1d([1, -2]);
    const inB = tf.tensor2d([[1, 2], [3, 4.5]]);
    const [p0, p1] = pair(inA, inB) as tf.Tensor[];
    const ids = tf.tensor1d([3, -1, 0], 'int32');
    const c = counts(ids) as { positive: tf.Tensor; doubled: tf.Tensor };
    const pairIn = { a: f32(inA), bees: f32(inB) };
    const pairOut = { output_0: f32(p0), output_1: f32(p1) };
    const countsOut = { doubled: tfjsJson(c.doubled, 'int32'), positive: tfjsJson(c.positive, 'bool') };
    return [
      { type: 'tf2_signature', dir: d, signature: 'pair', inputs: pairIn, outputs: pairOut, rtol: 1e-6 },
      { type: 'tf2_signature', dir: d, signature: 'serving_default', inputs: { ids: tfjsJson(ids, 'int32') }, outputs: countsOut, rtol: 0 },
      { type: 'tf1_session_run', dir: d, tags: ['serve'], signature: 'pair', inputs: pairIn, outputs: pairOut, rtol: 1e-6 },
      { type: 'saved_model_cli', dir: d, tag_set: 'serve', signature: 'pair', input_exprs: 'a=[1,-2];bees=[[1,2],[3,4.5]]', outputs: pairOut, rtol: 1e-6 },
      { type: 'tf2_function_output', dir: d, path: 'counts', args: [tfjsJson(ids, 'int32')], key: 'doubled', result: tfjsJson(c.doubled, 'int32'), rtol: 0 } as unknown as Check,
      ...commonChecks(d, 'pair', pairIn, pairOut),
    ];
  },
};

const statefulCase: WriteCase = {
  name: 'save_model_stateful',
  path: 'saveModel of a function that assigns an int64 variable (resource writes, control deps)',
  needs: NEEDS,
  async write(dir) {
    const m = new Module() as Module & Record<string, unknown>;
    const counter = new Variable(tf.scalar(10, 'int32'), { name: 'counter', dtype: 'int64' });
    m.counter = counter;
    m.increment = tfFunction((by: tf.Tensor) => {
      counter.assign(ops.add(counter, by));
      return counter.value();
    }, { inputSignature: [new TensorSpec([], 'int64', 'by')] });
    const d = 'stateful';
    await saveModel(m, join(dir, d), { signatures: m.increment as never });
    const i64 = (n: number) => tfjsJson(tf.scalar(n, 'int32'), 'int64');
    return [
      { type: 'tf2_call_sequence', dir: d, calls: [{ path: 'increment', args: [i64(5)], result: i64(15) }, { path: 'increment', args: [i64(-3)], result: i64(12) }], after: { counter: i64(12) } } as unknown as Check,
      { type: 'tf1_session_run', dir: d, tags: ['serve'], signature: 'serving_default', inputs: { by: i64(5) }, outputs: { output_0: i64(15) }, rtol: 0 },
      { type: 'tf2_object_value', dir: d, path: 'counter', value: i64(10) },
      ...commonChecks(d, 'serving_default', { by: i64(5) }, { output_0: i64(15) }, 0),
    ];
  },
};

const nestedCase: WriteCase = {
  name: 'save_model_nested',
  path: 'saveModel of nested Modules with arrays and records of variables (float64, int64, bool), an asset',
  needs: [...NEEDS, 'Asset'],
  async write(dir) {
    const src = join(dir, 'vocab-src.txt');
    writeFileSync(src, 'alpha\nbeta\ngamma\n');
    const block = (scale: number) => {
      const b = new Module() as Module & Record<string, unknown>;
      b.w = new Variable(tf.tensor1d([scale, -scale]), { name: 'w' });
      return b;
    };
    const m = new Module() as Module & Record<string, unknown>;
    m.layers = [block(1), block(2)];
    m.table = { steps: new Variable(tf.tensor1d([7, 8], 'int32'), { name: 'steps', dtype: 'int64', trainable: false }), wide: new Variable(tf.tensor1d([0.5]), { name: 'wide', dtype: 'float64' }) };
    m.flag = new Variable(tf.tensor1d([true, false], 'bool'), { name: 'flag' });
    m.vocab = new Asset(src);
    const layers = m.layers as (Module & Record<string, unknown>)[];
    m.__call__ = tfFunction((x: tf.Tensor) => ops.add(ops.mul(x, layers[0].w as Variable), ops.mul(x, layers[1].w as Variable)), { inputSignature: [new TensorSpec([2], 'float32', 'x')] });
    const d = 'nested';
    await saveModel(m, join(dir, d));
    const x = tf.tensor1d([1, 2]);
    const y = (m.__call__ as Fn)(x) as tf.Tensor;
    return [
      { type: 'tf2_object_path_value', dir: d, path: ['layers', 1, 'w'], value: f32(tf.tensor1d([2, -2])) } as unknown as Check,
      { type: 'tf2_object_path_value', dir: d, path: ['table', 'steps'], value: tfjsJson(tf.tensor1d([7, 8], 'int32'), 'int64') } as unknown as Check,
      { type: 'tf2_object_path_value', dir: d, path: ['table', 'wide'], value: tfjsJson(tf.tensor1d([0.5]), 'float64') } as unknown as Check,
      { type: 'tf2_object_path_value', dir: d, path: ['flag'], value: tfjsJson(tf.tensor1d([true, false], 'bool'), 'bool') } as unknown as Check,
      { type: 'asset_content', dir: d, path: ['vocab'], content: 'alpha\nbeta\ngamma\n' } as unknown as Check,
      { type: 'tf2_signature', dir: d, signature: 'serving_default', inputs: { x: f32(x) }, outputs: { output_0: f32(y) }, rtol: 1e-6 },
      { type: 'tf2_function', dir: d, path: '__call__', args: [f32(x)], result: f32(y), rtol: 1e-6 },
      ...commonChecks(d, 'serving_default', { x: f32(x) }, { output_0: f32(y) }),
    ];
  },
};

/** The TF-written model zoo entries re-exported by TypeScript. */
const REEXPORTED = ['keras_mlp', 'vocab_asset', 'module_control_flow'];

const reexportCase: WriteCase = {
  name: 'save_model_reexport',
  path: 'saveModel(await loadModel(d), d2): re-export of TensorFlow-written models and of ours',
  needs: [...NEEDS, 'loadModel'],
  async write(dir) {
    const checks: Check[] = [];
    const root = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tf-generated', '2.15.1');
    for (const name of REEXPORTED) {
      const loaded = await loadModel(join(root, name));
      await saveModel(loaded, join(dir, name));
      loaded.dispose();
      const golden = JSON.parse(readFileSync(join(root, name, 'golden.json'), 'utf8')) as Golden;
      for (const call of (golden.calls ?? []).slice(0, 1)) {
        checks.push({ type: 'tf2_signature', dir: name, signature: call.signature, inputs: call.inputs, outputs: call.outputs, rtol: golden.rtol });
        checks.push({ type: 'fingerprint', dir: name } as unknown as Check);
      }
    }
    // ours: load, change a variable, re-export
    const m = new Module() as Module & Record<string, unknown>;
    m.v = new Variable(tf.tensor1d([1, 2, 3]), { name: 'v' });
    m.__call__ = tfFunction((x: tf.Tensor) => ops.mul(x, m.v as Variable), { inputSignature: [new TensorSpec([3], 'float32', 'x')] });
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    await saveModel(m, join(dir, 'tmp', 'ours'));
    const loaded = await loadModel(join(dir, 'tmp', 'ours'));
    (loaded.v as { assign(t: tf.Tensor): void }).assign(tf.tensor1d([10, 20, 30]));
    await saveModel(loaded, join(dir, 'ours'));
    loaded.dispose();
    const x = tf.tensor1d([1, 1, 2]);
    checks.push({ type: 'tf2_signature', dir: 'ours', signature: 'serving_default', inputs: { x: f32(x) }, outputs: { output_0: f32(tf.tensor1d([10, 20, 60])) }, rtol: 1e-6 });
    checks.push({ type: 'tf2_object_value', dir: 'ours', path: 'v', value: f32(tf.tensor1d([10, 20, 30])) });
    checks.push({ type: 'fingerprint', dir: 'ours' } as unknown as Check);
    return checks;
  },
};

/** saveModel cases beyond the guide's (interop/write/cases-api.ts has those). */
export const saveModelCases: WriteCase[] = [signaturesCase, statefulCase, nestedCase, reexportCase];
