/**
 * The framing of a LevelDB-format table (TensorFlow's `tensorflow/core/lib/io` table, used for
 * `variables.index`):
 *
 *   [data block 1][trailer] … [data block N][trailer] [metaindex block][trailer]
 *   [index block][trailer] [footer: 48 bytes]
 *
 * - a block handle is varint64 offset + varint64 size (the size excludes the trailer);
 * - a block trailer is 5 bytes: the compression type (0 none, 1 snappy) and the masked
 *   CRC-32C of the stored block bytes followed by that type byte;
 * - the footer holds the metaindex and index handles, zero padding to 40 bytes, then the magic
 *   0xdb4775248b80fb57 as two little-endian uint32 (low word first).
 */
import { SavedModelError } from '../../errors.js';
import { ByteReader, ByteWriter, getFixed32, putFixed32 } from '../coding.js';
import { crc32c, maskCrc, unmaskCrc } from '../crc32c.js';
import { snappyDecompress } from '../snappy.js';

/** Where a block lives in the file (size excludes the 5-byte trailer). */
export interface BlockHandle {
  offset: number;
  size: number;
}

/** How a block's bytes are stored. */
export type BlockCompression = 'none' | 'snappy';

/** Bytes after every block: compression type + masked crc32c. */
export const BLOCK_TRAILER_SIZE = 5;
/** Bytes of the footer at the end of every table. */
export const FOOTER_SIZE = 48;
/** Longest encoding of a block handle (two varint64s). */
export const MAX_HANDLE_SIZE = 20;
const MAGIC_LO = 0x8b80fb57;
const MAGIC_HI = 0xdb477524;
const TYPE_NONE = 0;
const TYPE_SNAPPY = 1;

/** Appends the encoding of `h` to `w`. */
export function encodeBlockHandle(w: ByteWriter, h: BlockHandle): ByteWriter {
  return w.varint(h.offset).varint(h.size);
}

/** Reads a block handle from `r`. */
export function decodeBlockHandle(r: ByteReader): BlockHandle {
  return { offset: r.varint64(), size: r.varint64() };
}

/** The 48-byte footer for the given metaindex and index handles. */
export function encodeFooter(metaindex: BlockHandle, index: BlockHandle): Uint8Array {
  const w = new ByteWriter(FOOTER_SIZE);
  encodeBlockHandle(w, metaindex);
  encodeBlockHandle(w, index);
  w.zeros(2 * MAX_HANDLE_SIZE - w.length);
  w.fixed32(MAGIC_LO).fixed32(MAGIC_HI);
  return w.toBytes();
}

/** Parses a footer; `file` names the table in errors. */
export function decodeFooter(footer: Uint8Array, file: string): { metaindex: BlockHandle; index: BlockHandle } {
  if (footer.length !== FOOTER_SIZE) {
    throw new SavedModelError('DATA_LOSS', `${file}: expected a ${FOOTER_SIZE}-byte table footer, found ${footer.length} bytes`);
  }
  const lo = getFixed32(footer, 40);
  const hi = getFixed32(footer, 44);
  if (lo !== MAGIC_LO || hi !== MAGIC_HI) {
    const found = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
    throw new SavedModelError('DATA_LOSS', `${file} is not a table: expected magic db4775248b80fb57 in the last 8 bytes, found ${found}`);
  }
  const r = new ByteReader(footer, `table footer of ${file}`, 0, 2 * MAX_HANDLE_SIZE);
  return { metaindex: decodeBlockHandle(r), index: decodeBlockHandle(r) };
}

/** The 5-byte trailer for stored block bytes `contents` of the given compression. */
export function encodeBlockTrailer(contents: Uint8Array, compression: BlockCompression): Uint8Array {
  const trailer = new Uint8Array(BLOCK_TRAILER_SIZE);
  trailer[0] = compression === 'snappy' ? TYPE_SNAPPY : TYPE_NONE;
  const crc = crc32c(trailer.subarray(0, 1), crc32c(contents));
  putFixed32(trailer, 1, maskCrc(crc));
  return trailer;
}

/**
 * Checks the trailer of a block read with it (`stored` = block bytes + 5-byte trailer) and
 * returns the block contents, decompressed when needed. `what` names the block in errors.
 */
export function decodeStoredBlock(stored: Uint8Array, what: string, verifyChecksum = true): { contents: Uint8Array; compression: BlockCompression } {
  const n = stored.length - BLOCK_TRAILER_SIZE;
  if (n < 0) throw new SavedModelError('DATA_LOSS', `${what}: truncated block (${stored.length} bytes, less than its trailer)`);
  const type = stored[n];
  if (verifyChecksum) {
    const expected = unmaskCrc(getFixed32(stored, n + 1));
    const actual = crc32c(stored.subarray(0, n + 1));
    if (expected !== actual) {
      throw new SavedModelError('DATA_LOSS', `${what}: block checksum mismatch: stored crc32c ${hex(expected)}, computed ${hex(actual)}`);
    }
  }
  const body = stored.subarray(0, n);
  if (type === TYPE_NONE) return { contents: body, compression: 'none' };
  if (type === TYPE_SNAPPY) return { contents: snappyDecompress(body, what), compression: 'snappy' };
  throw new SavedModelError('DATA_LOSS', `${what}: unknown block compression type ${type} (expected 0 none or 1 snappy)`);
}

function hex(v: number): string {
  return '0x' + v.toString(16).padStart(8, '0');
}
