/**
 * BundleReader: reads a TensorBundle checkpoint (`<prefix>.index` + `<prefix>.data-*-of-*`).
 * Opening reads the index table (footer, index block, data blocks: metadata only); reading a
 * tensor range-reads exactly its bytes from its shard and verifies its checksum.
 */
import { SavedModelError, isSavedModelError } from '../errors.js';
import type { FileSystem } from '../io/filesystem.js';
import { resolveFileSystem } from '../io/default.js';
import { type BundleEntry, type BundleHeader, decodeEntry, decodeHeader } from './bundle_entry.js';
import { crc32c, loadCrc32c, unmaskCrc } from './crc32c.js';
import { type DType, dtypeInfo } from './dtypes.js';
import { HOST_IS_LITTLE_ENDIAN, type HostTensor, numElements, numericFromBytes } from './host_tensor.js';
import { dataFilename, indexFilename } from './naming.js';
import { decodeStringTensor } from './string_tensor.js';
import { Table } from './table/table.js';
import { copySliceInto, encodeTensorNameSlice, sliceShape } from './tensor_slice.js';

/**
 * Pieces in which `readInto` reads a tensor: each is checksummed right after it arrived, while
 * the next is being read and while it is still in the CPU cache (CRC-32C of cache-warm bytes
 * costs about a third of a pass over a cold 16 MiB tensor).
 */
export const READ_CHUNK_BYTES = 1 << 20;

/** TF's tensor bundle format version this reader understands. */
const BUNDLE_VERSION = 1;
const MIN_PRODUCER = 0;

/** Options of `BundleReader.open`. */
export interface BundleReaderOptions {
  fs?: FileSystem;
  /** Verify each tensor's CRC-32C on read (default true). Index blocks are always verified. */
  verifyChecksums?: boolean;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** A byte string as a JS string with one char per byte (a lossless map key). */
function binaryKey(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** Reads tensors from a TensorBundle checkpoint; open with `BundleReader.open(prefix)`. */
export class BundleReader {
  private readonly decoded = new Map<string, BundleEntry>();

  private constructor(
    readonly prefix: string,
    private readonly fs: FileSystem,
    /** The header record: shard count, byte order, format version. */
    readonly header: BundleHeader,
    /** Raw entry records by binary key (header excluded). */
    private readonly records: Map<string, Uint8Array>,
    /** Public keys (UTF-8 decoded, slice parts excluded) in table order → binary key. */
    private readonly names: Map<string, string>,
    private readonly verify: boolean,
    /** True when TF stored some block of the index file snappy-compressed. */
    readonly indexCompressed: boolean,
  ) {}

  /** Opens the bundle at `prefix` (e.g. `…/variables/variables`). */
  static async open(prefix: string, options: BundleReaderOptions = {}): Promise<BundleReader> {
    const fs = await resolveFileSystem(options.fs, prefix);
    await loadCrc32c();
    const path = indexFilename(prefix);
    if (!(await fs.exists(path))) throw new SavedModelError('NOT_FOUND', `no checkpoint at ${prefix}: ${path} does not exist`);
    const table = await Table.open(fs, path);
    const records = new Map<string, Uint8Array>();
    const names = new Map<string, string>();
    let header: BundleHeader | null = null;
    for await (const { key, value } of table.entries()) {
      if (key.length === 0) {
        header = decodeHeader(value, path);
        continue;
      }
      const bin = binaryKey(key);
      records.set(bin, value);
      // Slice parts (keys starting with a 0 byte, see tensor_slice.ts) stay internal.
      if (key[0] !== 0) names.set(utf8Decoder.decode(key), bin);
    }
    if (header === null) throw new SavedModelError('DATA_LOSS', `${path}: no header record (empty key) in the checkpoint index`);
    checkVersion(header, path);
    if (!(header.numShards >= 1)) throw new SavedModelError('DATA_LOSS', `${path}: header declares ${header.numShards} data shards`);
    return new BundleReader(prefix, fs, header, records, names, options.verifyChecksums ?? true, table.snappyBlocksRead > 0);
  }

  /** Tensor keys in TF's (byte-wise) order; the header and the parts of sliced tensors excluded. */
  keys(): string[] {
    return [...this.names.keys()];
  }

  /** True when `key` names a tensor in this bundle. */
  has(key: string): boolean {
    return this.names.has(key);
  }

  /** Where and how tensor `key` is stored. Throws NOT_FOUND for an unknown key. */
  entry(key: string): BundleEntry {
    const bin = this.names.get(key);
    if (bin === undefined) throw new SavedModelError('NOT_FOUND', `key '${key}' not found in checkpoint ${this.prefix}`);
    return this.entryByBinaryKey(bin, key);
  }

  private entryByBinaryKey(bin: string, name: string): BundleEntry {
    let e = this.decoded.get(bin);
    if (!e) {
      const record = this.records.get(bin);
      if (!record) throw new SavedModelError('DATA_LOSS', `checkpoint ${this.prefix} lists slice '${name}' but has no entry for it`);
      e = decodeEntry(record, name);
      this.decoded.set(bin, e);
    }
    return e;
  }

  /** Reads tensor `key`, reassembling it from its slices when it was saved partitioned. */
  async read(key: string): Promise<HostTensor> {
    const e = this.entry(key);
    if (e.slices.length === 0) return this.readStored(e, key);
    return this.readSliced(key, e);
  }

  private async readSliced(key: string, full: BundleEntry): Promise<HostTensor> {
    const info = dtypeInfo(full.dtype);
    const n = numElements(full.shape);
    const data = info.array ? new info.array(n * info.slotsPerElement) : new Array<Uint8Array>(n).fill(new Uint8Array(0));
    let covered = 0;
    const name = utf8.encode(key);
    for (const extents of full.slices) {
      const what = `slice of '${key}'`;
      const shape = sliceShape(full.shape, extents, what);
      const bin = binaryKey(encodeTensorNameSlice(name, extents));
      const part = this.entryByBinaryKey(bin, `${key} ${extents.map((x) => (x.length === undefined ? '-' : `${x.start},${x.length}`)).join(':')}`);
      if (part.dtype !== full.dtype || part.shape.join() !== shape.join()) {
        throw new SavedModelError('DATA_LOSS', `${what}: stored as ${part.dtype} [${part.shape}], expected ${full.dtype} [${shape}]`);
      }
      const values = await this.readStored(part, key);
      copySliceInto(data, full.shape, extents, values.data as typeof data, info.slotsPerElement);
      covered += numElements(shape);
    }
    if (covered !== n) {
      throw new SavedModelError('DATA_LOSS', `'${key}': its ${full.slices.length} slices cover ${covered} of ${n} elements`);
    }
    return { dtype: full.dtype, shape: [...full.shape], data };
  }

  private async readStored(e: BundleEntry, key: string): Promise<HostTensor> {
    const shard = this.checkStored(e, key);
    return this.decodeStored(e, key, shard, await this.readRange(shard, e.offset, e.size, key));
  }

  /**
   * True when `readInto` can read tensor `key`: a fixed-size dtype, stored whole (not as slices),
   * in this host's byte order.
   */
  canReadInto(key: string): boolean {
    const e = this.entry(key);
    const swap = (this.header.endianness === 'little') !== HOST_IS_LITTLE_ENDIAN;
    return e.slices.length === 0 && !swap && dtypeInfo(e.dtype).elementBytes !== null;
  }

  /**
   * Reads the stored bytes of tensor `key` (see `canReadInto`) straight into the caller's memory
   * and verifies their checksum. `target()` returns the destination, exactly `entry(key).size`
   * bytes; it is called again if the view it gave was detached meanwhile (WebAssembly memory
   * that grew while the read was in flight), and the bytes are then read again. Large tensors are
   * read in READ_CHUNK_BYTES pieces, each checksummed while the next is read.
   */
  async readInto(key: string, target: () => Uint8Array): Promise<void> {
    if (!this.canReadInto(key)) throw new SavedModelError('INVALID_ARGUMENT', `readInto('${key}'): the tensor is sliced, byte-swapped or variable-size; use read()`);
    const e = this.entry(key);
    const shard = this.checkStored(e, key);
    for (let attempt = 0; attempt < 3; attempt++) {
      const view = target();
      if (view.byteLength !== e.size) {
        throw new SavedModelError('INVALID_ARGUMENT', `readInto('${key}'): the destination holds ${view.byteLength} bytes, the tensor ${e.size}`);
      }
      if (e.size === 0) return;
      let actual = 0;
      try {
        if (this.fs.readRangeInto) {
          const onChunk = this.verify ? (c: Uint8Array) => void (actual = crc32c(c, actual)) : undefined;
          await this.fs.readRangeInto(shard, e.offset, view, onChunk, READ_CHUNK_BYTES);
        } else {
          view.set(await this.fs.readRange(shard, e.offset, e.size));
          if (this.verify) actual = crc32c(view);
        }
      } catch (err) {
        if (view.byteLength === e.size) throw this.readError(err, shard, key);
      }
      if (view.byteLength !== e.size) continue; // detached during the read: read again into the new view
      if (this.verify && actual !== unmaskCrc(e.crc32c)) {
        throw new SavedModelError(
          'DATA_LOSS',
          `checksum mismatch for tensor '${key}' in ${shard} (${e.size} bytes at offset ${e.offset}): stored crc32c ${hex(unmaskCrc(e.crc32c))}, computed ${hex(actual)}`,
        );
      }
      return;
    }
    throw new SavedModelError('INTERNAL', `readInto('${key}'): the destination kept moving while it was read`);
  }

  /**
   * Reads the tensors `keys` (default: all) in order, yielding each as soon as it is verified.
   * While one tensor is being checksummed the next one is already being read, so a bulk restore
   * overlaps checksumming with I/O without copying anything.
   */
  async *readMany(keys: readonly string[] = this.keys()): AsyncGenerator<[string, HostTensor]> {
    const start = async (key: string): Promise<() => HostTensor | Promise<HostTensor>> => {
      const e = this.entry(key);
      if (e.slices.length > 0) return () => this.readSliced(key, e);
      const shard = this.checkStored(e, key);
      const bytes = await this.readRange(shard, e.offset, e.size, key);
      return () => this.decodeStored(e, key, shard, bytes);
    };
    const begin = (key: string) => {
      const p = start(key);
      p.catch(() => undefined); // observed when awaited; no unhandled rejection if the caller stops early
      return p;
    };
    let next = keys.length > 0 ? begin(keys[0]) : null;
    for (let i = 0; i < keys.length; i++) {
      const current = next!;
      next = i + 1 < keys.length ? begin(keys[i + 1]) : null;
      yield [keys[i], await (await current)()];
    }
  }

  /** Checks entry `e` against its dtype and the header; returns its shard's path. */
  private checkStored(e: BundleEntry, key: string): string {
    const info = dtypeInfo(e.dtype);
    const n = numElements(e.shape);
    if (!Number.isSafeInteger(n)) throw new SavedModelError('DATA_LOSS', `'${key}': shape [${e.shape}] has too many elements`);
    if (e.dtype === 'resource' || e.dtype === 'variant') {
      throw new SavedModelError('UNIMPLEMENTED', `'${key}': reading ${e.dtype} tensors from checkpoints is not supported`);
    }
    if (info.elementBytes !== null && e.size !== n * info.elementBytes) {
      throw new SavedModelError('DATA_LOSS', `invalid size in checkpoint entry '${key}': stored size ${e.size}, expected ${n * info.elementBytes} for ${e.dtype} [${e.shape}]`);
    }
    if (e.shardId >= this.header.numShards) {
      throw new SavedModelError('DATA_LOSS', `'${key}': shard ${e.shardId} but the checkpoint has ${this.header.numShards} shards`);
    }
    return dataFilename(this.prefix, e.shardId, this.header.numShards);
  }

  /**
   * Verifies and wraps the stored bytes of entry `e` (read with one range read straight into their
   * own buffer; the typed array shares it when aligned).
   */
  private decodeStored(e: BundleEntry, key: string, shard: string, bytes: Uint8Array): HostTensor {
    const n = numElements(e.shape);
    const swap = (this.header.endianness === 'little') !== HOST_IS_LITTLE_ENDIAN;
    let actual: number;
    let data: HostTensor['data'];
    const what = `tensor '${key}' in ${shard}`;
    if (e.dtype === 'string') {
      if (e.size === 0 && n === 0) {
        return { dtype: e.dtype, shape: [...e.shape], data: [] };
      }
      const decoded = decodeStringTensor(bytes, n, what, swap);
      actual = decoded.crc;
      data = decoded.elements;
    } else {
      actual = this.verify ? crc32c(bytes) : 0;
      data = numericFromBytes(e.dtype, bytes, swap);
    }
    if (this.verify && actual !== unmaskCrc(e.crc32c)) {
      throw new SavedModelError(
        'DATA_LOSS',
        `checksum mismatch for ${what} (${e.size} bytes at offset ${e.offset}): stored crc32c ${hex(unmaskCrc(e.crc32c))}, computed ${hex(actual)}`,
      );
    }
    return { dtype: e.dtype as DType, shape: [...e.shape], data };
  }

  private async readRange(path: string, offset: number, size: number, key: string): Promise<Uint8Array> {
    if (size === 0) return new Uint8Array(0);
    try {
      return await this.fs.readRange(path, offset, size);
    } catch (e) {
      throw this.readError(e, path, key);
    }
  }

  /** A read failure of a data shard, with the tensor and the reason named. */
  private readError(e: unknown, path: string, key: string): unknown {
    if (isSavedModelError(e) && (e.code === 'NOT_FOUND' || e.code === 'DATA_LOSS')) {
      const detail = e.code === 'NOT_FOUND' ? 'the data shard is missing' : 'the data shard is too short';
      return new SavedModelError(e.code, `cannot read tensor '${key}' from ${path}: ${detail} (${e.message})`, { cause: e });
    }
    return e;
  }
}

function checkVersion(h: BundleHeader, path: string): void {
  const { producer, minConsumer, badConsumers } = h.version;
  if (producer < MIN_PRODUCER) {
    throw new SavedModelError('INVALID_ARGUMENT', `${path}: checkpoint producer version ${producer} is below the minimum ${MIN_PRODUCER}`);
  }
  if (minConsumer > BUNDLE_VERSION) {
    throw new SavedModelError('INVALID_ARGUMENT', `${path}: checkpoint needs a reader of format version ≥ ${minConsumer}; this reader is version ${BUNDLE_VERSION}`);
  }
  if (badConsumers.includes(BUNDLE_VERSION)) {
    throw new SavedModelError('INVALID_ARGUMENT', `${path}: checkpoint disallows readers of format version ${BUNDLE_VERSION}`);
  }
}

function hex(v: number): string {
  return '0x' + v.toString(16).padStart(8, '0');
}
