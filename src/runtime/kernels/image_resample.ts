/**
 * Resampling on the host: ResizeBicubic as four weighted taps per axis (TF's
 * tabulated Keys cubic, a = −0.75 legacy / −0.5 with half-pixel centers and out-of-image taps
 * dropped and renormalised), and ExtractImagePatches as a copy of each window's channel runs.
 */
import * as tf from '@tensorflow/tfjs-core';

const TABLE = 1024;
const tables = new Map<number, Float32Array>();

/** TF's coefficient table: for x = i/1024, the inner and outer cubic tap weights. */
function coeffTable(a: number): Float32Array {
  let t = tables.get(a);
  if (t) return t;
  t = new Float32Array((TABLE + 1) * 2);
  for (let i = 0; i <= TABLE; i++) {
    let x = Math.fround(i / TABLE);
    t[i * 2] = ((a + 2) * x - (a + 3)) * x * x + 1;
    x = Math.fround(x + 1);
    t[i * 2 + 1] = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  }
  tables.set(a, t);
  return t;
}

/** The four taps of a cubic resampling along one axis: per tap, source indices and weights per output. */
export interface Taps {
  index: Int32Array[];
  weight: Float32Array[];
}

/** TF's bicubic taps along one axis (indices clamped to the image; weights as TF computes them). */
export function bicubicTaps(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): Taps {
  const f = Math.fround;
  const scale = alignCorners && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
  const table = coeffTable(halfPixel ? -0.5 : -0.75);
  const taps: Taps = { index: [0, 1, 2, 3].map(() => new Int32Array(outSize)), weight: [0, 1, 2, 3].map(() => new Float32Array(outSize)) };
  for (let o = 0; o < outSize; o++) {
    const loc = halfPixel ? f(f(f(o + 0.5) * scale) - 0.5) : f(o * scale);
    const base = Math.floor(loc);
    const delta = f(loc - base);
    // lrintf: round half to even
    const scaled = f(delta * TABLE);
    let off = Math.round(scaled);
    if (off - scaled === 0.5 && off % 2 !== 0) off -= 1;
    const w = [table[off * 2 + 1], table[off * 2], table[(TABLE - off) * 2], table[(TABLE - off) * 2 + 1]];
    const idx = w.map((_, k) => Math.min(inSize - 1, Math.max(0, base - 1 + k)));
    if (halfPixel) {
      idx.forEach((i, k) => i !== base - 1 + k && (w[k] = 0));
      const sum = f(f(f(w[0] + w[1]) + w[2]) + w[3]);
      if (Math.abs(sum) >= 1000 * 1.1754943508222875e-38) {
        const inv = f(1 / sum);
        for (let k = 0; k < 4; k++) w[k] = f(w[k] * inv);
      }
    }
    for (let k = 0; k < 4; k++) {
      taps.index[k][o] = idx[k];
      taps.weight[k][o] = w[k];
    }
  }
  return taps;
}

/** Taps interleaved per output position: index and weight of tap k at [4·o + k]. */
function interleave(t: Taps): { index: Int32Array; weight: Float32Array } {
  const n = t.index[0].length;
  const index = new Int32Array(4 * n);
  const weight = new Float32Array(4 * n);
  for (let o = 0; o < n; o++) {
    for (let k = 0; k < 4; k++) {
      index[4 * o + k] = t.index[k][o];
      weight[4 * o + k] = t.weight[k][o];
    }
  }
  return { index, weight };
}

/**
 * Resamples NHWC images with per-axis taps on the host (four taps per axis; gathers on the WASM
 * device are slower): along the width first, then the height, as TF does (sums in float64, so
 * results may differ from TF's float32 sums in the last bit).
 */
export function resampleTaps(img: tf.Tensor4D, ty: Taps, tx: Taps): tf.Tensor4D {
  const [b, h, w, c] = img.shape;
  const X = interleave(tx);
  const Y = interleave(ty);
  const oh = ty.index[0].length;
  const ow = tx.index[0].length;
  const src = img.dtype === 'float32' ? (img.dataSync() as Float32Array) : Float32Array.from(img.dataSync() as ArrayLike<number>);
  const row = ow * c;
  const rowsX = new Float32Array(h * row);
  const out = new Float32Array(b * oh * row);
  for (let n = 0; n < b; n++) {
    const base = n * h * w * c;
    for (let y = 0; y < h; y++) {
      const line = base + y * w * c;
      for (let x = 0; x < ow; x++) {
        const i0 = line + X.index[4 * x] * c;
        const i1 = line + X.index[4 * x + 1] * c;
        const i2 = line + X.index[4 * x + 2] * c;
        const i3 = line + X.index[4 * x + 3] * c;
        const [w0, w1, w2, w3] = [X.weight[4 * x], X.weight[4 * x + 1], X.weight[4 * x + 2], X.weight[4 * x + 3]];
        const o = y * row + x * c;
        for (let ch = 0; ch < c; ch++) rowsX[o + ch] = w0 * src[i0 + ch] + w1 * src[i1 + ch] + w2 * src[i2 + ch] + w3 * src[i3 + ch];
      }
    }
    for (let y = 0; y < oh; y++) {
      const r0 = Y.index[4 * y] * row;
      const r1 = Y.index[4 * y + 1] * row;
      const r2 = Y.index[4 * y + 2] * row;
      const r3 = Y.index[4 * y + 3] * row;
      const [w0, w1, w2, w3] = [Y.weight[4 * y], Y.weight[4 * y + 1], Y.weight[4 * y + 2], Y.weight[4 * y + 3]];
      const o = (n * oh + y) * row;
      for (let i = 0; i < row; i++) out[o + i] = w0 * rowsX[r0 + i] + w1 * rowsX[r1 + i] + w2 * rowsX[r2 + i] + w3 * rowsX[r3 + i];
    }
  }
  return tf.tensor4d(out, [b, oh, ow, c], 'float32');
}

/** Output size and leading padding of one dimension for SAME / VALID windows. */
function window(size: number, k: number, s: number, same: boolean): { out: number; before: number } {
  if (!same) return { out: Math.max(0, Math.ceil((size - k + 1) / s)), before: 0 };
  const out = Math.ceil(size / s);
  return { out, before: Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) };
}

/**
 * TF's ExtractImagePatches: every (dilated) kh×kw window flattened to `kh·kw·C` values in
 * (row, col, channel) order; SAME pads with zeros.
 */
export function extractPatches(img: tf.Tensor4D, k: number[], s: number[], r: number[], same: boolean): tf.Tensor4D {
  const [b, h, w, c] = img.shape;
  const rows = window(h, (k[0] - 1) * r[0] + 1, s[0], same);
  const cols = window(w, (k[1] - 1) * r[1] + 1, s[1], same);
  const src = img.dataSync() as Float32Array | Int32Array | Uint8Array;
  const depth = k[0] * k[1] * c;
  // a copy op: the host moves each tap's channel run (tfjs-wasm concat of the taps is slower)
  const out = new (src.constructor as Float32ArrayConstructor)(b * rows.out * cols.out * depth);
  let o = 0;
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < rows.out; oy++) {
      for (let ox = 0; ox < cols.out; ox++, o += depth) {
        for (let i = 0; i < k[0]; i++) {
          const y = oy * s[0] - rows.before + i * r[0];
          for (let j = 0; j < k[1]; j++) {
            const x = ox * s[1] - cols.before + j * r[1];
            if (y < 0 || y >= h || x < 0 || x >= w) continue; // zero padding
            const from = ((n * h + y) * w + x) * c;
            const to = o + (i * k[1] + j) * c;
            for (let ch = 0; ch < c; ch++) out[to + ch] = src[from + ch];
          }
        }
      }
    }
  }
  return tf.tensor4d(out, [b, rows.out, cols.out, depth], img.dtype);
}
