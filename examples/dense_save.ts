/**
 * A module with Dense-like variables (the guide's `model.dense_layer`): kernel and bias
 * Variables in a submodule, a `__call__` with an input signature that doubles as the
 * `serving_default` signature. In Python, `loaded.dense_layer.kernel` reads the saved kernel.
 *
 *   npx tsx examples/dense_save.ts [export_dir]
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module, TensorSpec, Variable, loadModel, ops, saveModel, tfFunction } from '../src/index.js';

class Dense extends Module {
  readonly kernel: Variable;
  readonly bias: Variable;

  constructor(inputs: number, units: number) {
    super();
    // deterministic "initializer" so the example prints the same numbers every run
    this.kernel = new Variable(tf.tidy(() => tf.reshape(tf.linspace(-1, 1, inputs * units), [inputs, units])), { name: 'kernel' });
    this.bias = new Variable(tf.tensor1d(Array.from({ length: units }, (_, i) => 0.1 * (i + 1))), { name: 'bias' });
  }

  apply(x: tf.Tensor): tf.Tensor {
    return ops.relu(ops.biasAdd(ops.matMul(x, this.kernel), this.bias));
  }
}

class Model extends Module {
  dense_layer = new Dense(4, 3);
  __call__ = tfFunction((x: tf.Tensor) => this.dense_layer.apply(x), { inputSignature: [new TensorSpec([null, 4], 'float32', 'x')] });
}

async function main(): Promise<void> {
  await tf.ready(); // the WASM backend computes the eager values
  const exportDir = process.argv[2] ?? 'dense-save';
  const model = new Model();
  const x = tf.tensor2d([[1, 2, 3, 4], [-1, 0.5, 0, 2]]);
  console.log('eager:', JSON.stringify(model.__call__(x).arraySync()));

  await saveModel(model, exportDir, { signatures: model.__call__, onProgress: (p) => console.log(`saving: ${p.tensorsDone}/${p.tensorsTotal} variables, ${p.bytesDone}/${p.bytesTotal} bytes`) });
  console.log(`saved ${exportDir} (variables: ${model.variables.map((v) => v.name).join(', ')})`);

  const loaded = await loadModel(exportDir);
  const kernel = ((loaded.dense_layer as Record<string, unknown>).kernel as { value(): tf.Tensor }).value();
  console.log('loaded.dense_layer.kernel:', JSON.stringify(kernel.arraySync()));
  console.log('loaded signature:', JSON.stringify(loaded.signatures.serving_default({ x }).output_0.arraySync()));
  loaded.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
