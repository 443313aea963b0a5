/** loadModel's refusals: every failure a caller can cause is a SavedModelError saying what and why. */
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { loadModel, tensorflow, type LoadedModel } from '../../src/index.js';
import { ModelRestoreService } from '../../src/savedmodel/restore_service.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';
import { editedCopy } from './loader_helpers.js';
import { expectRejects, expectThrows } from '../support/errors.js';

describeWithFixtures('loadModel errors', () => {
  let m: LoadedModel;
  beforeAll(async () => {
    m = await loadModel(join(FIXTURES_TF, 'model_multi_output'));
  });
  afterAll(() => m.dispose());

  test('unknown tag set: lists the available ones', async () => {
    await expectRejects(loadModel(join(FIXTURES_TF, 'half_plus_two_v1'), { tags: ['serve', 'gpu'] }), 'NOT_FOUND',
      /MetaGraphDef associated with tags \{'gpu', 'serve'\} could not be found in SavedModel, with available tags '\[\{'serve'\}\]'/);
  });

  test('unknown signature key: lists the keys', () => {
    expectThrows(() => m.signature('predict'), 'NOT_FOUND', /signature 'predict' is not in .*available signatures: 'serving_default'/);
    expect(m.signature('serving_default')).toBe(m.signatures.serving_default);
  });

  test('unknown, missing, mistyped and misshapen inputs', () => {
    const sig = m.signatures.serving_default;
    expectThrows(() => sig({ x: 1, y: 2, z: 3 }), 'INVALID_ARGUMENT', /signature 'serving_default' has no input\(s\) named 'z'; its inputs are 'x', 'y'/);
    expectThrows(() => sig({ x: 1 }), 'INVALID_ARGUMENT', /signature 'serving_default' is missing required input\(s\) 'y'/);
    expectThrows(() => sig(tf.scalar(1, 'int32')), 'INVALID_ARGUMENT', /takes 2 inputs \('x', 'y'\); pass them as a record/);
    const f = tf.scalar(1.5);
    expectThrows(() => sig({ x: f, y: 2 }), 'INVALID_ARGUMENT', /input 'x' expects int32 \(a tfjs int32 tensor\), got a float32 tensor/);
    f.dispose();
    expectThrows(() => sig({ x: 1.5, y: 2 }), 'INVALID_ARGUMENT', /input 'x': int32 expects integers, got 1.5/);
    expectThrows(() => sig({ x: [1, 2], y: 2 }), 'INVALID_ARGUMENT', /input 'x' expects shape \(\), got \(2,\)/);
    expectThrows(() => sig({ x: 'a', y: 2 }), 'INVALID_ARGUMENT', /input 'x': int32 expects integers/);
  });

  test('unsupported ops are named all at once, with their nodes', async () => {
    const fs = await editedCopy('matrix_half_plus_two_v1', [], (sm) => {
      for (const n of sm.metaGraphs[0].graphDef!.node!) {
        if (n.name === 'Mul') n.op = 'FancyMul';
        if (n.name === 'y') n.op = 'FancyAdd';
      }
    });
    await expectRejects(loadModel('/m', { fs }), 'UNIMPLEMENTED', /unsupported TensorFlow op\(s\) FancyAdd, FancyMul; used by .*Mul \(FancyMul, in graph\)/);
  });

  test('a TF2 signature or function reaching unsupported ops refuses to run, naming them all; the rest works', async () => {
    const files = ['variables/variables.index', 'variables/variables.data-00000-of-00001', 'assets/foo.txt'];
    const fs = await editedCopy('half_plus_two_v2', files, (sm) => {
      const f = sm.metaGraphs[0].graphDef!.library!.function!.find((x) => x.signature!.name === '__inference_regress_x2y3_165')!;
      for (const n of f.nodeDef!) {
        if (n.name === 'Mul') n.op = 'FancyMul';
        if (n.name === 'Add') n.op = 'FancyAdd';
      }
    });
    const m = await loadModel('/m', { fs });
    expectThrows(() => m.signatures.regress_x2_to_y3({ inputs: [1] }), 'UNIMPLEMENTED', /signature 'regress_x2_to_y3': unsupported TensorFlow op\(s\) FancyAdd, FancyMul; used by Mul \(FancyMul, in function '__inference_regress_x2y3_165'\)/);
    expectThrows(() => (m.regress_x2y3 as (x: unknown) => unknown)([1]), 'UNIMPLEMENTED', /function '__inference_regress_x2y3_165': unsupported TensorFlow op\(s\) FancyAdd, FancyMul/);
    const y = m.signatures.serving_default({ x: [1] }).y;
    expect(y.arraySync()).toEqual([2.5]);
    y.dispose();
    m.dispose();
  });

  test('asset names that leave the model directory are refused', async () => {
    const files = ['variables/variables.index', 'variables/variables.data-00000-of-00001', 'assets/foo.txt'];
    for (const bad of ['../../secret.txt', '/etc/passwd']) {
      const fs = await editedCopy('half_plus_two_v1', files, (sm) => {
        const mg = sm.metaGraphs[0];
        const any = mg.collectionDef!.saved_model_assets.anyList!.value![0];
        const def = tensorflow.AssetFileDef.decode(any.value!);
        def.filename = bad;
        any.value = tensorflow.AssetFileDef.encode(def).finish();
      });
      await expectRejects(loadModel('/m', { fs }), 'PERMISSION_DENIED', /asset file name '.*' leaves the model's assets\/ directory/);
    }
  });

  test('the restore service reads only the model checkpoint and never writes', async () => {
    const svc = new ModelRestoreService(null);
    await expectRejects(svc.restore('/elsewhere/ckpt', ['a'], [''], ['float32']), 'NOT_FOUND', /has no variables checkpoint/);
    const fs = await editedCopy('half_plus_two_v1', ['variables/variables.index', 'variables/variables.data-00000-of-00001'], () => undefined);
    const { ModelCheckpoint } = await import('../../src/savedmodel/checkpoint_reader.js');
    const own = new ModelRestoreService(await ModelCheckpoint.open(fs, '/m'));
    await expectRejects(own.restore('/m/../etc/ckpt', ['a'], [''], ['float32']), 'PERMISSION_DENIED', /may read only the model's own checkpoint/);
    await expectRejects(own.save('/m/variables/variables'), 'PERMISSION_DENIED', /never writes/);
    const [a] = await own.restore('/m/variables/variables', ['a'], [''], ['float32']);
    expect(a.arraySync()).toBe(0.5);
    a.dispose();
    await expectRejects(own.restore('/m/variables/variables', ['a'], [''], ['int32']), 'INVALID_ARGUMENT', /tensor 'a' is float32, expected int32/);
  });

  test('what is not a loadable SavedModel', async () => {
    await expectRejects(loadModel(join(FIXTURES_TF, 'keras_text_regression_partial')), 'NOT_FOUND', /SavedModel file does not exist/);
    await expectRejects(loadModel(join(FIXTURES_TF, 'legacy_meta_graph_v1_checkpoint')), 'UNIMPLEMENTED', /legacy TF Serving session bundle/);
    await expectRejects(loadModel(join(FIXTURES_TF, 'no_such_model')), 'NOT_FOUND', /does not exist/);
    const fs = await editedCopy('half_plus_two_v1', [], () => undefined);
    await fs.writeFile('/m/variables/variables', new Uint8Array(16));
    await expectRejects(loadModel('/m', { fs }), 'UNIMPLEMENTED', /a V1 \(TensorSlice\) checkpoint/);
  });
});
