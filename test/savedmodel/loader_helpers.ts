/** Helpers for the loadModel tests: tf.Example strings, values of result tensors, leak checks. */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFileSystem } from '../../src/io/index.js';
import { tensorflow } from '../../src/proto/index.js';
import { FIXTURES_TF } from '../support/fixtures.js';

/** Serialized tf.Example protos with float features, as a string tensor. */
export function examples(rows: Record<string, number[]>[]): tf.Tensor {
  const bytes = rows.map((r) => tensorflow.Example.encode({
    features: { feature: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { floatList: { value: v } }])) },
  }).finish());
  return tf.tensor(bytes, [bytes.length], 'string');
}

/** Each output's values (nested arrays) and dtype; disposes the outputs. */
export function values(out: Record<string, tf.Tensor>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(out)) {
    r[k] = t.arraySync();
    t.dispose();
  }
  return r;
}

/** A tensor's values, then disposes it. */
export function take(t: unknown): unknown {
  const x = t as tf.Tensor;
  const v = x.arraySync();
  x.dispose();
  return v;
}

/** Runs `fn` `times` times and returns how many tensors were left behind in total. */
export function leakedBy(fn: () => void, times = 3): number {
  fn(); // first call may memoise constants
  const before = tf.memory().numTensors;
  for (let i = 0; i < times; i++) fn();
  return tf.memory().numTensors - before;
}

/** A copy of fixture `name` (`files` plus its saved_model.pb, edited by `edit`) in memory, at /m. */
export async function editedCopy(name: string, files: string[], edit: (sm: tensorflow.SavedModel) => void): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  for (const f of files) await fs.writeFile(join('/m', f), readFileSync(join(FIXTURES_TF, name, f)));
  const sm = tensorflow.SavedModel.decode(readFileSync(join(FIXTURES_TF, name, 'saved_model.pb')));
  edit(sm);
  await fs.writeFile('/m/saved_model.pb', tensorflow.SavedModel.encode(sm).finish());
  return fs;
}
