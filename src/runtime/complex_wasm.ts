/**
 * complex64 tensors on the WASM backend. tfjs-backend-wasm 4.22 has no complex support: no
 * `Complex`/`Real`/`Imag`/`ComplexAbs` kernels, and its `readSync`/`typedArrayFromHeap` reject
 * the dtype. This module adds them: a complex64 tensor lives in WASM memory as interleaved
 * float32 pairs `[re0, im0, re1, im1, …]` (8 bytes an element, the size tfjs-core already counts,
 * and TensorFlow's own layout), read back by `dataSync()` as a Float32Array of twice the size,
 * as on tfjs's CPU backend. `tf.complex`, `tf.real`, `tf.imag`, `tf.abs`, `tf.clone`,
 * `tf.reshape` (and what only reshapes) then work on complex64; other tfjs kernels do not
 * accept it, so complex math is written on real/imaginary parts (see kernels/spectral.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Args = { inputs: Record<string, tf.TensorInfo>; backend: BackendWasm };

/** The WASM heap (the module typings leave out Emscripten's HEAPU8). */
function heap(backend: BackendWasm): Uint8Array {
  return (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
}

/** The float32 view of a tensor's WASM memory: `2 × size` floats for complex64. */
function floats(backend: BackendWasm, t: tf.TensorInfo): Float32Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  const n = tf.util.sizeFromShape(t.shape) * (t.dtype === 'complex64' ? 2 : 1);
  return new Float32Array(heap(backend).buffer, memoryOffset, n);
}

function expectDtype(t: tf.TensorInfo, dtype: tf.DataType, kernel: string): void {
  if (t.dtype !== dtype) throw new Error(`${kernel} expects a ${dtype} tensor, got ${t.dtype}`);
}

function complexKernel({ inputs, backend }: Args): tf.TensorInfo {
  const { real, imag } = inputs;
  expectDtype(real, 'float32', 'Complex');
  expectDtype(imag, 'float32', 'Complex');
  const out = backend.makeOutput(real.shape, 'complex64');
  // views are taken after the allocation: it may grow (and so replace) the WASM memory buffer
  const re = floats(backend, real);
  const im = floats(backend, imag);
  const dst = floats(backend, out);
  for (let i = 0, j = 0; i < re.length; i++, j += 2) {
    dst[j] = re[i];
    dst[j + 1] = im[i];
  }
  return out;
}

/** A kernel reading one float32 value per complex element. */
function partKernel(name: string, part: (re: number, im: number) => number) {
  return ({ inputs, backend }: Args): tf.TensorInfo => {
    const x = inputs.input ?? inputs.x;
    expectDtype(x, 'complex64', name);
    const out = backend.makeOutput(x.shape, 'float32');
    const src = floats(backend, x);
    const dst = floats(backend, out);
    for (let i = 0, j = 0; i < dst.length; i++, j += 2) dst[i] = part(src[j], src[j + 1]);
    return out;
  };
}

let registered = false;

/** Adds complex64 support to the WASM backend (idempotent; safe before the backend starts). */
export function registerComplexKernels(): void {
  if (registered) return;
  registered = true;
  const proto = BackendWasm.prototype;
  const readSync = proto.readSync;
  proto.readSync = function (this: BackendWasm, dataId: object, start?: number, end?: number) {
    const d = this.dataIdMap.get(dataId);
    if (d?.dtype !== 'complex64') return readSync.call(this, dataId, start, end);
    const s = (start ?? 0) * 8;
    const e = (end ?? tf.util.sizeFromShape(d.shape)) * 8;
    return new Float32Array(heap(this).slice(d.memoryOffset + s, d.memoryOffset + e).buffer);
  };
  const fromHeap = proto.typedArrayFromHeap;
  proto.typedArrayFromHeap = function (this: BackendWasm, t: tf.TensorInfo) {
    return t.dtype === 'complex64' ? floats(this, t) : fromHeap.call(this, t);
  };
  const kernels: [string, (a: Args) => tf.TensorInfo][] = [
    ['Complex', complexKernel],
    ['Real', partKernel('Real', (re) => re)],
    ['Imag', partKernel('Imag', (_, im) => im)],
    ['ComplexAbs', partKernel('ComplexAbs', (re, im) => Math.sqrt(re * re + im * im))],
  ];
  for (const [kernelName, fn] of kernels) {
    if (tf.getKernel(kernelName, 'wasm')) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: fn as unknown as tf.KernelFunc });
  }
}
