/**
 * The tfjs backend the runtime computes on: @tensorflow/tfjs-backend-wasm. In Node the backend
 * finds its .wasm binaries next to its own module in node_modules, so no path setup is needed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerGradients } from './gradients.js';

let pending: { name: string; promise: Promise<void> } | undefined;
let wasmPathsSet = false;

/**
 * Where the browser finds the backend's .wasm files: a URL prefix (ending in '/') or a map of
 * file name → URL. The browser bundle sets its own folder by default; call this before the
 * first model load to host the binaries elsewhere. Not needed in Node.
 */
export function setWasmLocation(prefixOrFileMap: string | Record<string, string>): void {
  setWasmPaths(prefixOrFileMap);
  wasmPathsSet = true;
}

/** The browser bundle's banner records its own URL here (see scripts/build-browser.mjs). */
function bundledWasmBase(): string | undefined {
  const base = (globalThis as { __SAVEDMODEL_WASM_BASE__?: unknown }).__SAVEDMODEL_WASM_BASE__;
  return typeof base === 'string' ? base : undefined;
}

/**
 * Makes `name` (default the WASM backend) the active tfjs backend. Cheap when it already is;
 * concurrent callers share one initialisation. Call it (await) before running graphs.
 */
export function ensureBackend(name = 'wasm'): Promise<void> {
  registerGradients();
  if (pending?.name === name) return pending.promise;
  if (tf.getBackend() === name) return Promise.resolve();
  const base = bundledWasmBase();
  if (name === 'wasm' && !wasmPathsSet && base !== undefined) setWasmLocation(base);
  const promise = tf.setBackend(name).then((ok) => {
    if (!ok) {
      pending = undefined;
      throw new Error(`tfjs backend '${name}' failed to initialise`);
    }
  });
  pending = { name, promise };
  return promise;
}

/**
 * Resolves when the WASM backend is initialised, like `tf.ready()`. Loading a model does this by
 * itself; call it before creating `Variable`s or calling ops eagerly.
 */
export function ready(): Promise<void> {
  return ensureBackend();
}
