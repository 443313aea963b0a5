/**
 * The tfjs backend the runtime computes on: @tensorflow/tfjs-backend-wasm. In Node the backend
 * finds its .wasm binaries next to its own module in node_modules, so no path setup is needed.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerGradients } from './gradients.js';

let pending: { name: string; promise: Promise<void> } | undefined;

/**
 * Makes `name` (default the WASM backend) the active tfjs backend. Cheap when it already is;
 * concurrent callers share one initialisation. Call it (await) before running graphs.
 */
export function ensureBackend(name = 'wasm'): Promise<void> {
  registerGradients();
  if (pending?.name === name) return pending.promise;
  if (tf.getBackend() === name) return Promise.resolve();
  const promise = tf.setBackend(name).then((ok) => {
    if (!ok) {
      pending = undefined;
      throw new Error(`tfjs backend '${name}' failed to initialise`);
    }
  });
  pending = { name, promise };
  return promise;
}
