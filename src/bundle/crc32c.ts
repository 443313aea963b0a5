/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82f63b78), the checksum of LevelDB block trailers
 * and TensorBundle data, plus TensorFlow's "mask" (rotate right by 15, add 0xa282ead8) applied to
 * checksums that are stored next to the data they cover.
 *
 * Two implementations with identical results:
 * - native: `@node-rs/crc32` (SSE4.2 / ARMv8 CRC instructions via a prebuilt N-API binary),
 *   loaded with a dynamic import the first time `loadCrc32c()` runs in Node;
 * - software: table-driven slicing-by-8 in plain TypeScript, used in browsers, before the native
 *   module is loaded, for short inputs (where the N-API call costs more than it saves), and if the
 *   native module cannot be loaded.
 * docs/format.md records measured throughput for both.
 */

const POLY = 0x82f63b78;
const MASK_DELTA = 0xa282ead8;

/** Inputs shorter than this go to the software path even when the native module is loaded. */
export const NATIVE_MIN_BYTES = 64;

function makeTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    tables[0][i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    for (let t = 1; t < 8; t++) {
      const prev = tables[t - 1][i];
      tables[t][i] = (tables[0][prev & 0xff] ^ (prev >>> 8)) >>> 0;
    }
  }
  return tables;
}

const [T0, T1, T2, T3, T4, T5, T6, T7] = makeTables();

/** CRC-32C of `data` continuing from `crc` (0 to start), computed in TypeScript (slicing-by-8). */
export function crc32cSoftware(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  let i = 0;
  const n = data.length;
  const end8 = n - (n % 8);
  while (i < end8) {
    const lo = (c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
    c =
      T7[lo & 0xff] ^
      T6[(lo >>> 8) & 0xff] ^
      T5[(lo >>> 16) & 0xff] ^
      T4[lo >>> 24] ^
      T3[data[i + 4]] ^
      T2[data[i + 5]] ^
      T1[data[i + 6]] ^
      T0[data[i + 7]];
    i += 8;
  }
  while (i < n) c = T0[(c ^ data[i++]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

type Crc32cFn = (data: Uint8Array, crc: number) => number;

let native: Crc32cFn | null = null;
let loading: Promise<'native' | 'software'> | null = null;

/**
 * Loads the native implementation when running in Node (once; later calls return the same
 * promise). Resolves to which implementation `crc32c` now uses for large inputs.
 */
export function loadCrc32c(): Promise<'native' | 'software'> {
  if (!loading) loading = tryLoadNative();
  return loading;
}

async function tryLoadNative(): Promise<'native' | 'software'> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (!isNode) return 'software';
  // A variable specifier keeps browser bundlers from trying to resolve the Node-only package.
  const specifier = '@node-rs/crc32';
  try {
    const mod = (await import(specifier)) as { crc32c?: Crc32cFn; default?: { crc32c?: Crc32cFn } };
    const fn = mod.crc32c ?? mod.default?.crc32c;
    if (typeof fn !== 'function') return 'software';
    // Guard against a broken binary: check the standard test vector before trusting it.
    if (fn(new TextEncoder().encode('123456789'), 0) >>> 0 !== 0xe3069283) return 'software';
    native = fn;
    return 'native';
  } catch {
    return 'software';
  }
}

/** Which implementation large inputs currently go to. */
export function crc32cImplementation(): 'native' | 'software' {
  return native ? 'native' : 'software';
}

/** CRC-32C of `data`, continuing from `crc` (pass a previous result to extend it; 0 to start). */
export function crc32c(data: Uint8Array, crc = 0): number {
  if (native !== null && data.length >= NATIVE_MIN_BYTES) return native(data, crc) >>> 0;
  return crc32cSoftware(data, crc);
}

/** TensorFlow's mask for stored checksums: rotate right by 15 bits, then add 0xa282ead8. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** Inverse of `maskCrc`. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
