/**
 * Reads one table block (the layout is described in block_builder.ts). Construction checks the
 * restart array; iteration decodes entries with every length checked against the block, so a
 * corrupt block raises SavedModelError('DATA_LOSS') naming the block.
 */
import { SavedModelError } from '../../errors.js';
import { ByteReader, getFixed32 } from '../coding.js';

/** One decoded key/value pair; `value` is a view into the block. */
export interface BlockEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** Byte-wise comparison (memcmp order), the order of table keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** A decoded view of one block: iterate its entries or seek the first key ≥ a target. */
export class Block {
  /** Where the restart array starts, i.e. the end of the entries. */
  private readonly restartsAt: number;
  private readonly numRestarts: number;

  constructor(
    private readonly data: Uint8Array,
    readonly what: string,
  ) {
    if (data.length < 4) this.fail(`at least 4 bytes, found ${data.length}`);
    this.numRestarts = getFixed32(data, data.length - 4);
    const maxRestarts = Math.floor((data.length - 4) / 4);
    if (this.numRestarts > maxRestarts) {
      this.fail(`at most ${maxRestarts} restart points for ${data.length} bytes, found ${this.numRestarts}`);
    }
    this.restartsAt = data.length - 4 - this.numRestarts * 4;
    for (let i = 0; i < this.numRestarts; i++) {
      const r = this.restartPoint(i);
      if (r > this.restartsAt || (i > 0 && r <= this.restartPoint(i - 1))) this.fail(`increasing restart offsets inside the entries, restart ${i} is ${r}`);
    }
    if (this.numRestarts === 0 && this.restartsAt > 0) this.fail('restart points for a non-empty block');
  }

  private fail(expected: string): never {
    throw new SavedModelError('DATA_LOSS', `corrupt ${this.what}: expected ${expected}`);
  }

  private restartPoint(i: number): number {
    return getFixed32(this.data, this.restartsAt + 4 * i);
  }

  /** All entries in order, starting at byte `from` (a restart point). */
  *entries(from = 0): Generator<BlockEntry> {
    const r = new ByteReader(this.data, this.what, from, this.restartsAt);
    let last: Uint8Array = new Uint8Array(0);
    while (r.remaining > 0) {
      const shared = r.varint32();
      const unshared = r.varint32();
      const valueLength = r.varint32();
      if (shared > last.length) this.fail(`a shared key prefix of at most ${last.length} bytes at byte ${r.pos}, found ${shared}`);
      const suffix = r.take(unshared);
      const value = r.take(valueLength);
      const key = new Uint8Array(shared + unshared);
      key.set(last.subarray(0, shared));
      key.set(suffix, shared);
      last = key;
      yield { key, value };
    }
  }

  /** The first entry whose key is ≥ `target`, or null when every key is smaller. */
  seek(target: Uint8Array): BlockEntry | null {
    if (this.numRestarts === 0) return null;
    // Binary search for the last restart point whose key is < target.
    let lo = 0;
    let hi = this.numRestarts - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const first = this.entries(this.restartPoint(mid)).next();
      if (first.done) this.fail(`an entry at restart point ${mid}`);
      if (compareBytes(first.value.key, target) < 0) lo = mid;
      else hi = mid - 1;
    }
    for (const e of this.entries(this.restartPoint(lo))) {
      if (compareBytes(e.key, target) >= 0) return e;
    }
    return null;
  }
}
