import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadCrc32c } from '../../src/bundle/crc32c.js';
import { Block, compareBytes } from '../../src/bundle/table/block.js';
import { BlockBuilder } from '../../src/bundle/table/block_builder.js';
import { Table } from '../../src/bundle/table/table.js';
import { TableBuilder, shortSuccessor, shortestSeparator } from '../../src/bundle/table/table_builder.js';
import { SavedModelError } from '../../src/errors.js';
import type { FileSystem } from '../../src/io/filesystem.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { NodeFileSystem } from '../../src/io/node.js';
import { fixtureBundles, fixtureTest } from '../support/fixtures.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

beforeAll(() => loadCrc32c());

/** Keys with long shared prefixes, like variable names. */
function keys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `model/layer_${String(i).padStart(4, '0')}/kernel/.ATTRIBUTES/VARIABLE_VALUE`);
}

describe('block', () => {
  test('prefix-compressed entries with restart points decode and seek', () => {
    const b = new BlockBuilder(4);
    const ks = keys(50);
    ks.forEach((k, i) => b.add(enc(k), enc(`v${i}`)));
    const bytes = b.finish();
    // 50 entries, restart every 4 → 13 restart points; the count is the last uint32.
    expect(new DataView(bytes.buffer).getUint32(bytes.length - 4, true)).toBe(13);
    // Entry 0 stores its whole key; entry 1 shares "model/layer_000" (15 bytes) with it;
    // entry 4 is a restart point and stores its whole key again.
    const L = ks[0].length;
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0, L, 2]);
    expect(Array.from(bytes.subarray(3 + L + 2, 3 + L + 5))).toEqual([15, L - 15, 2]);
    expect(new DataView(bytes.buffer).getUint32(bytes.length - 4 - 12 * 4, true)).toBe(3 + L + 2 + 3 * (3 + L - 15 + 2));
    const block = new Block(bytes, 'test block');
    expect([...block.entries()].map((e) => dec(e.key))).toEqual(ks);
    expect(dec(block.seek(enc(ks[37]))!.value)).toBe('v37');
    expect(dec(block.seek(enc('model/layer_0036/z'))!.key)).toBe(ks[37]);
    expect(dec(block.seek(enc(''))!.key)).toBe(ks[0]);
    expect(block.seek(enc('zzz'))).toBeNull();
  });

  test('an empty block is the 8 bytes TF writes for the metaindex', () => {
    expect(Array.from(new BlockBuilder().finish())).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
  });

  test('corrupt blocks are DATA_LOSS naming the block', () => {
    expect(() => new Block(new Uint8Array([0, 0, 0, 0, 9, 0, 0, 0]), 'block B')).toThrow(/corrupt block B: expected at most 1 restart points/);
    const b = new BlockBuilder();
    b.add(enc('abc'), enc('value'));
    const bytes = b.finish();
    bytes[2] = 40; // key length now runs past the entries
    expect(() => [...new Block(bytes, 'block C').entries()]).toThrow(/corrupt block C/);
  });
});

describe('separators (as LevelDB computes index keys)', () => {
  const sep = (a: string, b: string) => dec(shortestSeparator(enc(a), enc(b)));
  test.each([
    ['abcd', 'abzz', 'abd'],
    ['abc', 'abcd', 'abc'],
    ['abc', 'abd', 'abc'],
    ['a/kernel', 'b', 'a/kernel'],
    ['a/kernel', 'c', 'b'],
    ['', 'a', ''],
  ])('separator(%j, %j) = %j', (a, b, out) => expect(sep(a, b)).toBe(out));

  test('short successor', () => {
    expect(dec(shortSuccessor(enc('abc')))).toBe('b');
    expect(Array.from(shortSuccessor(new Uint8Array([0xff, 0xff, 1, 7])))).toEqual([0xff, 0xff, 2]);
    expect(Array.from(shortSuccessor(new Uint8Array([0xff, 0xff])))).toEqual([0xff, 0xff]);
  });

  test('separators always sit between their keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (x, y) => {
        const c = compareBytes(x, y);
        if (c === 0) return;
        const [a, b] = c < 0 ? [x, y] : [y, x];
        const s = shortestSeparator(a, b);
        expect(compareBytes(a, s)).toBeLessThanOrEqual(0);
        expect(compareBytes(s, b)).toBeLessThan(0);
        expect(compareBytes(shortSuccessor(a), a)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

/** Counts range reads to show that lookups fetch only the blocks they need. */
class CountingFs extends MemoryFileSystem {
  reads: [number, number][] = [];
  override async readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    this.reads.push([offset, length]);
    return super.readRange(path, offset, length);
  }
}

describe('table', () => {
  test.each(['none', 'snappy'] as const)('many blocks round trip (%s), lookups read one data block', async (compression) => {
    const ks = keys(2000);
    const b = new TableBuilder({ blockSize: 1024, compression });
    ks.forEach((k, i) => b.add(enc(k), enc(`value ${i} `.repeat(3))));
    const fs = new CountingFs();
    await fs.writeFile('/t.index', b.finish());
    const t = await Table.open(fs, '/t.index');
    expect(t.blockCount).toBeGreaterThan(50);
    expect(t.snappyBlocksRead > 0).toBe(compression === 'snappy');
    expect(fs.reads.length).toBe(2); // footer, index block
    expect(dec((await t.get(enc(ks[1234])))!)).toBe('value 1234 '.repeat(3));
    expect(fs.reads.length).toBe(3); // + one data block
    expect(fs.reads[2][1]).toBeLessThan(1200);
    expect(await t.get(enc('model/layer_1234/kernel'))).toBeNull();
    expect(await t.get(enc('zzz'))).toBeNull();
    expect(await t.get(enc(''))).toBeNull();
    const all: string[] = [];
    for await (const e of t.entries()) all.push(dec(e.key));
    expect(all).toEqual(ks);
  });

  test('an entry of 2 × block size starts a block of its own', async () => {
    const b = new TableBuilder({ blockSize: 100 });
    b.add(enc('a'), new Uint8Array(10));
    b.add(enc('b'), new Uint8Array(250));
    b.add(enc('c'), new Uint8Array(10));
    const fs = new MemoryFileSystem();
    await fs.writeFile('/t', b.finish());
    expect((await Table.open(fs, '/t')).blockCount).toBe(3);
  });

  test('keys out of order are refused', () => {
    const b = new TableBuilder();
    b.add(enc('b'), enc(''));
    expect(() => b.add(enc('a'), enc(''))).toThrow(/strictly increasing/);
    expect(() => b.add(enc('b'), enc(''))).toThrow(SavedModelError);
  });

  async function corrupted(mutate: (b: Uint8Array) => Uint8Array): Promise<FileSystem> {
    const b = new TableBuilder({ blockSize: 200 });
    keys(40).forEach((k, i) => b.add(enc(k), enc(`v${i}`)));
    const fs = new MemoryFileSystem();
    await fs.writeFile('/t', mutate(b.finish()));
    return fs;
  }

  test('a flipped bit in a data block names the block', async () => {
    const fs = await corrupted((b) => ((b[30] ^= 0x10), b));
    const t = await Table.open(fs, '/t');
    await expect(t.get(enc(keys(40)[0]))).rejects.toThrow(/data block 0 \(offset 0, \d+ bytes\) of \/t: block checksum mismatch/);
  });

  test('a flipped bit in the index block names the index block', async () => {
    const fs = await corrupted((b) => ((b[b.length - 48 - 10] ^= 1), b));
    await expect(Table.open(fs, '/t')).rejects.toThrow(/index block of \/t: block checksum mismatch/);
  });

  test('wrong magic, truncation and a bad footer handle are DATA_LOSS', async () => {
    const wrong = await corrupted((b) => ((b[b.length - 1] ^= 0xff), b));
    await expect(Table.open(wrong, '/t')).rejects.toThrow(/not a table: expected magic db4775248b80fb57/);
    const short = await corrupted((b) => b.subarray(0, 20));
    await expect(Table.open(short, '/t')).rejects.toThrow(/too short to be a table/);
    const cut = await corrupted((b) => b.subarray(100));
    await expect(Table.open(cut, '/t')).rejects.toMatchObject({ name: 'SavedModelError', code: 'DATA_LOSS' });
  });
});

describe('TensorFlow-written tables', () => {
  const bundles = fixtureBundles();
  fixtureTest('there are bundles to check', () => expect(bundles.length).toBeGreaterThanOrEqual(17));
  // Rewriting every entry gives TF's bytes back; TF compressed with snappy where its build had it.
  test.each(bundles)('%s: rebuilding the table gives identical bytes', async (_name, prefix) => {
    const path = `${prefix}.index`;
    const t = await Table.open(new NodeFileSystem(), path);
    const entries = [];
    for await (const e of t.entries()) entries.push(e);
    const b = new TableBuilder({ compression: t.snappyBlocksRead > 0 ? 'snappy' : 'none' });
    for (const e of entries) b.add(e.key, e.value);
    expect(Buffer.from(b.finish()).equals(readFileSync(path))).toBe(true);
  });
});
