/**
 * Many async callers on loaded models: results stay correct, stateful signatures give exact
 * totals, models loaded side by side keep separate state, and nothing leaks.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel, type LoadedModel } from '../../src/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { FIXTURES_TF, describeWithFixtures, TF_GENERATED } from '../support/fixtures.js';

const GENERATED = join(TF_GENERATED, '2.21.0');
const value = (outputs: Record<string, tf.Tensor>, key = 'output') => {
  const v = outputs[key].dataSync()[0];
  tf.dispose(Object.values(outputs));
  return v;
};
/** Yields to the event loop a random number of times, so callers interleave. */
const jitter = async (i: number) => { for (let k = 0; k < (i * 7919) % 5; k++) await new Promise((r) => setImmediate(r)); };

beforeAll(() => ensureBackend());

describeWithFixtures('counter_v1 under concurrent callers', () => {
  test('exact totals from 300 interleaved increments', async () => {
    const model = await loadModel(join(FIXTURES_TF, 'counter_v1'));
    try {
      // One warm-up call each: a signature's first run materialises its graph constants once.
      value(model.signatures.incr_counter({}));
      value(model.signatures.incr_counter_by({ delta: 1 }));
      value(model.signatures.reset_counter({}));
      const baseline = tf.memory().numTensors;
      const tasks = Array.from({ length: 300 }, async (_, i) => {
        await jitter(i);
        return i % 3 === 0 ? value(model.signatures.incr_counter({})) : value(model.signatures.incr_counter_by({ delta: (i % 7) + 0.5 }));
      });
      const seen = await Promise.all(tasks);
      let expected = 0;
      for (let i = 0; i < 300; i++) expected += i % 3 === 0 ? 1 : (i % 7) + 0.5;
      expect(value(model.signatures.get_counter({}))).toBe(expected);
      // Every increment saw a distinct running total: no two callers observed the same state.
      expect(new Set(seen).size).toBe(300);
      expect(Math.max(...seen)).toBe(expected);
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      model.dispose();
    }
  });

  test('two loads of one directory keep separate state', async () => {
    const [a, b] = await Promise.all([loadModel(join(FIXTURES_TF, 'counter_v1')), loadModel(join(FIXTURES_TF, 'counter_v1'))]);
    try {
      value(a.signatures.reset_counter({}));
      value(b.signatures.reset_counter({}));
      await Promise.all(Array.from({ length: 20 }, async (_, i) => { await jitter(i); value(a.signatures.incr_counter({})); }));
      value(b.signatures.incr_counter_by({ delta: 5 }));
      expect(value(a.signatures.get_counter({}))).toBe(20);
      expect(value(b.signatures.get_counter({}))).toBe(5);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

describe('a Keras MLP under concurrent callers', () => {
  let model: LoadedModel;
  beforeAll(async () => { model = await loadModel(join(GENERATED, 'keras_mlp')); });
  afterAll(() => model.dispose());

  test('100 interleaved calls with different inputs equal the sequential results', async () => {
    const baseline = tf.memory().numTensors;
    const input = (i: number) => [[i / 10, -i / 7, (i % 5) / 3, 1 - i / 50]];
    const run = (i: number) => {
      const out = model.signatures.serving_default({ features: input(i) });
      const probs = Array.from(out.probs.dataSync());
      tf.dispose(Object.values(out));
      return probs;
    };
    const sequential = Array.from({ length: 100 }, (_, i) => run(i));
    const concurrent = await Promise.all(Array.from({ length: 100 }, async (_, i) => { await jitter(i); return run(i); }));
    expect(concurrent).toEqual(sequential);
    // Softmax outputs: each row sums to 1.
    for (const p of sequential) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('8 concurrent loads of one model all compute the same, and dispose frees everything', async () => {
    const before = tf.memory().numTensors;
    const models = await Promise.all(Array.from({ length: 8 }, () => loadModel(join(GENERATED, 'keras_mlp'))));
    const outs = models.map((m) => {
      const o = m.signatures.serving_default({ features: [[0.1, 0.2, 0.3, 0.4]] });
      const v = Array.from(o.probs.dataSync());
      tf.dispose(Object.values(o));
      return v;
    });
    for (const o of outs) expect(o).toEqual(outs[0]);
    models.forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
