/**
 * Writes a large tensor in chunks so that checksumming (on the main thread) overlaps the file
 * writes (in Node's thread pool): chunk k+1 is checksummed while chunk k is being written. No
 * bytes are copied; small tensors go in one piece.
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
