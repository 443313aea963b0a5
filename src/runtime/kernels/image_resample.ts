/**
 * Resampling kernels expressed as per-axis weight matrices applied with two matrix products on
 * the device: ResizeBicubic (TF's tabulated Keys cubic, a = −0.75 legacy / −0.5 with half-pixel
 * centers and out-of-image taps dropped and renormalised) and ExtractImagePatches (a gather of
 * padded pixels).
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

/** Row-major [out, in] weights of TF's bicubic resampling along one axis. */
export function bicubicWeights(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): Float32Array {
  const f = Math.fround;
  const scale = alignCorners && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
  const table = coeffTable(halfPixel ? -0.5 : -0.75);
  const w = new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const loc = halfPixel ? f(f(f(o + 0.5) * scale) - 0.5) : f(o * scale);
    const base = Math.floor(loc);
    const delta = f(loc - base);
    // lrintf: round half to even
    const scaled = f(delta * TABLE);
    let off = Math.round(scaled);
    if (off - scaled === 0.5 && off % 2 !== 0) off -= 1;
    const taps = [table[off * 2 + 1], table[off * 2], table[(TABLE - off) * 2], table[(TABLE - off) * 2 + 1]];
    const idx = taps.map((_, k) => Math.min(inSize - 1, Math.max(0, base - 1 + k)));
    if (halfPixel) {
      idx.forEach((i, k) => i !== base - 1 + k && (taps[k] = 0));
      const sum = f(f(f(taps[0] + taps[1]) + taps[2]) + taps[3]);
      if (Math.abs(sum) >= 1000 * 1.1754943508222875e-38) {
        const inv = f(1 / sum);
        for (let k = 0; k < 4; k++) taps[k] = f(taps[k] * inv);
      }
    }
    idx.forEach((i, k) => (w[o * inSize + i] += taps[k]));
  }
  return w;
}

/** Applies [oh, H] and [ow, W] weights to NHWC images: out = Wy · img · Wxᵀ per batch and channel. */
export function separable(img: tf.Tensor4D, wy: Float32Array, wx: Float32Array, oh: number, ow: number): tf.Tensor4D {
  const [b, h, w, c] = img.shape;
  return tf.tidy(() => {
    const my = tf.tensor3d(wy, [1, oh, h]);
    const mx = tf.tensor3d(wx, [1, ow, w]);
    const x = tf.cast(img, 'float32');
    const rows = tf.matMul(tf.broadcastTo(my, [b, oh, h]), tf.reshape(x, [b, h, w * c])); // [b, oh, w*c]
    const cols = tf.transpose(tf.reshape(rows, [b, oh, w, c]), [0, 1, 3, 2]); // [b, oh, c, w]
    const out = tf.matMul(tf.reshape(cols, [b, oh * c, w]), tf.broadcastTo(mx, [b, ow, w]), false, true); // [b, oh*c, ow]
    return tf.transpose(tf.reshape(out, [b, oh, c, ow]), [0, 1, 3, 2]) as tf.Tensor4D;
  });
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
  const effH = (k[0] - 1) * r[0] + 1;
  const effW = (k[1] - 1) * r[1] + 1;
  const rows = window(h, effH, s[0], same);
  const cols = window(w, effW, s[1], same);
  const hp = h + 2 * effH;
  const wp = w + 2 * effW;
  const idx = new Int32Array(rows.out * cols.out * k[0] * k[1]);
  let n = 0;
  for (let oy = 0; oy < rows.out; oy++) {
    for (let ox = 0; ox < cols.out; ox++) {
      for (let i = 0; i < k[0]; i++) {
        for (let j = 0; j < k[1]; j++) {
          // padded image: `effH`/`effW` zero rows/cols on every side
          const y = oy * s[0] - rows.before + i * r[0] + effH;
          const x = ox * s[1] - cols.before + j * r[1] + effW;
          idx[n++] = y * wp + x;
        }
      }
    }
  }
  return tf.tidy(() => {
    const padded = tf.pad(img, [[0, 0], [effH, effH], [effW, effW], [0, 0]]);
    const flat = tf.reshape(padded, [b, hp * wp, c]);
    const picked = tf.gather(flat, tf.tensor1d(idx, 'int32'), 1);
    return tf.reshape(picked, [b, rows.out, cols.out, k[0] * k[1] * c]) as tf.Tensor4D;
  });
}
