/**
 * Writes a large tensor in chunks so that checksumming (on the main thread) overlaps the file
 * writes (in Node's thread pool): chunk k+1 is checksummed while chunk k is being written. Bytes
 * in memory are not copied (small tensors go in one piece); bytes that live elsewhere (WASM
 * tensor memory) are copied piece by piece into two small alternating buffers, each checksummed
 * while it is still in the CPU cache and written while the next one is filled.
 */
import type { FileWriter } from '../io/filesystem.js';
import { crc32c } from './crc32c.js';

/** Chunk size for pipelined writes. */
export const WRITE_CHUNK_BYTES = 4 << 20;

/** Writes `bytes` to `w` and returns their CRC-32C. */
export async function writeChecksummed(w: FileWriter, bytes: Uint8Array): Promise<number> {
  let crc = 0;
  let pending: Promise<void> = Promise.resolve();
  for (let at = 0; at < bytes.length; at += WRITE_CHUNK_BYTES) {
    const chunk = bytes.subarray(at, at + WRITE_CHUNK_BYTES);
    crc = crc32c(chunk, crc);
    await pending;
    pending = w.write(chunk);
  }
  await pending;
  return crc;
}

/** Piece size of staged writes (small enough to stay in the CPU cache between copy, checksum and write). */
export const STAGE_BYTES = 1 << 20;

/** Bytes that are copied out piece by piece: `copy(from, into)` fills `into` with bytes [from, from + into.length). */
export interface StagedBytes {
  readonly byteLength: number;
  copy(from: number, into: Uint8Array): void;
}

/** Writes the bytes of `src` to `w` through two alternating STAGE_BYTES buffers; returns their CRC-32C. */
export async function writeStaged(w: FileWriter, src: StagedBytes): Promise<number> {
  const n = src.byteLength;
  const stages = [new Uint8Array(Math.min(STAGE_BYTES, n)), new Uint8Array(Math.min(STAGE_BYTES, n))];
  let crc = 0;
  let pending: Promise<void> = Promise.resolve();
  for (let at = 0, k = 0; at < n; at += STAGE_BYTES, k++) {
    // Stage k & 1 last held piece k - 2, whose write finished before piece k - 1's began.
    const piece = stages[k & 1].subarray(0, Math.min(STAGE_BYTES, n - at));
    src.copy(at, piece);
    crc = crc32c(piece, crc);
    await pending;
    pending = w.write(piece);
  }
  await pending;
  return crc;
}
