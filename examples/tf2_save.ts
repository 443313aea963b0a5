/**
 * The guide's TF2 saving story in TypeScript ("Migrate the SavedModel workflow", TF2 section):
 * a Module whose `__call__` adds two, a `serving_default` signature from a concrete function,
 * saved as a SavedModel TensorFlow loads (`tf.saved_model.load`, TF Serving, saved_model_cli),
 * then loaded back here and called.
 *
 *   npx tsx examples/tf2_save.ts [export_dir]
 */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY, Module, TensorSpec, loadModel, ops, saveModel, tfFunction } from '../src/index.js';

function addTwo(input: tf.Tensor): tf.Tensor {
  return ops.add(input, 2);
}

class MyModel extends Module {
  // `__call__` is what Python sees as the callable module: loaded(5.)
  __call__ = tfFunction(function __call__(input: tf.Tensor) {
    return addTwo(input);
  });
}

async function main(): Promise<void> {
  await tf.ready(); // the WASM backend computes the eager values
  const exportDir = process.argv[2] ?? 'tf2-save';
  const model = new MyModel();

  const servingDefault = tfFunction(function serving_default(input: tf.Tensor) {
    return { output: model.__call__(input) };
  });
  const signatureFunction = servingDefault.getConcreteFunction(new TensorSpec([], 'float32'));
  await saveModel(model, exportDir, { signatures: { [DEFAULT_SERVING_SIGNATURE_DEF_KEY]: signatureFunction } });
  console.log(`saved ${exportDir}`);

  const loaded = await loadModel(exportDir);
  const viaCall = (loaded.__call__ as (x: tf.Tensor) => tf.Tensor)(tf.scalar(5));
  const viaSignature = loaded.signatures[DEFAULT_SERVING_SIGNATURE_DEF_KEY]({ input: tf.scalar(5) });
  console.log(`loaded(5.) = ${viaCall.dataSync()[0].toFixed(1)}`);
  console.log(`loaded.signatures['serving_default'](input=5.) = { output: ${viaSignature.output.dataSync()[0].toFixed(1)} }`);
  loaded.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
