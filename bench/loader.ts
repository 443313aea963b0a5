/**
 * Loader benchmark (npm run bench:loader): time to load TensorFlow-written SavedModels with
 * loadModel (median of several loads) and the per-call cost of a signature and of a restored
 * function versus the bare executor run of the same computation; tensors left after the calls.
 */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../src/index.js';
import { ensureBackend } from '../src/runtime/backend.js';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'tf');
const GEN = join(import.meta.dirname, '..', 'test', 'fixtures', 'tf-generated', '2.21.0');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function loadMs(dir: string, times = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const m = await loadModel(dir);
    ms.push(performance.now() - t0);
    m.dispose();
  }
  return median(ms);
}

function perCallUs(fn: () => void, iters = 5000): number {
  for (let i = 0; i < 2000; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) fn();
  return ((performance.now() - t0) * 1000) / iters;
}

await ensureBackend();
console.log('load (median of 5):');
for (const [label, dir] of [
  ['half_plus_two_v1 (TF1)', join(SHARED, 'half_plus_two_v1')],
  ['half_plus_two_v2 (TF2)', join(SHARED, 'half_plus_two_v2')],
  ['keras_mlp', join(GEN, 'keras_mlp')],
  ['keras_cnn', join(GEN, 'keras_cnn')],
  ['keras_transformer', join(GEN, 'keras_transformer')],
  ['keras_lstm', join(GEN, 'keras_lstm')],
] as const) {
  if (existsSync(dir)) console.log(`  ${label.padEnd(24)} ${(await loadMs(dir)).toFixed(1)} ms`);
}

const dir = join(SHARED, 'times_three_float');
if (existsSync(dir)) {
  const m = await loadModel(dir);
  const x = tf.scalar(2);
  const sig = m.signatures.serving_default;
  const call = m.__call__ as (x: tf.Tensor) => tf.Tensor;
  const before = tf.memory().numTensors;
  const sigUs = perCallUs(() => tf.dispose(Object.values(sig({ x }))));
  const fnUs = perCallUs(() => call(x).dispose());
  const plainUs = perCallUs(() => tf.dispose(Object.values(sig({ x: 2 }))));
  const three = tf.scalar(3);
  const directUs = perCallUs(() => tf.mul(x, three).dispose());
  three.dispose();
  console.log(`times_three_float (x · v): direct tf.mul ${directUs.toFixed(1)} µs/call; signature ${sigUs.toFixed(1)} µs (${plainUs.toFixed(1)} µs with a plain number input); restored __call__ ${fnUs.toFixed(1)} µs; tensors left: ${tf.memory().numTensors - before}`);
  x.dispose();
  m.dispose();
}
