/**
 * Writes a table the way TensorFlow's table builder does, so the bytes match:
 * - data blocks are cut when their size estimate reaches `blockSize` (TF: 256 KiB), and an
 *   entry of ≥ 2 × blockSize bytes first closes the current block;
 * - each block is stored snappy-compressed only when compression is on and saves at least an
 *   eighth (compressed < raw - raw/8), else raw;
 * - the index block (restart interval 1) maps, per data block, a separator key — the shortest
 *   key ≥ the block's last key and < the next block's first key, or for the last block the
 *   shortest key ≥ its last key — to the block's handle;
 * - then an empty metaindex block, the index block, and the footer.
 */
import { SavedModelError } from '../../errors.js';
import { ByteWriter } from '../coding.js';
import { snappyCompress } from '../snappy_compress.js';
import { BlockBuilder } from './block_builder.js';
import { compareBytes } from './block.js';
import { type BlockCompression, type BlockHandle, encodeBlockHandle, encodeBlockTrailer, encodeFooter } from './format.js';

/** Table-writing options; the defaults are TensorFlow's. */
export interface TableOptions {
  /** Target uncompressed size of a data block. Default 262144 (TF's table options). */
  blockSize?: number;
  /** Entries between restart points in data blocks. Default 16. */
  restartInterval?: number;
  /** Block compression. Default 'none' (what TF's BundleWriter uses since 1.2; TF 1.0/1.1 used snappy). */
  compression?: BlockCompression;
}

/** Shortens `start` to a key in [start, limit) when one byte can be bumped; else returns it unchanged. */
export function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const min = Math.min(start.length, limit.length);
  let i = 0;
  while (i < min && start[i] === limit[i]) i++;
  if (i >= min) return start;
  const b = start[i];
  if (b < 0xff && b + 1 < limit[i]) {
    const out = start.slice(0, i + 1);
    out[i]++;
    return out;
  }
  return start;
}

/** The shortest key ≥ `key`: its prefix up to the first byte that is not 0xff, bumped by one. */
export function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return key;
}

/** Builds a whole table in memory from entries added in key order (`finish()` returns the file). */
export class TableBuilder {
  private readonly blockSize: number;
  private readonly compression: BlockCompression;
  private readonly data: BlockBuilder;
  private readonly index = new BlockBuilder(1);
  private readonly chunks: Uint8Array[] = [];
  private offset = 0;
  private lastKey: Uint8Array | null = null;
  private pendingHandle: BlockHandle | null = null;
  private finished = false;

  constructor(options: TableOptions = {}) {
    this.blockSize = options.blockSize ?? 262144;
    this.compression = options.compression ?? 'none';
    this.data = new BlockBuilder(options.restartInterval ?? 16);
  }

  /** Adds an entry; keys must be strictly increasing in byte order. */
  add(key: Uint8Array, value: Uint8Array): void {
    if (this.finished) throw new SavedModelError('FAILED_PRECONDITION', 'table already finished');
    if (this.lastKey !== null) {
      if (compareBytes(key, this.lastKey) <= 0) {
        throw new SavedModelError('INVALID_ARGUMENT', 'table keys must be added in strictly increasing byte order');
      }
      if (key.length + value.length >= 2 * this.blockSize) this.flush();
    }
    if (this.pendingHandle !== null && this.lastKey !== null) {
      this.addIndexEntry(shortestSeparator(this.lastKey, key), this.pendingHandle);
      this.pendingHandle = null;
    }
    this.lastKey = key.slice();
    this.data.add(this.lastKey, value);
    if (this.data.currentSizeEstimate() >= this.blockSize) this.flush();
  }

  private addIndexEntry(key: Uint8Array, handle: BlockHandle): void {
    this.index.add(key, encodeBlockHandle(new ByteWriter(20), handle).toBytes());
  }

  private flush(): void {
    if (this.data.empty) return;
    this.pendingHandle = this.writeBlock(this.data);
  }

  private writeBlock(block: BlockBuilder): BlockHandle {
    const raw = block.finish();
    block.reset();
    let contents = raw;
    let type: BlockCompression = 'none';
    if (this.compression === 'snappy') {
      const compressed = snappyCompress(raw);
      if (compressed.length < raw.length - Math.floor(raw.length / 8)) {
        contents = compressed;
        type = 'snappy';
      }
    }
    const handle = { offset: this.offset, size: contents.length };
    this.chunks.push(contents, encodeBlockTrailer(contents, type));
    this.offset += contents.length + 5;
    return handle;
  }

  /** Writes the last data block, the metaindex, the index and the footer; returns the whole file. */
  finish(): Uint8Array {
    if (this.finished) throw new SavedModelError('FAILED_PRECONDITION', 'table already finished');
    this.flush();
    this.finished = true;
    const metaindex = this.writeBlock(new BlockBuilder(16));
    if (this.pendingHandle !== null && this.lastKey !== null) {
      this.addIndexEntry(shortSuccessor(this.lastKey), this.pendingHandle);
      this.pendingHandle = null;
    }
    const index = this.writeBlock(this.index);
    this.chunks.push(encodeFooter(metaindex, index));
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
