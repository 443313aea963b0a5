/**
 * How message objects hold field values (as protobufjs static classes do) and the small
 * conversions text format needs: 64-bit integers as Long, map keys as object keys, presence.
 */
import protobuf from 'protobufjs/light.js';
import type { FieldInfo, ScalarKind } from './schema.js';

import type LongClass from 'long';

/** The Long class protobufjs decodes 64-bit integers into (the `long` package). */
export const Long = protobuf.util.Long as unknown as typeof LongClass;
/** A Long value. */
export type LongValue = LongClass;

/** True for the 64-bit integer scalar types. */
export function is64Bit(kind: ScalarKind): boolean {
  return kind === 'int64' || kind === 'uint64' || kind === 'sint64' || kind === 'fixed64' || kind === 'sfixed64';
}

/** True for the unsigned integer scalar types. */
export function isUnsigned(kind: ScalarKind): boolean {
  return kind === 'uint32' || kind === 'fixed32' || kind === 'uint64' || kind === 'fixed64';
}

function isLongLike(v: unknown): v is { low: number; high: number } {
  return typeof v === 'object' && v !== null && typeof (v as { low?: unknown }).low === 'number'
    && typeof (v as { high?: unknown }).high === 'number';
}

/** A 64-bit integer value as decimal text, with the field's signedness. */
export function int64Text(v: unknown, unsigned: boolean): string {
  // Fast path: values that fit in 31 bits (almost all of them).
  if (isLongLike(v) && ((v.high === 0 && v.low >= 0) || (!unsigned && v.high === -1 && v.low < 0))) return String(v.low);
  return int64ToBigInt(v, unsigned).toString();
}

/** A 64-bit integer value (Long, number, bigint or decimal string) as a bigint of the field's signedness. */
export function int64ToBigInt(v: unknown, unsigned: boolean): bigint {
  let big: bigint;
  if (isLongLike(v)) {
    big = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  } else if (typeof v === 'bigint') {
    big = v;
  } else if (typeof v === 'number') {
    big = BigInt(Math.trunc(v));
  } else if (typeof v === 'string' && /^-?\d+$/.test(v)) {
    big = BigInt(v);
  } else {
    big = 0n;
  }
  return unsigned ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big);
}

/** A bigint as the Long protobufjs would decode for a field of this signedness. */
export function bigIntToLong(v: bigint, unsigned: boolean): LongValue {
  const bits = BigInt.asUintN(64, v);
  return Long.fromBits(Number(bits & 0xffffffffn) | 0, Number(bits >> 32n) | 0, unsigned);
}

/** True when a field value is not its type's zero (the rule for proto3 fields without presence). */
export function isNonZero(field: FieldInfo, v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (field.kind === 'enum') return v !== 0;
  switch (field.scalar) {
    case 'bool':
      return v === true;
    case 'string':
      return typeof v === 'string' && v.length > 0;
    case 'bytes':
      return (v as ArrayLike<number>).length > 0;
    case 'float':
    case 'double':
      // -0 and NaN have non-zero bits, so they count as set, as in C++ and upb.
      return !Object.is(v, 0);
    default:
      if (isLongLike(v)) return v.low !== 0 || v.high !== 0;
      if (typeof v === 'string') return /^-?\d+$/.test(v) && BigInt(v) !== 0n;
      return v !== 0 && v !== 0n;
  }
}

/** A map's object key turned back into the typed key value (number, boolean, bigint or string). */
export function mapKeyValue(kind: ScalarKind, key: string): MapKey {
  if (kind === 'string') return key;
  if (kind === 'bool') return key === 'true' || key === '1';
  if (is64Bit(kind)) {
    const unsigned = isUnsigned(kind);
    // protobufjs decodes 64-bit keys to 8-character "hash" strings; encode accepts decimal too.
    const typed: unknown = protobuf.util.longFromKey(key, unsigned);
    return int64ToBigInt(typed, unsigned);
  }
  return Number(key);
}

/** The object key protobufjs decode uses for a 64-bit map key (an 8-character hash string). */
export function longKey(v: LongValue): string {
  return protobuf.util.longToHash(v as unknown as protobuf.Long);
}

/** A typed map key. */
export type MapKey = string | number | boolean | bigint;

/** Orders typed map keys as C++ and Python do: numerically, false before true, strings by code point (= UTF-8 bytes). */
export function compareMapKeys(a: MapKey, b: MapKey): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Orders typed map keys as upb's text encoder (Python's `str(message)`) does: strings by UTF-8
 * bytes in reverse, except that a prefix comes before the longer key; integers ascending, as
 * unsigned (protobuf 7) or signed (`signed`, protobuf 4) numbers; false before true.
 */
export function compareMapKeysUpb(a: MapKey, b: MapKey, signed: boolean): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const i = firstDifference(a, b);
    return i < 0 ? a.length - b.length : codeUnitRank(b.charCodeAt(i)) - codeUnitRank(a.charCodeAt(i));
  }
  if (!signed && (typeof a === 'number' || typeof a === 'bigint')) {
    const ua = BigInt.asUintN(64, BigInt(a));
    const ub = BigInt.asUintN(64, BigInt(b as number | bigint));
    return ua === ub ? 0 : ua < ub ? -1 : 1;
  }
  return compareMapKeys(a, b);
}

/** Compares two strings by Unicode code point (UTF-16 order differs for characters above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const i = firstDifference(a, b);
  return i < 0 ? a.length - b.length : codeUnitRank(a.charCodeAt(i)) - codeUnitRank(b.charCodeAt(i));
}

/** Index of the first differing UTF-16 unit, or -1 when one string is a prefix of the other. */
function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return -1;
}

function codeUnitRank(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000; // surrogates stand for code points above U+FFFF
  if (c >= 0xe000) return c - 0x800;
  return c;
}
