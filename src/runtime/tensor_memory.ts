/**
 * Tensors whose bytes are written in place: on the WASM backend a new tensor's storage is
 * allocated in WebAssembly memory without being filled, and its bytes are exposed as a view so a
 * file read can land there directly (no JS buffer, no copy into the heap). Used to restore
 * checkpoint variables (and, the other way, to copy variables out for saving without
 * tfjs's read copies); other backends get null and take the ordinary path.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** A tensor under construction: `bytes()` is its storage (fetch it again after any await). */
export interface UnfilledTensor {
  readonly tensor: tf.Tensor;
  /** The tensor's bytes as a view of backend memory, valid until memory grows (it is then detached). */
  bytes(): Uint8Array;
}

/**
 * A new tensor of `shape` and `dtype` ('float32', 'int32' or 'bool') whose storage is allocated
 * but not initialised — the caller must fill `bytes()` before the tensor is used — or null when
 * the active backend does not keep tensors in WebAssembly memory.
 */
export function unfilledTensor(shape: readonly number[], dtype: 'float32' | 'int32' | 'bool'): UnfilledTensor | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as BackendWasm;
  const dims = [...shape];
  const dataId = backend.write(null, dims, dtype);
  const tensor = tf.engine().makeTensorFromDataId(dataId, dims, dtype, backend);
  return {
    tensor,
    bytes: () => {
      const a = backend.typedArrayFromHeap(tensor);
      return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    },
  };
}

/** tfjs dtypes whose storage is exactly their TF checkpoint bytes. */
const RAW_DTYPES: ReadonlySet<string> = new Set(['float32', 'int32', 'bool']);

/**
 * The bytes of tensor `t` (float32, int32 or bool) as a view of WebAssembly memory, or null on
 * other backends and dtypes. The view is valid only until the next tensor allocation: copy it
 * before anything else runs.
 */
export function tensorBytesView(t: tf.Tensor): Uint8Array | null {
  if (tf.getBackend() !== 'wasm' || !RAW_DTYPES.has(t.dtype) || t.isDisposed) return null;
  const backend = tf.backend() as BackendWasm;
  if (!backend.dataIdMap.has(t.dataId)) return null;
  const a = backend.typedArrayFromHeap(t);
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
