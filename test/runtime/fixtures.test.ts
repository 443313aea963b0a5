/** Graphs TensorFlow wrote (../shared/fixtures/tf), executed with values checked. */
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { tensorflow } from '../../src/proto/index.js';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { ResourceHandle } from '../../src/runtime/values.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

async function executorFor(name: string): Promise<Executor> {
  const sm = await readSavedModel(join(FIXTURES_TF, name));
  const exec = new Executor(sm.metaGraphs[0].graphDef!);
  exec.prepare();
  return exec;
}

function examples(rows: Record<string, number[]>[]): tf.Tensor {
  const bytes = rows.map((r) => tensorflow.Example.encode({
    features: { feature: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { floatList: { value: v } }])) },
  }).finish());
  return tf.tensor(bytes, [bytes.length], 'string');
}

function setVariables(exec: Executor, values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values)) {
    const t = tf.scalar(v);
    exec.resources.variable(new ResourceHandle('variable', '', name), 'float32').assign(t);
    t.dispose();
  }
}

describeWithFixtures('TF-written graphs', () => {
  test('half_plus_two_v1: init op, predict y = 0.5x + 2, classify/regress on tf.Examples (x2 defaults to 0)', async () => {
    const exec = await executorFor('half_plus_two_v1');
    exec.run({}, [], ['init']);
    const x = tf.tensor2d([[1], [2], [5]]);
    const before = tf.memory().numTensors;
    expect(take(exec.run({ 'x:0': x }, ['y:0'])[0])).toEqual([[2.5], [3], [4.5]]);
    const ex = examples([{ x: [1], x2: [4] }, { x: [3] }]);
    const [y, y2, y3] = exec.run({ 'tf_example:0': ex }, ['y:0', 'y2:0', 'y3:0']);
    expect([take(y), take(y2), take(y3)]).toEqual([[[2.5], [3.5]], [[3.5], [4.5]], [[5], [3]]]);
    // feeding a variable's value overrides it for this run only (TF1 session semantics)
    const a = tf.scalar(10);
    expect(take(exec.run({ 'x:0': x, 'a:0': a }, ['y:0'])[0])).toEqual([[12], [22], [52]]);
    expect(take(exec.run({ 'x:0': x }, ['y:0'])[0])).toEqual([[2.5], [3], [4.5]]);
    // no growth once constants are memoised
    const mark = tf.memory().numTensors;
    exec.run({ 'tf_example:0': ex }, ['y:0', 'y2:0', 'y3:0']).forEach((t) => t.dispose());
    exec.run({ 'x:0': x, 'a:0': a }, ['y:0'])[0].dispose();
    expect(tf.memory().numTensors).toBe(mark);
    expect(mark - before).toBeLessThanOrEqual(8); // the memoised constants
    tf.dispose([ex, a]);
    const missing = examples([{ x2: [1] }]);
    expect(() => exec.run({ 'tf_example:0': missing }, ['y:0'])).toThrow(/Feature: x \(data type: float32\) is required/);
    tf.dispose([x, missing]);
    exec.resources.dispose();
    exec.dispose();
  });

  test('half_plus_two_v1_resource: resource variables, ParseExampleV2', async () => {
    const exec = await executorFor('half_plus_two_v1_resource');
    const init = (await readSavedModel(join(FIXTURES_TF, 'half_plus_two_v1_resource'))).metaGraphs[0].graphDef!.node!
      .filter((n) => n.op === 'AssignVariableOp' && !n.name!.startsWith('save')).map((n) => n.name!);
    exec.run({}, [], init);
    const ex = examples([{ x: [2], x2: [2] }]);
    const [y, y3] = exec.run({ 'tf_example:0': ex }, ['y:0', 'y3:0']);
    expect([take(y), take(y3)]).toEqual([[[3]], [[4]]]);
    ex.dispose();
    exec.resources.dispose();
    exec.dispose();
  });

  test('half_plus_two_v2: StatefulPartitionedCall into the function library, PlaceholderWithDefault', async () => {
    const exec = await executorFor('half_plus_two_v2');
    setVariables(exec, { a: 0.5, b: 2, c: 3 });
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) expect(take(exec.run({ 'serving_default_x:0': x }, ['StatefulPartitionedCall_5:0'])[0])).toEqual([2.5, 3, 3.5]);
    const ex = examples([{ x: [4], x2: [4] }]);
    const [reg, cls] = exec.run({ 'regress_x_to_y2_inputs:0': ex, 'classify_x_to_y_inputs:0': ex }, ['StatefulPartitionedCall_4:0', 'StatefulPartitionedCall_1:0']);
    expect([take(reg), take(cls)]).toEqual([[[5]], [[4]]]);
    const mark = tf.memory().numTensors;
    exec.run({ 'serving_default_x:0': x }, ['StatefulPartitionedCall_5:0'])[0].dispose();
    exec.run({ 'regress_x_to_y2_inputs:0': ex, 'classify_x_to_y_inputs:0': ex }, ['StatefulPartitionedCall_4:0', 'StatefulPartitionedCall_1:0']).forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(mark);
    expect(mark - before).toBeLessThanOrEqual(16); // the memoised constants
    ex.dispose();
    x.dispose();
    // the saver functions are refused without a CheckpointService
    const prefix = tf.scalar('/tmp/ckpt', 'string');
    await expect(exec.runAsync({ 'saver_filename:0': prefix }, [], ['StatefulPartitionedCall_7'])).rejects.toThrow(/runs only inside the model loader\/saver/);
    prefix.dispose();
    exec.resources.dispose();
    exec.dispose();
  });

  test('counter_v1: stateful signatures keep counting', async () => {
    const exec = await executorFor('counter_v1');
    const initNames = (await readSavedModel(join(FIXTURES_TF, 'counter_v1'))).metaGraphs[0].graphDef!.node!
      .filter((n) => n.op === 'Assign' && n.name!.endsWith('/Assign') && !n.name!.startsWith('save')).map((n) => n.name!);
    exec.run({}, [], initNames);
    expect(take(exec.run({}, ['counter:0'])[0])).toBe(0);
    expect(take(exec.run({}, ['incr_counter_op/AssignAdd:0'])[0])).toBe(1);
    expect(take(exec.run({}, ['incr_counter_op/AssignAdd:0'])[0])).toBe(2);
    const d = tf.scalar(5);
    expect(take(exec.run({ 'delta:0': d }, ['incr_counter_by_op/AssignAdd:0'])[0])).toBe(7);
    expect(take(exec.run({}, ['counter:0'])[0])).toBe(7);
    expect(take(exec.run({}, ['reset_counter_op/Assign:0'])[0])).toBe(0);
    d.dispose();
    exec.resources.dispose();
    exec.dispose();
  });

  test('half_plus_two_v1_conv: Conv2D, BiasAdd, StridedSlice, RandomUniform initialisers', async () => {
    const exec = await executorFor('half_plus_two_v1_conv');
    const gd = (await readSavedModel(join(FIXTURES_TF, 'half_plus_two_v1_conv'))).metaGraphs[0].graphDef!;
    const inits = gd.node!.filter((n) => (n.op === 'Assign' || n.op === 'AssignVariableOp') && !n.name!.startsWith('save')).map((n) => n.name!);
    exec.run({}, [], inits);
    const x = tf.tensor2d([[1], [2]]);
    expect(take(exec.run({ 'x:0': x }, ['y:0'])[0])).toEqual([[2.5], [3]]);
    x.dispose();
    exec.resources.dispose();
    exec.dispose();
  });

  test('matrix_half_plus_two_v1, uint8_multiply and int64_multiply', async () => {
    const m = await executorFor('matrix_half_plus_two_v1');
    const x = tf.tensor2d([[2, 4], [6, 8]]);
    const out = (await readSavedModel(join(FIXTURES_TF, 'matrix_half_plus_two_v1'))).metaGraphs[0].signatureDef!;
    const sig = Object.values(out)[0];
    const [y] = m.run({ [Object.values(sig.inputs!)[0].name!]: x }, [Object.values(sig.outputs!)[0].name!]);
    expect(take(y)).toEqual([[3, 4], [5, 6]]);
    x.dispose();
    m.dispose();
  });
});
