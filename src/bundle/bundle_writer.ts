/**
 * BundleWriter: writes a TensorBundle checkpoint that TensorFlow reads, byte-identical to what
 * TF's own BundleWriter writes for the same tensors added in the same order.
 *
 * Tensor bytes stream to the current data shard as they are added (no copy for numeric tensors);
 * with `maxShardBytes` a new shard starts when the next tensor would overflow the current one
 * (a tensor is never split), and `nextShard()` starts one explicitly (TF's sharded-save layout).
 * `finish()` closes the shards, names them `<prefix>.data-K-of-N`, and
 * writes `<prefix>.index`: the header (num_shards, endianness, version producer 1) under the empty
 * key, then one entry per tensor in byte-wise key order.
 */
import { SavedModelError } from '../errors.js';
import type { FileSystem, FileWriter } from '../io/filesystem.js';
import { resolveFileSystem } from '../io/default.js';
import { dirname } from '../io/path.js';
import { type BundleEntry, encodeEntry, encodeHeader } from './bundle_entry.js';
import { type StagedBytes, writeChecksummed, writeStaged } from './chunked_io.js';
import { loadCrc32c, maskCrc } from './crc32c.js';
import { HOST_IS_LITTLE_ENDIAN, type HostTensor, checkHostTensor, numElements, tensorBytes } from './host_tensor.js';
import { dataFilename, indexFilename } from './naming.js';
import { encodeStringTensor } from './string_tensor.js';
import { compareBytes } from './table/block.js';
import type { BlockCompression } from './table/format.js';
import { TableBuilder } from './table/table_builder.js';
import { type DType, type NumericArray, dtypeInfo } from './dtypes.js';

/** Options of `BundleWriter.create`. */
export interface BundleWriterOptions {
  fs?: FileSystem;
  /** Start a new data shard when the next tensor would take the current one past this size. */
  maxShardBytes?: number;
  /**
   * Compression of the index file's blocks. Default 'none', as the TF 2.15–2.21 wheels write
   * them; 'snappy' (a block is stored compressed only when that saves an eighth) matches the TF
   * builds that compress, e.g. TF 1.14, 2.1, 2.4 and 2.14 in our fixtures.
   */
  indexCompression?: BlockCompression;
}

const utf8 = new TextEncoder();

/** Writes a TensorBundle checkpoint; start with `BundleWriter.create(prefix)`, end with `finish()`. */
export class BundleWriter {
  private readonly entries = new Map<string, { key: Uint8Array; entry: BundleEntry }>();
  private readonly shardPaths: string[] = [];
  private writer: FileWriter | null = null;
  private tensorsInShard = 0;
  private queue: Promise<void> = Promise.resolve();
  private state: 'open' | 'finished' | 'failed' = 'open';

  private constructor(
    readonly prefix: string,
    private readonly fs: FileSystem,
    private readonly maxShardBytes: number,
    private readonly indexCompression: BlockCompression,
  ) {}

  /** Starts a bundle at `prefix`; its index (what makes it a checkpoint) appears only at `finish()`. */
  static async create(prefix: string, options: BundleWriterOptions = {}): Promise<BundleWriter> {
    const max = options.maxShardBytes ?? Infinity;
    if (!(max > 0)) throw new SavedModelError('INVALID_ARGUMENT', `maxShardBytes must be positive, got ${max}`);
    const fs = await resolveFileSystem(options.fs, prefix);
    await loadCrc32c();
    const dir = dirname(prefix);
    if (dir) await fs.mkdir(dir);
    return new BundleWriter(prefix, fs, max, options.indexCompression ?? 'none');
  }

  /**
   * Shard k's path while writing: without a size limit shard 0 gets its final name (renamed in
   * `finish()` if `nextShard()` added more shards); otherwise a temporary name.
   */
  private pendingShardPath(k: number): string {
    return this.maxShardBytes === Infinity && k === 0 ? dataFilename(this.prefix, 0, 1) : `${this.prefix}.data-${String(k).padStart(5, '0')}.tempstate`;
  }

  private run(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.state !== 'open') throw new SavedModelError('FAILED_PRECONDITION', `bundle writer for ${this.prefix} is ${this.state}`);
      try {
        await step();
      } catch (e) {
        this.state = 'failed';
        await this.discard();
        throw e;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Appends tensor `t` under `key` (calls are applied in order, even when not awaited). */
  add(key: string, t: HostTensor): Promise<void> {
    return this.append(key, t.dtype, t.shape, () => checkHostTensor(t, `tensor '${key}'`), () => {
      const encoded = t.dtype === 'string' ? encodeStringTensor(t.data as Uint8Array[]) : null;
      const bytes = encoded ? encoded.bytes : tensorBytes(t.data as NumericArray);
      const write = async (w: FileWriter): Promise<number> => {
        const written = await writeChecksummed(w, bytes);
        // A string tensor's checksum covers its encoding's parts, computed while encoding.
        return encoded ? encoded.crc : written;
      };
      return { size: bytes.length, write };
    });
  }

  /**
   * Appends a fixed-size tensor whose bytes (in this host's byte order) are copied out of other
   * memory piece by piece by `src.copy` (e.g. a WASM tensor, without a full-size copy in JS).
   */
  addStaged(key: string, dtype: DType, shape: readonly number[], src: StagedBytes): Promise<void> {
    const check = (): void => {
      const bytes = dtypeInfo(dtype).elementBytes;
      if (bytes === null || src.byteLength !== numElements(shape) * bytes) {
        throw new SavedModelError('INVALID_ARGUMENT', `tensor '${key}': ${src.byteLength} bytes for ${dtype} [${shape}]`);
      }
    };
    return this.append(key, dtype, shape, check, () => ({ size: src.byteLength, write: (w) => writeStaged(w, src) }));
  }

  /**
   * The steps both `add`s share: `key` checked (not the header's, not taken), `check` run, the key
   * reserved at once (so a duplicate added before this write runs is refused too), then, in
   * order, `bytes()` (the tensor's size and how to write it, returning the unmasked CRC-32C)
   * written into the current shard and its index entry recorded.
   */
  private append(
    key: string,
    dtype: DType,
    shape: readonly number[],
    check: () => void,
    bytes: () => { size: number; write: (w: FileWriter) => Promise<number> },
  ): Promise<void> {
    if (key === '') return Promise.reject(new SavedModelError('INVALID_ARGUMENT', 'the empty key is reserved for the bundle header'));
    if (this.entries.has(key)) return Promise.reject(new SavedModelError('INVALID_ARGUMENT', `adding duplicate key '${key}' to checkpoint ${this.prefix}`));
    try {
      check();
    } catch (e) {
      return Promise.reject(e);
    }
    this.entries.set(key, { key: utf8.encode(key), entry: null as unknown as BundleEntry });
    return this.run(async () => {
      const { size, write } = bytes();
      const w = await this.shardFor(size);
      const offset = w.position;
      const crc = await write(w);
      this.entries.get(key)!.entry = { dtype, shape: [...shape], shardId: this.shardPaths.length - 1, offset, size, crc32c: maskCrc(crc), slices: [] };
    });
  }

  /**
   * Ends the current data shard: tensors added afterwards go to a new one (as TF's sharded saves
   * lay them out). Does nothing when the current shard has no tensor yet.
   */
  nextShard(): Promise<void> {
    return this.run(async () => {
      if (this.writer && this.tensorsInShard > 0) {
        await this.writer.close();
        this.writer = null;
      }
    });
  }

  private async shardFor(size: number): Promise<FileWriter> {
    if (this.writer && this.writer.position > 0 && this.writer.position + size > this.maxShardBytes) {
      await this.writer.close();
      this.writer = null;
    }
    if (!this.writer) {
      const path = this.pendingShardPath(this.shardPaths.length);
      this.writer = await this.fs.openWriter(path);
      this.shardPaths.push(path);
      this.tensorsInShard = 0;
    }
    this.tensorsInShard++;
    return this.writer;
  }

  /** Closes the data shards and writes the index. The writer cannot be used afterwards. */
  finish(): Promise<void> {
    return this.run(async () => {
      if (this.shardPaths.length === 0) await this.shardFor(0); // TF writes an (empty) shard even for no tensors
      await this.writer?.close();
      this.writer = null;
      const n = this.shardPaths.length;
      for (let k = 0; k < n; k++) {
        const final = dataFilename(this.prefix, k, n);
        if (this.shardPaths[k] !== final) await this.fs.rename(this.shardPaths[k], final);
        this.shardPaths[k] = final;
      }
      const table = new TableBuilder({ compression: this.indexCompression });
      table.add(new Uint8Array(0), encodeHeader({ numShards: n, endianness: HOST_IS_LITTLE_ENDIAN ? 'little' : 'big', version: { producer: 1, minConsumer: 0, badConsumers: [] } }));
      const sorted = [...this.entries.values()].sort((a, b) => compareBytes(a.key, b.key));
      for (const { key, entry } of sorted) table.add(key, encodeEntry(entry));
      await this.fs.writeFile(indexFilename(this.prefix), table.finish());
      this.state = 'finished';
    });
  }

  /** Abandons the bundle: removes the shards written so far. */
  abort(): Promise<void> {
    return this.queue.then(async () => {
      if (this.state === 'finished') return;
      this.state = 'failed';
      await this.discard();
    });
  }

  private async discard(): Promise<void> {
    await this.writer?.abort().catch(() => undefined);
    this.writer = null;
    for (const p of this.shardPaths) await this.fs.remove(p).catch(() => undefined);
  }
}
