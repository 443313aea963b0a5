/**
 * Builds one table block. Keys are added in increasing byte order and stored with the prefix
 * they share with the previous key removed:
 *
 *   entry   := varint32 shared, varint32 unshared, varint32 value_length, key[shared..], value
 *   block   := entry* , uint32 restart_offset[num_restarts], uint32 num_restarts
 *
 * Every `restartInterval` entries a "restart point" stores its key whole (shared = 0) and its
 * offset goes into the restart array, so a reader can binary-search the block.
 */
import { ByteWriter, putFixed32 } from '../coding.js';

/** Accumulates sorted entries into one block. */
export class BlockBuilder {
  private buf = new ByteWriter(4096);
  private restarts: number[] = [0];
  private counter = 0;
  private lastKey: Uint8Array = new Uint8Array(0);
  private entries = 0;

  constructor(readonly restartInterval = 16) {
    if (!(restartInterval >= 1)) throw new RangeError(`restart interval must be ≥ 1, got ${restartInterval}`);
  }

  /** True when nothing was added since construction or the last reset. */
  get empty(): boolean {
    return this.entries === 0;
  }

  /** Size of the block if finished now (entries + restart array + its length). */
  currentSizeEstimate(): number {
    return this.buf.length + this.restarts.length * 4 + 4;
  }

  /** Adds an entry; `key` must sort after the previous key (checked by the table builder). */
  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.restartInterval) {
      const last = this.lastKey;
      const limit = Math.min(last.length, key.length);
      while (shared < limit && last[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.buf.length);
      this.counter = 0;
    }
    this.buf.varint(shared).varint(key.length - shared).varint(value.length);
    this.buf.bytes(key.subarray(shared)).bytes(value);
    this.lastKey = key;
    this.counter++;
    this.entries++;
  }

  /** The finished block bytes (a fresh array); call `reset()` before reusing the builder. */
  finish(): Uint8Array {
    const body = this.buf.view();
    const out = new Uint8Array(body.length + this.restarts.length * 4 + 4);
    out.set(body);
    let p = body.length;
    for (const r of this.restarts) p = putFixed32(out, p, r);
    putFixed32(out, p, this.restarts.length);
    return out;
  }

  /** Empties the builder for the next block. */
  reset(): void {
    this.buf = new ByteWriter(4096);
    this.restarts = [0];
    this.counter = 0;
    this.lastKey = new Uint8Array(0);
    this.entries = 0;
  }
}
