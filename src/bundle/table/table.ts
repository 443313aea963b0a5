/**
 * Reads a table through range reads: the footer, then the index block, then only the data
 * blocks a lookup or a scan needs. Every block's trailer checksum is verified; failures are
 * SavedModelError('DATA_LOSS') naming the file and the block.
 */
import { SavedModelError } from '../../errors.js';
import type { FileSystem } from '../../io/filesystem.js';
import { ByteReader } from '../coding.js';
import { Block, type BlockEntry, compareBytes } from './block.js';
import { BLOCK_TRAILER_SIZE, type BlockCompression, type BlockHandle, FOOTER_SIZE, decodeBlockHandle, decodeFooter, decodeStoredBlock } from './format.js';

/** One index entry: every key of the data block is ≤ `separator`. */
interface IndexEntry {
  separator: Uint8Array;
  handle: BlockHandle;
}

/** An opened table: lookups and scans that read only the blocks they need. */
export class Table {
  private readonly cache = new Map<number, Block>();
  /** Number of blocks read so far that were stored snappy-compressed. */
  snappyBlocksRead = 0;

  private constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    private readonly fileSize: number,
    private readonly index: IndexEntry[],
    /** Compression of the index block (TF compresses all blocks or none, so this tells how the file was written). */
    readonly indexCompression: BlockCompression,
  ) {}

  /** Opens the table at `path`: reads and checks the footer and the index block. */
  static async open(fs: FileSystem, path: string): Promise<Table> {
    const size = await fs.size(path);
    if (size < FOOTER_SIZE) {
      throw new SavedModelError('DATA_LOSS', `${path} is too short to be a table: ${size} bytes, a footer alone takes ${FOOTER_SIZE}`);
    }
    const footer = decodeFooter(await fs.readRange(path, size - FOOTER_SIZE, FOOTER_SIZE), path);
    const { block, compression } = await readBlock(fs, path, size, footer.index, 'index block');
    const index: IndexEntry[] = [];
    for (const e of block.entries()) {
      const handle = decodeBlockHandle(new ByteReader(e.value, `index entry of ${path}`));
      index.push({ separator: e.key, handle });
    }
    const table = new Table(fs, path, size, index, compression);
    if (compression === 'snappy') table.snappyBlocksRead++;
    return table;
  }

  /** Number of data blocks. */
  get blockCount(): number {
    return this.index.length;
  }

  private async dataBlock(i: number): Promise<Block> {
    const cached = this.cache.get(i);
    if (cached) return cached;
    const { handle } = this.index[i];
    const what = `data block ${i} (offset ${handle.offset}, ${handle.size} bytes)`;
    const { block, compression } = await readBlock(this.fs, this.path, this.fileSize, handle, what);
    if (compression === 'snappy') this.snappyBlocksRead++;
    this.cache.set(i, block);
    return block;
  }

  /** The value stored under `key`, or null. Reads at most one data block. */
  async get(key: Uint8Array): Promise<Uint8Array | null> {
    let lo = 0;
    let hi = this.index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes(this.index[mid].separator, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.index.length) return null;
    const e = (await this.dataBlock(lo)).seek(key);
    return e !== null && compareBytes(e.key, key) === 0 ? e.value : null;
  }

  /** Every entry in key order, reading the data blocks one after another. */
  async *entries(): AsyncGenerator<BlockEntry> {
    let last: Uint8Array | null = null;
    for (let i = 0; i < this.index.length; i++) {
      const block = await this.dataBlock(i);
      for (const e of block.entries()) {
        if (last !== null && compareBytes(e.key, last) <= 0) {
          throw new SavedModelError('DATA_LOSS', `corrupt ${this.path}: keys out of order in data block ${i}`);
        }
        last = e.key;
        yield e;
      }
      this.cache.delete(i);
    }
  }
}

async function readBlock(fs: FileSystem, path: string, fileSize: number, h: BlockHandle, what: string): Promise<{ block: Block; compression: BlockCompression }> {
  const name = `${what} of ${path}`;
  if (h.offset + h.size + BLOCK_TRAILER_SIZE > fileSize - FOOTER_SIZE) {
    throw new SavedModelError('DATA_LOSS', `${name}: block at offset ${h.offset} with ${h.size} bytes runs past the end of the data (${fileSize - FOOTER_SIZE} bytes before the footer)`);
  }
  const stored = await fs.readRange(path, h.offset, h.size + BLOCK_TRAILER_SIZE);
  const { contents, compression } = decodeStoredBlock(stored, name);
  return { block: new Block(contents, name), compression };
}
