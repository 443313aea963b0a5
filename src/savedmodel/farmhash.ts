/**
 * FarmHash Fingerprint64 (farmhashna::Hash64, Google's forever-fixed 64-bit string fingerprint)
 * and TensorFlow's FingerprintCat64 — what TensorFlow uses for the fields of fingerprint.pb.
 * Arithmetic is on unsigned 64-bit BigInts; input words are read little-endian.
 */

const MASK = (1n << 64n) - 1n;
const K0 = 0xc3a5c85c97cb3127n;
const K1 = 0xb492b66fbe98f273n;
const K2 = 0x9ae16a3b2f90404fn;

const u64 = (x: bigint): bigint => x & MASK;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;
const add = (a: bigint, b: bigint): bigint => (a + b) & MASK;
const rotate = (v: bigint, s: bigint): bigint => (s === 0n ? v : ((v >> s) | (v << (64n - s))) & MASK);
const shiftMix = (v: bigint): bigint => v ^ (v >> 47n);

function hashLen16(u: bigint, v: bigint, m: bigint): bigint {
  let a = mul(u ^ v, m);
  a ^= a >> 47n;
  let b = mul(v ^ a, m);
  b ^= b >> 47n;
  return mul(b, m);
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u64(o: number): bigint {
    return this.view.getBigUint64(o, true);
  }
  u32(o: number): bigint {
    return BigInt(this.view.getUint32(o, true));
  }
}

function hashLen0to16(r: Reader, len: number): bigint {
  const s = r.bytes;
  if (len >= 8) {
    const m = add(K2, BigInt(len * 2));
    const a = add(r.u64(0), K2);
    const b = r.u64(len - 8);
    const c = add(mul(rotate(b, 37n), m), a);
    const d = mul(add(rotate(a, 25n), b), m);
    return hashLen16(c, d, m);
  }
  if (len >= 4) {
    const m = add(K2, BigInt(len * 2));
    const a = r.u32(0);
    return hashLen16(add(BigInt(len), a << 3n), r.u32(len - 4), m);
  }
  if (len > 0) {
    const a = BigInt(s[0]);
    const b = BigInt(s[len >> 1]);
    const c = BigInt(s[len - 1]);
    const y = (a + (b << 8n)) & 0xffffffffn;
    const z = (BigInt(len) + (c << 2n)) & 0xffffffffn;
    return mul(shiftMix(mul(y, K2) ^ mul(z, K0)), K2);
  }
  return K2;
}

function hashLen17to32(r: Reader, len: number): bigint {
  const m = add(K2, BigInt(len * 2));
  const a = mul(r.u64(0), K1);
  const b = r.u64(8);
  const c = mul(r.u64(len - 8), m);
  const d = mul(r.u64(len - 16), K2);
  return hashLen16(add(add(rotate(add(a, b), 43n), rotate(c, 30n)), d), add(add(a, rotate(add(b, K2), 18n)), c), m);
}

function hashLen33to64(r: Reader, len: number): bigint {
  const m = add(K2, BigInt(len * 2));
  const a = mul(r.u64(0), K2);
  const b = r.u64(8);
  const c = mul(r.u64(len - 8), m);
  const d = mul(r.u64(len - 16), K2);
  const y = add(add(rotate(add(a, b), 43n), rotate(c, 30n)), d);
  const z = hashLen16(y, add(add(a, rotate(add(b, K2), 18n)), c), m);
  const e = mul(r.u64(16), m);
  const f = r.u64(24);
  const g = mul(add(y, r.u64(len - 32)), m);
  const h = mul(add(z, r.u64(len - 24)), m);
  return hashLen16(add(add(rotate(add(e, f), 43n), rotate(g, 30n)), h), add(add(e, rotate(add(f, a), 18n)), g), m);
}

/** (a, b) of WeakHashLen32WithSeeds over the 32 bytes at `o`. */
function weak32(r: Reader, o: number, a0: bigint, b0: bigint): [bigint, bigint] {
  const w = r.u64(o);
  const x = r.u64(o + 8);
  const y = r.u64(o + 16);
  const z = r.u64(o + 24);
  let a = add(a0, w);
  let b = rotate(add(add(b0, a), z), 21n);
  const c = a;
  a = add(add(a, x), y);
  b = add(b, rotate(a, 44n));
  return [add(a, z), add(b, c)];
}

/** FarmHash Fingerprint64 of `bytes`, as an unsigned 64-bit BigInt. */
export function fingerprint64(bytes: Uint8Array): bigint {
  const r = new Reader(bytes);
  const len = bytes.length;
  if (len <= 16) return hashLen0to16(r, len);
  if (len <= 32) return hashLen17to32(r, len);
  if (len <= 64) return hashLen33to64(r, len);

  const seed = 81n;
  let x = seed;
  let y = add(mul(seed, K1), 113n);
  let z = mul(shiftMix(add(mul(y, K2), 113n)), K2);
  let v: [bigint, bigint] = [0n, 0n];
  let w: [bigint, bigint] = [0n, 0n];
  x = add(mul(x, K2), r.u64(0));
  const end = Math.floor((len - 1) / 64) * 64;
  const last64 = end + ((len - 1) & 63) - 63;
  let s = 0;
  do {
    x = mul(rotate(add(add(add(x, y), v[0]), r.u64(s + 8)), 37n), K1);
    y = mul(rotate(add(add(y, v[1]), r.u64(s + 48)), 42n), K1);
    x ^= w[1];
    y = add(y, add(v[0], r.u64(s + 40)));
    z = mul(rotate(add(z, w[0]), 33n), K1);
    v = weak32(r, s, mul(v[1], K1), add(x, w[0]));
    w = weak32(r, s + 32, add(z, w[1]), add(y, r.u64(s + 16)));
    [z, x] = [x, z];
    s += 64;
  } while (s !== end);
  const m = add(K1, (z & 0xffn) << 1n);
  s = last64;
  w[0] = add(w[0], BigInt((len - 1) & 63));
  v[0] = add(v[0], w[0]);
  w[0] = add(w[0], v[0]);
  x = mul(rotate(add(add(add(x, y), v[0]), r.u64(s + 8)), 37n), m);
  y = mul(rotate(add(add(y, v[1]), r.u64(s + 48)), 42n), m);
  x ^= mul(w[1], 9n);
  y = add(y, add(mul(v[0], 9n), r.u64(s + 40)));
  z = mul(rotate(add(z, w[0]), 33n), m);
  v = weak32(r, s, mul(v[1], m), add(x, w[0]));
  w = weak32(r, s + 32, add(z, w[1]), add(y, r.u64(s + 16)));
  [z, x] = [x, z];
  return hashLen16(add(add(hashLen16(v[0], w[0], m), mul(shiftMix(y), K0)), z), add(hashLen16(v[1], w[1], m), x), m);
}

/** TensorFlow's FingerprintCat64: combines two fingerprints (order matters). */
export function fingerprintCat64(fp1: bigint, fp2: bigint): bigint {
  const kMul = 0xc6a4a7935bd1e995n;
  let result = u64(fp1) ^ kMul;
  result ^= mul(shiftMix(mul(u64(fp2), kMul)), kMul);
  result = mul(result, kMul);
  result = mul(shiftMix(result), kMul);
  return shiftMix(result);
}
