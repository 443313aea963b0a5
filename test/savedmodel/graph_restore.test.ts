/**
 * The TF1-style path v1.savedModel.load builds on: a meta graph loaded into an Executor with its
 * variables restored (RestoreV2 through the model's checkpoint) and its init op run, then run by
 * tensor names like session.run. Also for TF2 graphs (their saver is a function).
 */
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { resolveFileSystem } from '../../src/io/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { initOpNames, loadMetaGraphIntoExecutor } from '../../src/savedmodel/graph_restore.js';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';
import { take } from './loader_helpers.js';

async function executorFor(name: string) {
  await ensureBackend();
  const dir = join(FIXTURES_TF, name);
  const mg = (await readSavedModel(dir)).metaGraphs[0];
  return { mg, exec: await loadMetaGraphIntoExecutor(dir, mg, { fs: await resolveFileSystem() }) };
}

describeWithFixtures('loadMetaGraphIntoExecutor (the v1 loader core)', () => {
  test('half_plus_two_v1: ref variables restored by save/restore_all, then session-style runs', async () => {
    const { mg, exec } = await executorFor('half_plus_two_v1');
    expect(initOpNames(mg)).toEqual(['group_deps']); // its saved_model_main_op
    expect(take(exec.run({}, ['a:0'])[0])).toBe(0.5);
    const x = tf.tensor2d([[1], [2]]);
    expect(take(exec.run({ 'x:0': x }, ['y:0'])[0])).toEqual([[2.5], [3]]);
    x.dispose();
    exec.resources.dispose();
    exec.dispose();
  });

  test('counter_v1: state persists across runs of one executor', async () => {
    const { exec } = await executorFor('counter_v1');
    expect(take(exec.run({}, ['incr_counter_op/AssignAdd:0'])[0])).toBe(1);
    expect(take(exec.run({}, ['incr_counter_op/AssignAdd:0'])[0])).toBe(2);
    exec.resources.dispose();
    exec.dispose();
  });

  test('half_plus_two_v2: a TF2 graph restores through its saver function and runs its init op', async () => {
    const { mg, exec } = await executorFor('half_plus_two_v2');
    expect(initOpNames(mg)).toEqual(['NoOp']);
    const x = tf.tensor1d([4]);
    expect(take(exec.run({ 'serving_default_x:0': x }, ['StatefulPartitionedCall_5:0'])[0])).toEqual([4]);
    x.dispose();
    // the init op stored the asset's path (fed from asset_file_def) in the graph's asset variable
    const path = exec.run({}, ['Variable/Read/ReadVariableOp:0'])[0];
    expect(new TextDecoder().decode((tf.engine().readSync(path.dataId) as unknown as Uint8Array[])[0])).toBe(join(FIXTURES_TF, 'half_plus_two_v2', 'assets', 'foo.txt'));
    path.dispose();
    exec.resources.dispose();
    exec.dispose();
  });
});
