/**
 * TensorFlow's CPU sampling layouts on top of Philox (philox.ts): which generator output feeds
 * which element, so that seeded ops reproduce TF's tensors. Fixed-cost distributions take one
 * Philox output per group of elements, in order; rejection samplers (truncated normal) restart
 * each group at `group × 256` outputs of four, as TF's sharded fill does.
 */
import { Philox, SingleSampler, boxMullerDouble, boxMullerFloat, uint64ToDouble } from './philox.js';

/** Standard normals as float32 (TF dtype float32; float16/bfloat16 are drawn the same way). */
export function normalFloat(gen: Philox, n: number): Float32Array {
  const out = new Float32Array(n);
  const s = new Uint32Array(4);
  const tmp = new Float32Array(4);
  for (let i = 0; i < n; i += 4) {
    gen.next(s);
    boxMullerFloat(s[0], s[1], tmp, 0);
    boxMullerFloat(s[2], s[3], tmp, 2);
    out.set(n - i >= 4 ? tmp : tmp.subarray(0, n - i), i);
  }
  return out;
}

/** Standard normals drawn in float64 (TF dtype float64), rounded to the float32 carrier. */
export function normalDouble(gen: Philox, n: number): Float32Array {
  const out = new Float32Array(n);
  const s = new Uint32Array(4);
  const tmp = new Float64Array(2);
  for (let i = 0; i < n; i += 2) {
    gen.next(s);
    boxMullerDouble(s[0], s[1], s[2], s[3], tmp, 0);
    out[i] = tmp[0];
    if (i + 1 < n) out[i + 1] = tmp[1];
  }
  return out;
}

/** Normals truncated to (−2, 2) by rejection; `double` draws in float64 (groups of 2, else 4). */
export function truncatedNormal(base: Philox, n: number, double: boolean): Float32Array {
  const group = double ? 2 : 4;
  const skipPerGroup = (group * 256) / 4;
  const out = new Float32Array(n);
  const pair = double ? new Float64Array(2) : new Float32Array(2);
  for (let g = 0; g * group < n; g++) {
    const gen = base.clone();
    gen.skip(g * skipPerGroup);
    const single = new SingleSampler(gen);
    let k = g * group;
    const end = Math.min(n, k + group);
    while (k < end) {
      if (double) boxMullerDouble(single.next(), single.next(), single.next(), single.next(), pair as Float64Array, 0);
      else boxMullerFloat(single.next(), single.next(), pair as Float32Array, 0);
      for (let j = 0; j < 2 && k < end; j++) if (Math.abs(pair[j]) < 2) out[k++] = pair[j];
    }
  }
  return out;
}

/** Uniform integers in [lo, hi): `lo + bits % (hi − lo)` with 32 bits (int32) or 64 bits (int64) per value. */
export function uniformInt(gen: Philox, n: number, lo: number, hi: number, wide: boolean): Int32Array {
  const out = new Int32Array(n);
  const s = new Uint32Array(4);
  if (!wide) {
    const range = (hi - lo) >>> 0;
    for (let i = 0; i < n; i += 4) {
      gen.next(s);
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (lo + (s[j] % range)) | 0;
    }
    return out;
  }
  const range = BigInt(hi) - BigInt(lo);
  for (let i = 0; i < n; i += 2) {
    gen.next(s);
    for (let j = 0; j < 2 && i + j < n; j++) {
      const bits = BigInt(s[2 * j]) | (BigInt(s[2 * j + 1]) << 32n);
      out[i + j] = Number(BigInt(lo) + (bits % range));
    }
  }
  return out;
}

/**
 * Multinomial draws per row of logits (TF's CPU kernel, one shard), in float64: an unnormalised
 * CDF of exp(logit − max finite logit) over finite logits, and for each sample the first class
 * whose CDF exceeds `u × total`, u a float64 uniform made of two uint32s.
 */
export function multinomial(gen: Philox, logits: Float32Array, rows: number, classes: number, samples: number): Int32Array {
  const single = new SingleSampler(gen);
  const out = new Int32Array(rows * samples);
  const cdf = new Float64Array(classes);
  for (let b = 0; b < rows; b++) {
    const row = logits.subarray(b * classes, (b + 1) * classes);
    let max = -3.4028234663852886e38;
    for (const l of row) if (Number.isFinite(l) && l > max) max = l;
    let total = 0;
    for (let j = 0; j < classes; j++) {
      if (Number.isFinite(row[j])) total += Math.exp(row[j] - max);
      cdf[j] = total;
    }
    for (let j = 0; j < samples; j++) {
      const target = uint64ToDouble(single.next(), single.next()) * total;
      let a = 0;
      let z = classes;
      while (a < z) {
        const m = (a + z) >>> 1;
        if (cdf[m] <= target) a = m + 1;
        else z = m;
      }
      out[b * samples + j] = a;
    }
  }
  return out;
}
