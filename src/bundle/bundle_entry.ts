/**
 * BundleHeaderProto / BundleEntryProto ↔ plain objects. Decoding checks what a corrupt or hostile
 * index could get wrong (unknown dtypes, negative or unsafe numbers, bad shapes) and reports it
 * as DATA_LOSS naming the key; encoding leaves every default field out, as TF's C++ does, so the
 * serialized bytes match TF's.
 */
import Long from 'long';
import { SavedModelError } from '../errors.js';
import { tensorflow } from '../proto/index.js';
import { type DType, dtypeFromEnum, dtypeToEnum } from './dtypes.js';
import type { SliceExtent } from './tensor_slice.js';

/** Where and how one tensor is stored, as `BundleReader.entry(key)` reports it. */
export interface BundleEntry {
  dtype: DType;
  shape: number[];
  /** Data shard holding the bytes (0-based). */
  shardId: number;
  /** Byte offset in that shard. */
  offset: number;
  /** Stored byte count. */
  size: number;
  /** CRC-32C of the stored bytes, masked as stored in the index (see `unmaskCrc`). */
  crc32c: number;
  /** For a partitioned variable: its slices (each stored under its own key); else empty. */
  slices: SliceExtent[][];
}

/** The bundle-wide header stored under the empty key. */
export interface BundleHeader {
  numShards: number;
  endianness: 'little' | 'big';
  version: { producer: number; minConsumer: number; badConsumers: number[] };
}

function toNumber(v: Long | number | null | undefined, what: string, field: string): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === 'number' ? v : v.toNumber();
  if (!Number.isSafeInteger(n) || n < 0) throw new SavedModelError('DATA_LOSS', `${what}: ${field} ${String(v)} is not a non-negative integer below 2^53`);
  return n;
}

function decodeProto<T>(decode: (b: Uint8Array) => T, bytes: Uint8Array, what: string): T {
  try {
    return decode(bytes);
  } catch (e) {
    throw new SavedModelError('DATA_LOSS', `${what} is not parseable: ${(e as Error).message}`, { cause: e });
  }
}

/** Decodes the header record. */
export function decodeHeader(bytes: Uint8Array, file: string): BundleHeader {
  const h = decodeProto((b) => tensorflow.BundleHeaderProto.decode(b), bytes, `bundle header of ${file}`);
  const v = h.version ?? {};
  return {
    numShards: h.numShards,
    endianness: h.endianness === tensorflow.BundleHeaderProto.Endianness.BIG ? 'big' : 'little',
    version: { producer: v.producer ?? 0, minConsumer: v.minConsumer ?? 0, badConsumers: [...(v.badConsumers ?? [])] },
  };
}

/** Encodes a header record; endianness defaults to little, version to TF's bundle version 1. */
export function encodeHeader(h: BundleHeader): Uint8Array {
  return tensorflow.BundleHeaderProto.encode({
    numShards: h.numShards,
    endianness: h.endianness === 'big' ? tensorflow.BundleHeaderProto.Endianness.BIG : tensorflow.BundleHeaderProto.Endianness.LITTLE,
    version: { producer: h.version.producer, minConsumer: h.version.minConsumer, badConsumers: h.version.badConsumers },
  }).finish();
}

/** Decodes the entry stored under `key` (named in errors). */
export function decodeEntry(bytes: Uint8Array, key: string): BundleEntry {
  const what = `checkpoint entry '${key}'`;
  const e = decodeProto((b) => tensorflow.BundleEntryProto.decode(b), bytes, what);
  const shape = e.shape ?? {};
  if (shape.unknownRank) throw new SavedModelError('DATA_LOSS', `${what}: shape of unknown rank`);
  const dims = (shape.dim ?? []).map((d, i) => toNumber(d.size as Long | number | null | undefined, what, `dimension ${i}`));
  const slices = (e.slices ?? []).map((s) =>
    (s.extent ?? []).map((x): SliceExtent => {
      const start = toNumber(x.start as Long | number | null | undefined, what, 'slice start');
      return x.length === null || x.length === undefined ? { start } : { start, length: toNumber(x.length as Long | number, what, 'slice length') };
    }),
  );
  if (e.shardId < 0) throw new SavedModelError('DATA_LOSS', `${what}: negative shard id ${e.shardId}`);
  return {
    dtype: dtypeFromEnum(e.dtype),
    shape: dims,
    shardId: e.shardId,
    offset: toNumber(e.offset, what, 'offset'),
    size: toNumber(e.size, what, 'size'),
    crc32c: e.crc32c >>> 0,
    slices,
  };
}

/** Encodes an entry with every zero/empty field omitted (TF's proto3 serialization). */
export function encodeEntry(e: BundleEntry): Uint8Array {
  return tensorflow.BundleEntryProto.encode({
    dtype: dtypeToEnum(e.dtype),
    shape: { dim: e.shape.map((size) => ({ size: Long.fromNumber(size) })) },
    shardId: e.shardId,
    offset: Long.fromNumber(e.offset),
    size: Long.fromNumber(e.size),
    crc32c: e.crc32c,
    slices: e.slices.map((s) => ({
      extent: s.map((x) => (x.length === undefined ? { start: Long.fromNumber(x.start) } : { start: Long.fromNumber(x.start), length: Long.fromNumber(x.length) })),
    })),
  }).finish();
}
