/**
 * The guide's loading step: every SavedModel of the previous steps (`DIR/saved-model-builder`,
 * `simple-save`, `estimator-model`, `tf2-save`) loaded with the TF1 loader
 * (`v1.savedModel.load` + `Session.run` by the signature's tensor names) and with `loadModel`
 * (the signature called as a function).
 *
 *   npx tsx examples/v1_load.ts [DIR]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY, loadModel, v1 } from '../src/index.js';
import { outDir, show } from './guide_format.js';

async function loadTf1(path: string, input: number | number[]): Promise<void> {
  console.log('Loading from', path);
  const sess = new v1.Session(new v1.Graph());
  const metaGraph = await v1.savedModel.load(sess, ['serve'], path);
  const sigDef = metaGraph.signatureDef![DEFAULT_SERVING_SIGNATURE_DEF_KEY];
  const inputName = sigDef.inputs!.input.name!;
  const outputName = sigDef.outputs!.output.name!;
  console.log('  Output with input', show(input), ': ', show(sess.run(outputName, { [inputName]: input })!));
  sess.close();
}

async function loadTf2(path: string, input: number | number[]): Promise<void> {
  console.log('Loading from', path);
  const loaded = await loadModel(path);
  const out = loaded.signatures[DEFAULT_SERVING_SIGNATURE_DEF_KEY](tf.tensor(input)).output;
  console.log('  Output with input', show(input), ': ', show(out));
  loaded.dispose();
}

const dir = outDir();
await v1.ready();
const models: Array<[string, number | number[]]> = [
  ['saved-model-builder', 5],
  ['simple-save', 5],
  ['estimator-model', [5]], // Estimator's input must be batched.
  ['tf2-save', 5],
];
console.log('-- with the TF1 loader (v1.savedModel.load + Session.run by tensor names)');
for (const [name, input] of models) {
  const path = join(dir, name);
  if (!existsSync(path)) {
    console.log(`(${path} is missing: run its step first)`);
    continue;
  }
  await loadTf1(path, input);
}
console.log('-- with loadModel (signatures as functions)');
for (const [name, input] of models) {
  const path = join(dir, name);
  if (existsSync(path)) await loadTf2(path, input);
}
