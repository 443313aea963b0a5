/**
 * TensorFlow's random number generation, reproduced so that seeded random ops give TF's values:
 * the Philox4x32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3"), the per-op generator state of stateful random kernels (seeded from the `seed` /
 * `seed2` attrs, advanced by a fixed reservation per call), and the sample transforms
 * (uint32 → float in [0, 1), Box–Muller) with float32 rounding at the steps where TF rounds.
 */

const M_A = 0xd2511f53;
const M_B = 0xcd9e8d57;
const W_A = 0x9e3779b9;
const W_B = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two uint32s. */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lohi = aLo * bHi;
  const hilo = aHi * bLo;
  const cross = ((aLo * bLo) >>> 16) + (lohi & 0xffff) + (hilo & 0xffff);
  return (aHi * bHi + (lohi >>> 16) + (hilo >>> 16) + Math.floor(cross / 65536)) >>> 0;
}

/** A Philox4x32-10 stream: 128-bit counter, 64-bit key; each call yields four uint32s. */
export class Philox {
  private readonly c = new Uint32Array(4);
  private readonly k = new Uint32Array(2);

  /** TF's `PhiloxRandom(seed_lo, seed_hi)`: seed_lo is the key, seed_hi the counter's high half. */
  constructor(seedLo = 0n, seedHi = 0n) {
    const lo = BigInt.asUintN(64, seedLo);
    const hi = BigInt.asUintN(64, seedHi);
    this.k[0] = Number(lo & 0xffffffffn);
    this.k[1] = Number(lo >> 32n);
    this.c[2] = Number(hi & 0xffffffffn);
    this.c[3] = Number(hi >> 32n);
  }

  clone(): Philox {
    const p = new Philox();
    p.c.set(this.c);
    p.k.set(this.k);
    return p;
  }

  /** Advances the counter by `count` (< 2^53) outputs of four. */
  skip(count: number): void {
    const lo = count >>> 0;
    let hi = Math.floor(count / 4294967296) >>> 0;
    const c0 = (this.c[0] + lo) >>> 0;
    if (c0 < lo) hi = (hi + 1) >>> 0;
    this.c[0] = c0;
    const c1 = (this.c[1] + hi) >>> 0;
    this.c[1] = c1;
    if (c1 < hi && ++this.c[2] === 0) this.c[3]++;
  }

  /** The next four uint32s, written to `out`. */
  next(out: Uint32Array): Uint32Array {
    let c0 = this.c[0];
    let c1 = this.c[1];
    let c2 = this.c[2];
    let c3 = this.c[3];
    let k0 = this.k[0];
    let k1 = this.k[1];
    for (let r = 0; r < 10; r++) {
      const hi0 = mulHi(M_A, c0);
      const lo0 = Math.imul(M_A, c0) >>> 0;
      const hi1 = mulHi(M_B, c2);
      const lo1 = Math.imul(M_B, c2) >>> 0;
      c0 = (hi1 ^ c1 ^ k0) >>> 0;
      c1 = lo1;
      c2 = (hi0 ^ c3 ^ k1) >>> 0;
      c3 = lo0;
      k0 = (k0 + W_A) >>> 0;
      k1 = (k1 + W_B) >>> 0;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
    this.skip(1);
    return out;
  }
}

/** One uint32 at a time from a Philox stream (TF's `SingleSampleAdapter`). */
export class SingleSampler {
  private readonly buf = new Uint32Array(4);
  private used = 4;

  constructor(private readonly gen: Philox) {}

  next(): number {
    if (this.used === 4) {
      this.gen.next(this.buf);
      this.used = 0;
    }
    return this.buf[this.used++];
  }
}

/**
 * The generator state of one stateful random op (TF's `GuardedPhiloxRandom`): seeded once from
 * the op's `seed`/`seed2` attrs (both 0: random seeds), and each call reserves
 * `outputs × multiplier` 128-bit samples, so successive calls continue the stream.
 */
export class OpRandom {
  private readonly gen: Philox;

  constructor(seed: number, seed2: number) {
    if (seed === 0 && seed2 === 0) {
      const r = (): bigint => BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n | BigInt(Math.floor(Math.random() * 2 ** 32));
      this.gen = new Philox(r(), r());
    } else {
      this.gen = new Philox(BigInt(seed), BigInt(seed2));
    }
  }

  /** The stream for one call producing `outputs` values. */
  reserve(outputs: number, multiplier = 256): Philox {
    const local = this.gen.clone();
    this.gen.skip(outputs * multiplier);
    return local;
  }
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U32x2 = new Uint32Array(F64.buffer);

/** A uint32 as a float32 in [0, 1): its low 23 bits as the mantissa of [1, 2), minus 1. */
export function uint32ToFloat(x: number): number {
  U32[0] = (x & 0x7fffff) | 0x3f800000;
  return F32[0] - 1;
}

/** Two uint32s as a float64 in [0, 1): 20 + 32 bits of mantissa of [1, 2), minus 1. */
export function uint64ToDouble(x0: number, x1: number): number {
  U32x2[0] = x1 >>> 0;
  U32x2[1] = (x0 & 0xfffff) | 0x3ff00000;
  return F64[0] - 1;
}

const f = Math.fround;

/** Box–Muller in float32 as TF computes it; writes two normals at `out[i]`, `out[i + 1]`. */
export function boxMullerFloat(x0: number, x1: number, out: Float32Array | number[], i: number): void {
  let u1 = uint32ToFloat(x0);
  if (u1 < f(1e-7)) u1 = f(1e-7);
  const v1 = f(2 * Math.PI * uint32ToFloat(x1));
  const u2 = f(Math.sqrt(f(-2 * f(Math.log(u1)))));
  out[i] = f(f(Math.sin(v1)) * u2);
  out[i + 1] = f(f(Math.cos(v1)) * u2);
}

/** Box–Muller in float64 from four uint32s; writes two normals at `out[i]`, `out[i + 1]`. */
export function boxMullerDouble(x0: number, x1: number, x2: number, x3: number, out: Float64Array | number[], i: number): void {
  let u1 = uint64ToDouble(x0, x1);
  if (u1 < 1e-7) u1 = 1e-7;
  const v1 = 2 * Math.PI * uint64ToDouble(x2, x3);
  const u2 = Math.sqrt(-2 * Math.log(u1));
  out[i] = Math.sin(v1) * u2;
  out[i + 1] = Math.cos(v1) * u2;
}
