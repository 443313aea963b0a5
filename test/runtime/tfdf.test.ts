/**
 * TF-DF ops on decision forests trained and saved by Yggdrasil (interop/gen/tfdf_models.py):
 * predictions must match YDF's own within 1e-5.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef, placeholderNode } from '../../src/graph/build.js';
import { NodeFileSystem } from '../../src/io/node.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { hostStrings } from '../../src/runtime/kernels/host.js';

beforeAll(() => ensureBackend());

const DIR = join(__dirname, '..', 'fixtures', 'tfdf');

interface ModelGolden {
  numerical: (number | string)[][];
  boolean: number[][];
  categorical: number[][];
  dense_output_dim: number;
  predictions: number[][];
  classes: string[];
}
const goldens = JSON.parse(readFileSync(join(DIR, 'goldens.json'), 'utf8')) as { prefix: string; models: Record<string, ModelGolden> };

const num = (v: number | string): number => (v === 'NaN' ? NaN : Number(v));

/** The graph TF-DF's Keras export produces, reduced to the three ops. */
function forestGraph(dim: number) {
  return {
    node: [
      nodeDef('model', 'SimpleMLCreateModelResource', [], { shared_name: attr.s('forest') }),
      placeholderNode('path', 'string'),
      nodeDef('load', 'SimpleMLLoadModelFromPathWithHandle', ['model', 'path'], { file_prefix: attr.s(goldens.prefix) }),
      placeholderNode('num', 'float32'), placeholderNode('bool', 'float32'), placeholderNode('cat', 'int32'),
      placeholderNode('setv', 'int32'), placeholderNode('s1', 'int64'), placeholderNode('s2', 'int64'),
      nodeDef('predict', 'SimpleMLInferenceOpWithHandle', ['num', 'bool', 'cat', 'setv', 's1', 's2', 'model'], { dense_output_dim: attr.i(dim) }),
    ],
  };
}

describe('TF-DF inference matches Yggdrasil', () => {
  test.each(Object.keys(goldens.models))('%s', async (name) => {
    const g = goldens.models[name];
    const exec = new Executor(forestGraph(g.dense_output_dim), { fs: new NodeFileSystem() });
    const path = tf.scalar(join(DIR, name), 'string');
    await exec.runAsync({ path }, [], ['load']);
    const b = g.numerical.length;
    const feeds = {
      num: tf.tensor2d(g.numerical.flat().map(num), [b, g.numerical[0].length]),
      bool: tf.tensor2d(g.boolean.flat(), [b, g.boolean[0].length]),
      cat: tf.tensor2d(g.categorical.flat(), [b, g.categorical[0].length], 'int32'),
      setv: tf.tensor1d([], 'int32'), s1: tf.tensor1d([0], 'int32'), s2: tf.tensor1d([0], 'int32'),
    };
    const before = tf.memory().numTensors;
    const [pred, cols] = exec.run(feeds, ['predict:0', 'predict:1']);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(pred.shape).toEqual([b, g.dense_output_dim]);
    const got = pred.dataSync();
    g.predictions.flat().forEach((want, i) => expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(1e-5 * Math.abs(want) + 1e-6));
    expect(hostStrings(cols).map((x) => new TextDecoder().decode(x))).toEqual(g.classes);
    tf.dispose([pred, cols, path, ...Object.values(feeds)]);
    exec.resources.dispose();
    exec.dispose();
  });

  test('inference before loading, and a missing model directory, are SavedModelErrors', async () => {
    const exec = new Executor(forestGraph(2), { fs: new MemoryFileSystem() });
    const feeds = {
      num: tf.zeros([1, 2]), bool: tf.zeros([1, 1]), cat: tf.zeros([1, 1], 'int32'),
      setv: tf.tensor1d([], 'int32'), s1: tf.tensor1d([0], 'int32'), s2: tf.tensor1d([0], 'int32'),
    };
    expect(() => exec.run(feeds, ['predict:0'])).toThrow(/was not loaded/);
    const path = tf.scalar('/nowhere', 'string');
    await expect(exec.runAsync({ path }, [], ['load'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    tf.dispose([path, ...Object.values(feeds)]);
    exec.resources.dispose();
    exec.dispose();
  });
});
