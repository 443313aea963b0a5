/**
 * numpy's .npy format (versions 1.0, 2.0 and 3.0): the magic `\x93NUMPY`, a version, a header
 * length, a Python-dict header (`descr`, `fortran_order`, `shape`) padded to 64 bytes, then the
 * raw values. Reads little- and big-endian numbers, bools, `S` bytes and `U` strings (object
 * arrays need pickle and are refused); writes little-endian C-order arrays.
 */
import { SavedModelError } from '../index.js';
import { sizeOf, type NdArray, type NpDtype } from './ndarray.js';
import { parsePython, type PyValue } from './pyliteral.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** numpy type characters with their sizes, by our dtype name. */
const CODES: Record<string, NpDtype> = {
  f2: 'float16', f4: 'float32', f8: 'float64', i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64',
  u1: 'uint8', u2: 'uint16', u4: 'uint32', u8: 'uint64', b1: 'bool',
};
const DESCR: Partial<Record<NpDtype, string>> = {
  float16: '<f2', float32: '<f4', float64: '<f8', int8: '|i1', int16: '<i2', int32: '<i4', int64: '<i8',
  uint8: '|u1', uint16: '<u2', uint32: '<u4', uint64: '<u8', bool: '|b1',
};

function bad(what: string, msg: string): SavedModelError {
  return new SavedModelError('INVALID_ARGUMENT', `${what}: not a readable .npy file: ${msg}`);
}

function dictEntry(d: PyValue, key: string): PyValue | undefined {
  if (d.t !== 'dict') return undefined;
  return d.entries.find(([k]) => k.t === 'str' && k.v === key)?.[1];
}

/** IEEE half-precision bits as a number: (1024 + fraction) · 2^(exponent − 25), subnormals without the 1024. */
function halfToNumber(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * ((exp ? 1024 : 0) + frac) * 2 ** ((exp || 1) - 25);
}

/** Reorders Fortran-order values into C order. */
function toCOrder<T>(values: T[], shape: readonly number[]): T[] {
  if (shape.length < 2) return values;
  const n = values.length;
  const out = new Array<T>(n);
  const idx = new Array(shape.length).fill(0);
  for (let c = 0; c < n; c++) {
    let f = 0;
    let stride = 1;
    for (let d = 0; d < shape.length; d++) {
      f += idx[d] * stride;
      stride *= shape[d];
    }
    out[c] = values[f];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Reads a .npy file (`what` names it in errors). */
export function readNpy(bytes: Uint8Array, what = 'array'): NdArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw bad(what, 'no \\x93NUMPY magic');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (major < 1 || major > 3 || start + headerLen > bytes.length) throw bad(what, `version ${major}.${bytes[7]} or header length ${headerLen}`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const dict = parsePython(header.trim());
  const descr = dictEntry(dict, 'descr');
  const fortran = dictEntry(dict, 'fortran_order');
  const shapeV = dictEntry(dict, 'shape');
  if (descr?.t !== 'str' || shapeV?.t !== 'tuple') throw bad(what, `header ${header.trim()}`);
  const shape = shapeV.items.map((x) => (x.t === 'int' ? Number(x.v) : -1));
  if (shape.some((d) => d < 0)) throw bad(what, 'bad shape');
  const n = sizeOf(shape);
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr.v);
  if (!m) throw bad(what, `dtype ${descr.v} (object arrays need pickle and are not supported)`);
  const [, order, kind, sizeText] = m;
  const size = Number(sizeText);
  const little = order !== '>';
  const data = bytes.subarray(start + headerLen);
  const width = kind === 'U' ? size * 4 : size;
  if (data.length < n * width) throw bad(what, `${n} elements of ${descr.v} need ${n * width} bytes, found ${data.length}`);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let values: unknown[];
  let dtype: NpDtype;
  if (kind === 'S' || kind === 'U') {
    dtype = kind === 'S' ? 'bytes' : 'str';
    values = Array.from({ length: n }, (_, i) => {
      if (kind === 'S') {
        const b = data.subarray(i * size, (i + 1) * size);
        let end = b.length;
        while (end > 0 && b[end - 1] === 0) end--;
        return b.slice(0, end);
      }
      let s = '';
      for (let k = 0; k < size; k++) {
        const cp = dv.getUint32(i * width + k * 4, little);
        if (cp === 0) break;
        s += String.fromCodePoint(cp);
      }
      return s;
    });
  } else {
    const code = CODES[`${kind}${size}`];
    if (!code) throw bad(what, `dtype ${descr.v} is not supported`);
    dtype = code;
    values = Array.from({ length: n }, (_, i) => {
      const o = i * size;
      switch (code) {
        case 'float16': return halfToNumber(dv.getUint16(o, little));
        case 'float32': return dv.getFloat32(o, little);
        case 'float64': return dv.getFloat64(o, little);
        case 'int8': return dv.getInt8(o);
        case 'int16': return dv.getInt16(o, little);
        case 'int32': return dv.getInt32(o, little);
        case 'int64': return dv.getBigInt64(o, little);
        case 'uint8': return dv.getUint8(o);
        case 'uint16': return dv.getUint16(o, little);
        case 'uint32': return dv.getUint32(o, little);
        case 'uint64': return dv.getBigUint64(o, little);
        default: return dv.getUint8(o) !== 0;
      }
    });
  }
  if (fortran?.t === 'bool' && fortran.v) values = toCOrder(values, shape);
  return { dtype, shape, data: values as NdArray['data'] };
}

/** Encodes an array as a .npy (version 1.0) file. */
export function writeNpy(a: NdArray): Uint8Array {
  const n = sizeOf(a.shape);
  const src = a.data as ArrayLike<unknown>;
  let descr: string;
  let body: Uint8Array;
  if (a.dtype === 'bytes' || a.dtype === 'str') {
    const enc = new TextEncoder();
    const items = Array.from({ length: n }, (_, i) => (typeof src[i] === 'string' ? enc.encode(src[i] as string) : (src[i] as Uint8Array)));
    const size = Math.max(1, ...items.map((b) => b.length));
    descr = `|S${size}`;
    body = new Uint8Array(n * size);
    items.forEach((b, i) => body.set(b, i * size));
  } else {
    descr = DESCR[a.dtype]!;
    const size = Number(descr.slice(2));
    body = new Uint8Array(n * size);
    const dv = new DataView(body.buffer);
    for (let i = 0; i < n; i++) {
      const v = src[i];
      const o = i * size;
      switch (a.dtype) {
        case 'float16': throw new SavedModelError('UNIMPLEMENTED', 'writing float16 .npy files');
        case 'float32': dv.setFloat32(o, Number(v), true); break;
        case 'float64': dv.setFloat64(o, Number(v), true); break;
        case 'int8': dv.setInt8(o, Number(v)); break;
        case 'int16': dv.setInt16(o, Number(v), true); break;
        case 'int32': dv.setInt32(o, Number(v), true); break;
        case 'int64': dv.setBigInt64(o, BigInt(v as number), true); break;
        case 'uint8': dv.setUint8(o, Number(v)); break;
        case 'uint16': dv.setUint16(o, Number(v), true); break;
        case 'uint32': dv.setUint32(o, Number(v), true); break;
        case 'uint64': dv.setBigUint64(o, BigInt(v as number), true); break;
        default: dv.setUint8(o, v ? 1 : 0);
      }
    }
  }
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // numpy ≥ 1.22 leaves room for the first axis to grow to 21 digits in place.
  if (a.shape.length > 0) header += ' '.repeat(Math.max(0, 21 - String(a.shape[0]).length));
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(body, 10 + header.length);
  return out;
}
