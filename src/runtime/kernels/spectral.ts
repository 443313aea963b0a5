/**
 * Kernels: FFT, IFFT, RFFT, IRFFT over the innermost dimension (definitions:
 * src/graph/ops/spectral.ts), computed by src/runtime/fft.ts on real/imaginary parts; complex64
 * tensors come from src/runtime/complex_wasm.ts. RFFT/IRFFT crop the innermost dimension to
 * `fft_length` (IRFFT: to fft_length/2 + 1 coefficients) and reject shorter inputs, as TF does.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { registerComplexKernels } from '../complex_wasm.js';
import { dft, irdft, rdft, type MatrixCache, type Parts } from '../fft.js';

registerComplexKernels();

/** The node's DFT-matrix cache, freed with its executor. */
function cacheOf(ctx: KernelContext): MatrixCache {
  const map = ctx.memo(() => new Map<string, tf.Tensor>());
  return (key, build) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = ctx.own(build())));
    return t;
  };
}

/** `t` with its innermost dimension cut to `len` (TF's ops do not pad: tf.signal pads before them). */
function cropLast(t: tf.Tensor, len: number, ctx: KernelContext): tf.Tensor {
  const n = t.shape[t.rank - 1];
  if (n < len) throw ctx.error('INVALID_ARGUMENT', `Input dimension ${t.rank - 1} must have length of at least ${len} but got: ${n}`);
  return n === len ? t : tf.slice(t, new Array<number>(t.rank).fill(0), [...t.shape.slice(0, -1), len]);
}

function parts(x: tf.Tensor): Parts {
  return [tf.real(x), tf.imag(x)];
}

function fftLength(t: tf.Tensor, ctx: KernelContext): number {
  const n = t.size === 1 ? (t.dataSync()[0] as number) : -1;
  if (n < 1) throw ctx.error('INVALID_ARGUMENT', `fft_length must hold one positive length, got [${Array.from(t.dataSync()).join(',')}]`);
  return n;
}

function checkRank(x: tf.Tensor, ctx: KernelContext): void {
  if (x.rank < 1) throw ctx.error('INVALID_ARGUMENT', 'input must be at least 1-D');
}

function complexFft(inverse: boolean) {
  return ([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    checkRank(x, ctx);
    if (x.size === 0) return tf.clone(x);
    const cache = cacheOf(ctx);
    return tf.tidy(() => {
      const [re, im] = dft(parts(x).map((p) => tf.reshape(p, [-1, x.shape[x.rank - 1]])) as Parts, inverse, cache);
      return tf.reshape(tf.complex(re, im), x.shape);
    });
  };
}

export const spectralKernels: KernelTable = {
  FFT: complexFft(false),
  IFFT: complexFft(true),
  RFFT: ([x, len], ctx) => {
    checkRank(x, ctx);
    const n = fftLength(len, ctx);
    const cache = cacheOf(ctx);
    const m = Math.floor(n / 2) + 1;
    return tf.tidy(() => {
      const [re, im] = rdft(tf.reshape(cropLast(x, n, ctx), [-1, n]), m, cache);
      return tf.reshape(tf.complex(re, im), [...x.shape.slice(0, -1), m]);
    });
  },
  IRFFT: ([x, len], ctx) => {
    checkRank(x, ctx);
    const n = fftLength(len, ctx);
    const cache = cacheOf(ctx);
    const m = Math.floor(n / 2) + 1;
    return tf.tidy(() => {
      const [re, im] = parts(x).map((p) => tf.reshape(cropLast(p, m, ctx), [-1, m]));
      return tf.reshape(irdft([re, im], n, cache), [...x.shape.slice(0, -1), n]);
    });
  },
};
