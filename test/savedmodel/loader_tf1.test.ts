/** loadModel on SavedModels written by TF1 (Builder, Serving): values TensorFlow computes. */
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { loadModel, type LoadedModel } from '../../src/index.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';
import { examples, leakedBy, take, values } from './loader_helpers.js';

const load = (name: string): Promise<LoadedModel> => loadModel(join(FIXTURES_TF, name));

describeWithFixtures('loadModel: TF1 models', () => {
  // y = 0.5x + 2, y2 = 0.5x + 3, y3 = 0.5x2 + 3 (x2 defaults to 0 in tf.Examples)
  test.each(['half_plus_two_v1', 'half_plus_two_v1_mlmd', 'half_plus_two_v1_resource', 'versioned_half_plus_two'])(
    '%s: predict, classify and regress on serialized tf.Examples',
    async (name) => {
      const m = await load(name);
      try {
        expect(Object.keys(m.signatures)).toEqual(expect.arrayContaining(['serving_default', 'classify_x_to_y', 'regress_x_to_y', 'regress_x_to_y2', 'regress_x2_to_y3']));
        expect(m.signatures.classify_x_to_y.methodName).toBe('tensorflow/serving/classify');
        expect(m.signatures.regress_x_to_y.methodName).toBe('tensorflow/serving/regress');
        expect(values(m.signatures.serving_default({ x: [[1], [2], [5]] }))).toEqual({ y: [[2.5], [3], [4.5]] });
        const ex = examples([{ x: [1] }, { x: [3], x2: [4] }]);
        expect(values(m.signatures.classify_x_to_y({ inputs: ex }))).toEqual({ scores: [[2.5], [3.5]] });
        expect(values(m.signatures.regress_x_to_y(ex))).toEqual({ outputs: [[2.5], [3.5]] });
        expect(values(m.signatures.regress_x_to_y2(ex))).toEqual({ outputs: [[3.5], [4.5]] });
        ex.dispose();
        expect(values(m.signatures.regress_x2_to_y3({ inputs: tf.tensor2d([[4], [0]]) }))).toEqual({ outputs: [[5], [3]] });
        const x = tf.tensor2d([[1], [2]]);
        expect(leakedBy(() => tf.dispose(Object.values(m.signatures.serving_default({ x }))))).toBe(0);
        x.dispose();
      } finally {
        m.dispose();
      }
    },
  );

  test('versioned_half_plus_two: a TF Serving base directory loads its highest version', async () => {
    const m = await load('versioned_half_plus_two');
    expect(m.exportDir).toBe(join(FIXTURES_TF, 'versioned_half_plus_two', '00000124'));
    m.dispose();
  });

  test('half_plus_three_v1 (TF 1.0, no shapes in its signatures): y = 0.5x + 3', async () => {
    const m = await load('half_plus_three_v1');
    expect(m.signatures.serving_default.inputs.x).toEqual({ name: 'x:0', dtype: 'float32', shape: null, encoding: 'dense' });
    expect(values(m.signatures.serving_default({ x: 4 }))).toEqual({ y: 5 });
    expect(values(m.signatures.serving_default({ x: [[1, -2]] }))).toEqual({ y: [[3.5, 2]] });
    m.dispose();
  });

  test('half_plus_two_v1_conv: Conv2D/BiasAdd layers on zeros feed the outputs', async () => {
    const m = await load('half_plus_two_v1_conv');
    expect(values(m.signatures.serving_default({ x: [[1], [2]] }))).toEqual({ y: [[2.5], [3]] });
    const out = m.signatures.regress_x2_to_y3({ inputs: [[4]] }).outputs;
    expect(out.shape).toEqual([1, 10, 10, 1]);
    out.dispose();
    m.dispose();
  });

  test('matrix_half_plus_two_v1: no variables at all', async () => {
    const m = await load('matrix_half_plus_two_v1');
    const x = [[[2, 4, 6], [0, 2, 4], [8, 10, 12]]];
    expect(values(m.signatures.serving_default({ x }))).toEqual({ y: [[[3, 4, 5], [2, 3, 4], [6, 7, 8]]] });
    m.dispose();
  });

  test('counter_v1: stateful signatures keep counting across calls', async () => {
    const m = await load('counter_v1');
    const s = m.signatures;
    const out = (k: string, inputs?: Record<string, unknown>): unknown => take(s[k](inputs as Record<string, tf.TensorLike>).output);
    expect(out('get_counter')).toBe(0);
    expect(out('incr_counter')).toBe(1);
    expect(out('incr_counter')).toBe(2);
    expect(out('incr_counter_by', { delta: 5 })).toBe(7);
    expect(out('get_counter')).toBe(7);
    expect(out('reset_counter')).toBe(0);
    expect(out('incr_counter')).toBe(1);
    // a second load starts from the checkpoint again (state is per loaded model)
    const again = await load('counter_v1');
    expect(take(again.signatures.get_counter().output)).toBe(0);
    again.dispose();
    m.dispose();
  });

  test('dispose frees every tensor of the model', async () => {
    const before = tf.memory().numTensors;
    const m = await load('half_plus_two_v1');
    tf.dispose(Object.values(m.signatures.serving_default({ x: [[1]] })));
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => m.signatures.serving_default({ x: [[1]] })).toThrow(/after the model was disposed/);
  });

  test('onProgress reports the checkpoint bytes as they are read', async () => {
    const seen: number[] = [];
    const m = await loadModel(join(FIXTURES_TF, 'half_plus_two_v1'), { onProgress: (p) => seen.push(p.bytesDone / p.bytesTotal) });
    m.dispose();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
