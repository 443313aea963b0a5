/**
 * Discrete Fourier transforms on tfjs ops (the WASM backend has no FFT kernels), on split
 * real/imaginary float32 tensors of shape [batch, n]. Small sizes are one matrix product with a
 * DFT matrix (real and imaginary parts side by side: [re | im] · [[C, ∓S], [±S, C]]); larger
 * composite sizes use the four-step factorisation n = n1·n2 (DFTs of n1 and n2 points, twiddle
 * factors and transposes), recursively. Matrices are built once per size in float64 from exact
 * integer phases (j·k mod n) and kept in a cache the caller owns.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Returns the cached tensor for `key`, building (and keeping) it on first use. */
export type MatrixCache = (key: string, build: () => tf.Tensor) => tf.Tensor;

/** Sizes up to this are one matrix product. */
const DIRECT_MAX = 256;
/** Largest direct size for lengths that do not factor (primes): its matrix has (2n)² floats. */
const PRIME_MAX = 4096;

/** A complex tensor as real and imaginary float32 parts of the same shape. */
export type Parts = [tf.Tensor, tf.Tensor];

/** Fills a float32 matrix of `rows`×`cols` from a function of (row, col). */
function matrix(rows: number, cols: number, f: (r: number, c: number) => number): tf.Tensor {
  const v = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) v[r * cols + c] = f(r, c);
  return tf.tensor2d(v, [rows, cols]);
}

/** cos and sin of 2π·(a·b mod n)/n, exact in the phase. */
function phase(a: number, b: number, n: number): [number, number] {
  const t = (2 * Math.PI * ((a * b) % n)) / n;
  return [Math.cos(t), Math.sin(t)];
}

/** The [2n, 2n] real matrix of an n-point DFT acting on [re | im] rows; inverse is scaled by 1/n. */
function dftMatrix(n: number, inverse: boolean): tf.Tensor {
  const s = inverse ? 1 : -1; // sign of the exponent
  const scale = inverse ? 1 / n : 1;
  return matrix(2 * n, 2 * n, (r, c) => {
    const [cos, sin] = phase(r % n, c % n, n);
    const fromIm = r >= n;
    const toIm = c >= n;
    // Y = X·(cos + i·s·sin): re←re cos, re←im (−s·sin), im←re s·sin, im←im cos
    const v = fromIm === toIm ? cos : fromIm ? -s * sin : s * sin;
    return v * scale;
  });
}

function smallestFactor(n: number): number {
  let best = 1;
  for (let f = 2; f * f <= n; f++) if (n % f === 0) best = f;
  return best;
}

function complexMul([a, b]: Parts, [c, d]: Parts): Parts {
  return [tf.sub(tf.mul(a, c), tf.mul(b, d)), tf.add(tf.mul(a, d), tf.mul(b, c))];
}

/** The DFT (inverse: scaled by 1/n) along the last axis of [batch, n] parts. Call inside tf.tidy. */
export function dft([re, im]: Parts, inverse: boolean, cache: MatrixCache): Parts {
  const n = re.shape[1]!;
  const batch = re.shape[0]!;
  if (n === 1) return [tf.clone(re), tf.clone(im)];
  const n1 = n > DIRECT_MAX ? smallestFactor(n) : 1;
  if (n1 === 1) {
    if (n > PRIME_MAX) throw new Error(`FFT length ${n} has no factor and is above ${PRIME_MAX}`);
    const m = cache(`dft:${n}:${inverse}`, () => dftMatrix(n, inverse));
    const y = tf.matMul(tf.concat([re, im], 1), m);
    return [tf.slice(y, [0, 0], [batch, n]), tf.slice(y, [0, n], [batch, n])];
  }
  // four-step: j = j1·n2 + j2, k = k1 + n1·k2
  const n2 = n / n1;
  const toCols = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [batch, n1, n2]), [0, 2, 1]), [batch * n2, n1]);
  const a = dft([toCols(re), toCols(im)], inverse, cache); // [batch·n2 (j2), n1 (k1)]
  const tw: Parts = [
    cache(`twr:${n1}:${n2}`, () => matrix(n2, n1, (j2, k1) => phase(j2, k1, n)[0])),
    cache(`twi:${n1}:${n2}:${inverse}`, () => matrix(n2, n1, (j2, k1) => (inverse ? 1 : -1) * phase(j2, k1, n)[1])),
  ];
  const twisted = complexMul(a.map((t) => tf.reshape(t, [batch, n2, n1])) as Parts, tw);
  const toRows = (t: tf.Tensor) => tf.reshape(tf.transpose(t, [0, 2, 1]), [batch * n1, n2]);
  const b = dft([toRows(twisted[0]), toRows(twisted[1])], inverse, cache); // [batch·n1 (k1), n2 (k2)]
  const out = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [batch, n1, n2]), [0, 2, 1]), [batch, n]);
  return [out(b[0]), out(b[1])];
}

/** The first `m` outputs of the DFT of a real [batch, n] tensor. Call inside tf.tidy. */
export function rdft(x: tf.Tensor, m: number, cache: MatrixCache): Parts {
  const n = x.shape[1]!;
  if (n > DIRECT_MAX && smallestFactor(n) > 1) {
    const [re, im] = dft([x, tf.zerosLike(x)], false, cache);
    return [tf.slice(re, [0, 0], [-1, m]), tf.slice(im, [0, 0], [-1, m])];
  }
  if (n > PRIME_MAX) throw new Error(`FFT length ${n} has no factor and is above ${PRIME_MAX}`);
  // [cos | −sin] for the first m frequencies
  const w = cache(`rdft:${n}:${m}`, () => matrix(n, 2 * m, (j, c) => (c < m ? phase(j, c, n)[0] : -phase(j, c - m, n)[1])));
  const y = tf.matMul(x, w);
  return [tf.slice(y, [0, 0], [-1, m]), tf.slice(y, [0, m], [-1, m])];
}

/**
 * The real inverse DFT of length n from the first m = n/2 + 1 Hermitian coefficients [batch, m]
 * (imaginary parts of the 0 and n/2 terms ignored, as TF does). Call inside tf.tidy.
 */
export function irdft([re, im]: Parts, n: number, cache: MatrixCache): tf.Tensor {
  const m = re.shape[1]!;
  if (n > DIRECT_MAX && smallestFactor(n) > 1) {
    // mirror X[1..n−m] conjugated into positions m..n−1, then a complex inverse DFT
    const k = n - m;
    const mirror = (t: tf.Tensor) => tf.reverse(tf.slice(t, [0, 1], [-1, k]), 1);
    const full: Parts = [tf.concat([re, mirror(re)], 1), tf.concat([im, tf.neg(mirror(im))], 1)];
    return dft(full, true, cache)[0];
  }
  if (n > PRIME_MAX) throw new Error(`FFT length ${n} has no factor and is above ${PRIME_MAX}`);
  // x[j] = (1/n)·Σ_k c_k·(Xr[k] cos − Xi[k] sin), c_k = 1 for k = 0 and k = n/2, else 2
  const w = cache(`irdft:${n}:${m}`, () => matrix(2 * m, n, (r, j) => {
    const k = r % m;
    const c = k === 0 || 2 * k === n ? 1 : 2;
    const [cos, sin] = phase(k, j, n);
    return ((r < m ? cos : -sin) * c) / n;
  }));
  return tf.matMul(tf.concat([re, im], 1), w);
}
