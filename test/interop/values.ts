/**
 * Comparing values with the goldens: golden.json tensors, checkpoint HostTensors and tfjs tensors
 * are all brought to one canonical form (floats as numbers, 64-bit integers as bigint, bools as
 * booleans, strings as bytes) and compared exactly (checkpoints, integers, strings, bools) or
 * within a float tolerance (signature results).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GoldenTensor } from './golden.js';

/** One element in canonical form. */
export type Scalar = number | bigint | boolean | Uint8Array;

/** A tensor in canonical form; complex values interleaved (re, im). */
export interface Canonical {
  dtype: string;
  shape: number[];
  values: Scalar[];
}

const FLOATS = new Set(['float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128']);
const WIDE_INTS = new Set(['int64', 'uint64']);

/** True for dtypes compared within a tolerance in signature results. */
export function isFloatDtype(dtype: string): boolean {
  return FLOATS.has(dtype);
}

/** The tfjs dtype a TensorFlow dtype is computed in (DESIGN.md: one mapping table). */
export function tfjsDtype(dtype: string): string {
  if (dtype === 'bool' || dtype === 'string') return dtype;
  if (dtype === 'complex64' || dtype === 'complex128') return 'complex64';
  if (FLOATS.has(dtype)) return 'float32';
  return 'int32';
}

function goldenFloat(v: number | string | boolean): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v as number;
}

/** A golden.json tensor in canonical form. */
export function fromGolden(t: GoldenTensor): Canonical {
  let values: Scalar[];
  if (t.dtype === 'string') {
    const enc = new TextEncoder();
    values = t.values.map((v) =>
      t.encoding === 'base64' ? new Uint8Array(Buffer.from(v as string, 'base64')) : enc.encode(v as string),
    );
  } else if (FLOATS.has(t.dtype)) {
    values = t.values.map(goldenFloat);
  } else if (WIDE_INTS.has(t.dtype)) {
    values = t.values.map((v) => BigInt(v as string));
  } else if (t.dtype === 'bool') {
    values = t.values.map((v) => v === true);
  } else {
    values = t.values.map((v) => v as number);
  }
  return { dtype: t.dtype, shape: t.shape, values };
}

/** Decodes IEEE half-precision bits. */
export function float16FromBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** Decodes bfloat16 bits (the high half of a float32). */
export function bfloat16FromBits(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0];
}

/** What BundleReader returns (see src/bundle/host_tensor.ts); typed loosely so this file
 * does not depend on the bundle layer being present. */
export interface HostTensorLike {
  dtype: string;
  shape: number[];
  data: ArrayLike<number | bigint> | Uint8Array[];
}

/** A checkpoint HostTensor in canonical form. */
export function fromHost(t: HostTensorLike): Canonical {
  const data = t.data as ArrayLike<number | bigint>;
  let values: Scalar[];
  if (t.dtype === 'string') values = [...(t.data as Uint8Array[])];
  else if (t.dtype === 'float16') values = Array.from(data as ArrayLike<number>, float16FromBits);
  else if (t.dtype === 'bfloat16') values = Array.from(data as ArrayLike<number>, bfloat16FromBits);
  else if (t.dtype === 'bool') values = Array.from(data as ArrayLike<number>, (x) => x !== 0);
  else values = Array.from(data);
  return { dtype: t.dtype, shape: [...t.shape], values };
}

/** The parts of a tfjs tensor the comparisons read. */
export interface TfjsTensorLike {
  dtype: string;
  shape: number[];
  dataSync(): ArrayLike<number> | Uint8Array[] | string[];
}

/** A tfjs tensor in canonical form (dtype stays the tfjs dtype). */
export function fromTfjs(t: TfjsTensorLike): Canonical {
  // String tensors hold bytes; dataSync() would decode them as UTF-8 (lossy for binary strings),
  // so a real tfjs tensor's bytes are read from its backend.
  const dataId = (t as { dataId?: object }).dataId;
  const data = t.dtype === 'string' && dataId ? (tf.engine().readSync(dataId) as unknown as Uint8Array[]) : t.dataSync();
  let values: Scalar[];
  if (t.dtype === 'string') {
    const enc = new TextEncoder();
    values = Array.from(data as ArrayLike<Uint8Array | string>, (s) => (typeof s === 'string' ? enc.encode(s) : s));
  } else if (t.dtype === 'bool') values = Array.from(data as ArrayLike<number>, (x) => x !== 0);
  else values = Array.from(data as ArrayLike<number>);
  return { dtype: t.dtype, shape: [...t.shape], values };
}

function show(v: Scalar | undefined): string {
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('latin1'));
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  return String(v);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function shapeProblem(actual: Canonical, expected: Canonical): string | null {
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
    return `shape [${actual.shape}] but TensorFlow has [${expected.shape}]`;
  }
  if (actual.values.length !== expected.values.length) {
    return `${actual.values.length} values but TensorFlow has ${expected.values.length}`;
  }
  return null;
}

/**
 * Exact comparison (same dtype, shape, and every value identical: -0 ≠ 0, NaN = NaN, bytes equal).
 * Returns null when equal, else a message naming the first difference.
 */
export function exactProblem(actual: Canonical, expected: Canonical): string | null {
  if (actual.dtype !== expected.dtype) return `dtype ${actual.dtype} but TensorFlow has ${expected.dtype}`;
  const s = shapeProblem(actual, expected);
  if (s) return s;
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i];
    const e = expected.values[i];
    const same = a instanceof Uint8Array && e instanceof Uint8Array ? sameBytes(a, e) : Object.is(a, e);
    if (!same) return `value #${i} is ${show(a)} but TensorFlow has ${show(e)}`;
  }
  return null;
}

/**
 * Comparison of a computed result (in tfjs dtypes) with TensorFlow's: dtype must be the tfjs
 * dtype of TensorFlow's; integers, bools and strings exact; floats within
 * |a − e| ≤ rtol·|e| + rtol·max|e| (relative, with the tensor's own scale as the absolute floor,
 * so values near zero in a tensor of larger values do not fail on round-off); non-finite exact.
 */
export function closeProblem(actual: Canonical, expected: Canonical, rtol: number): string | null {
  const want = tfjsDtype(expected.dtype);
  if (actual.dtype !== want) return `dtype ${actual.dtype} but TensorFlow's ${expected.dtype} computes as ${want}`;
  const s = shapeProblem(actual, expected);
  if (s) return s;
  if (!isFloatDtype(expected.dtype)) {
    for (let i = 0; i < expected.values.length; i++) {
      const a = actual.values[i];
      const e = expected.values[i];
      const ok =
        a instanceof Uint8Array && e instanceof Uint8Array
          ? sameBytes(a, e)
          : typeof e === 'bigint'
            ? BigInt(a as number) === e
            : a === e;
      if (!ok) return `value #${i} is ${show(a)} but TensorFlow has ${show(e)}`;
    }
    return null;
  }
  let scale = 0;
  for (const e of expected.values) if (Number.isFinite(e as number)) scale = Math.max(scale, Math.abs(e as number));
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i] as number;
    const e = expected.values[i] as number;
    if (!Number.isFinite(e)) {
      if (!Object.is(a, e)) return `value #${i} is ${show(a)} but TensorFlow has ${show(e)}`;
      continue;
    }
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + rtol * scale)) {
      return `value #${i} is ${a} but TensorFlow has ${e} (rtol ${rtol})`;
    }
  }
  return null;
}
