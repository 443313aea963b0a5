/**
 * The guide's TF1 step 3: an Estimator-style export (`DIR/estimator-model`). The serving input
 * receiver is the raw-tensor one `build_raw_serving_input_receiver_fn({'input': tf.constant(3.)})`
 * builds (a batched `input` placeholder); the model adds two; the export output is a
 * PredictOutput, served as `serving_default`. The Estimator's global step (here 1, one training
 * step) is saved with it.
 *
 *   npx tsx examples/v1_estimator.ts [DIR]
 */
import { join } from 'node:path';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY, ops, v1 } from '../src/index.js';
import { outDir } from './guide_format.js';

await v1.ready();
const graph = new v1.Graph();
// build_raw_serving_input_receiver_fn({'input': tf.constant(3.)}): a placeholder shaped [batch].
const receiver = v1.estimator.buildRawServingInputReceiver(graph, { input: { dtype: 'float32', shape: [] } });
const output = ops.add(receiver.features.input, 2);
const path = await v1.estimator.exportSavedModel(join(outDir(), 'estimator-model'), {
  servingInputReceiver: receiver,
  exportOutputs: { [DEFAULT_SERVING_SIGNATURE_DEF_KEY]: new v1.estimator.PredictOutput({ output }) },
  globalStep: 1,
});
console.log('SavedModel written to:', path);
