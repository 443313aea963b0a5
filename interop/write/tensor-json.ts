/**
 * Encodes what TypeScript wrote or computed in golden.json's tensor format (see
 * interop/gen/common.py), for the Python checks of direction B. -0 is written as the string "-0"
 * (JSON numbers cannot carry it); Python's float() reads it back exactly.
 */
import type { GoldenTensor } from '../../test/interop/golden.js';
import { bfloat16FromBits, float16FromBits, type HostTensorLike, type TfjsTensorLike } from '../../test/interop/values.js';

function floatJson(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

function stringsJson(items: Uint8Array[]): Pick<GoldenTensor, 'values' | 'encoding'> {
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    return { values: items.map((b) => dec.decode(b)) };
  } catch {
    return { values: items.map((b) => Buffer.from(b).toString('base64')), encoding: 'base64' };
  }
}

/** A HostTensor (checkpoint values) as golden JSON. */
export function hostJson(t: HostTensorLike): GoldenTensor {
  const base = { dtype: t.dtype, shape: [...t.shape] };
  if (t.dtype === 'string') return { ...base, ...stringsJson(t.data as Uint8Array[]) };
  const data = t.data as ArrayLike<number | bigint>;
  let values: Array<number | string | boolean>;
  if (t.dtype === 'float16') values = Array.from(data as ArrayLike<number>, (b) => floatJson(float16FromBits(b)));
  else if (t.dtype === 'bfloat16') values = Array.from(data as ArrayLike<number>, (b) => floatJson(bfloat16FromBits(b)));
  else if (t.dtype === 'bool') values = Array.from(data as ArrayLike<number>, (x) => x !== 0);
  else if (t.dtype === 'int64' || t.dtype === 'uint64') values = Array.from(data, (x) => String(x));
  else if (/^(float|complex)/.test(t.dtype)) values = Array.from(data as ArrayLike<number>, floatJson);
  else values = Array.from(data as ArrayLike<number>);
  return { ...base, values };
}

/** A tfjs tensor as golden JSON, declared as TensorFlow dtype `dtype` (e.g. int32 data of an int64 output). */
export function tfjsJson(t: TfjsTensorLike, dtype: string = t.dtype): GoldenTensor {
  const data = t.dataSync();
  const base = { dtype, shape: [...t.shape] };
  if (t.dtype === 'string') {
    const enc = new TextEncoder();
    return { ...base, ...stringsJson(Array.from(data as ArrayLike<Uint8Array | string>, (s) => (typeof s === 'string' ? enc.encode(s) : s))) };
  }
  if (t.dtype === 'bool') return { ...base, values: Array.from(data as ArrayLike<number>, (x) => x !== 0) };
  if (dtype === 'int64' || dtype === 'uint64') return { ...base, values: Array.from(data as ArrayLike<number>, (x) => String(x)) };
  return { ...base, values: Array.from(data as ArrayLike<number>, floatJson) };
}
