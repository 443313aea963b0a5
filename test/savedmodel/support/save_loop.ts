// Child process for the kill-during-save test: saves a model over DIR again and again, each
// version k holding a = k, b = 2k and a 1 MiB tensor filled with k, and prints k after each
// save. Started by test/savedmodel/crash_safe_save.test.ts, which kills it at random moments.
import * as tf from '@tensorflow/tfjs-core';
import { Module, TensorSpec, Variable, ops, ready, saveModel, tfFunction } from '../../../src/index.js';

const [dir, startArg] = process.argv.slice(2);
await ready();
console.log('started');
for (let k = Number(startArg); ; k++) {
  const m = new Module('versioned') as Module & Record<string, unknown>;
  const a = new Variable(tf.scalar(k), { name: 'a' });
  const b = new Variable(tf.scalar(2 * k), { name: 'b' });
  m.a = a;
  m.b = b;
  m.big = new Variable(tf.fill([512, 512], k), { name: 'big' });
  m.__call__ = tfFunction((x: tf.Tensor) => ops.add(ops.mul(x, a), b), { inputSignature: [new TensorSpec([], 'float32', 'x')] });
  await saveModel(m, dir, { signatures: m.__call__ as never });
  console.log(`saved ${k}`);
}
