/** BundleReader.readInto: stored bytes straight into the caller's memory, checksummed, re-read when the destination moved. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleReader, BundleWriter, type HostTensor } from '../../src/bundle/index.js';
import type { FileSystem } from '../../src/io/filesystem.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { NodeFileSystem } from '../../src/io/node.js';
import { expectRejects } from '../support/errors.js';

const tensors: Record<string, HostTensor> = {
  f32: { dtype: 'float32', shape: [2, 3], data: Float32Array.from([1.5, -0, 3.4028234663852886e38, 1.401298464324817e-45, -2.5, 0.1]) },
  i32: { dtype: 'int32', shape: [4], data: Int32Array.from([-2147483648, 2147483647, 7, -7]) },
  b: { dtype: 'bool', shape: [5], data: Uint8Array.from([1, 0, 1, 1, 0]) },
  i64: { dtype: 'int64', shape: [2], data: BigInt64Array.from([-(2n ** 63n), 12345678901234n]) },
  empty: { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
  s: { dtype: 'string', shape: [2], data: [Uint8Array.from([104, 105]), new Uint8Array(0)] },
};

async function write(fs: FileSystem, prefix: string): Promise<void> {
  const w = await BundleWriter.create(prefix, { fs });
  for (const [k, t] of Object.entries(tensors)) await w.add(k, t);
  await w.finish();
}

const bytesOf = (t: HostTensor): Uint8Array => {
  const d = t.data as Uint8Array;
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
};

describe('BundleReader.readInto', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-into-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['memory', () => new MemoryFileSystem(), '/ckpt/v'],
    ['node', () => new NodeFileSystem(), join(dir, 'v')],
  ])('%s file system: the same bytes as read(), for every fixed-size tensor', async (_, makeFs, prefix) => {
    const fs = makeFs();
    await write(fs, prefix);
    const r = await BundleReader.open(prefix, { fs });
    for (const [k, t] of Object.entries(tensors)) {
      if (t.dtype === 'string') {
        expect(r.canReadInto(k)).toBe(false);
        await expectRejects(r.readInto(k, () => new Uint8Array(r.entry(k).size)), 'INVALID_ARGUMENT', /use read\(\)/);
        continue;
      }
      expect(r.canReadInto(k)).toBe(true);
      const dest = new Uint8Array(r.entry(k).size);
      await r.readInto(k, () => dest);
      expect(Buffer.from(dest)).toEqual(Buffer.from(bytesOf(t)));
      expect(Buffer.from(dest)).toEqual(Buffer.from(bytesOf(await r.read(k))));
    }
    await expectRejects(r.readInto('f32', () => new Uint8Array(8)), 'INVALID_ARGUMENT', /destination holds 8 bytes, the tensor 24/);
  });

  test('a corrupted shard is DATA_LOSS (checksum), a truncated one names the tensor', async () => {
    const fs = new MemoryFileSystem();
    await write(fs, '/c/v');
    const shard = '/c/v.data-00000-of-00001';
    const data = await fs.readFile(shard);
    const r = await BundleReader.open('/c/v', { fs });
    const at = r.entry('i32').offset;
    const bad = data.slice();
    bad[at + 2] ^= 0x40;
    await fs.writeFile(shard, bad);
    await expectRejects(r.readInto('i32', () => new Uint8Array(16)), 'DATA_LOSS', /checksum mismatch for tensor 'i32'/);
    await fs.writeFile(shard, data.subarray(0, at + 3));
    await expectRejects(r.readInto('i32', () => new Uint8Array(16)), 'DATA_LOSS', /cannot read tensor 'i32' .*too short/);
  });

  test('a destination detached while the read was in flight is asked for again and read again', async () => {
    const inner = new MemoryFileSystem();
    await write(inner, '/d/v');
    let reads = 0;
    // The first read detaches the caller's buffer (as WebAssembly memory growth does) after filling it.
    const fs: FileSystem = Object.assign(Object.create(inner) as MemoryFileSystem, {
      async readRangeInto(path: string, offset: number, target: Uint8Array, onChunk?: (c: Uint8Array) => void): Promise<void> {
        await inner.readRangeInto(path, offset, target);
        if (reads++ === 0) structuredClone(target.buffer, { transfer: [target.buffer as ArrayBuffer] });
        else onChunk?.(target);
      },
    });
    const r = await BundleReader.open('/d/v', { fs });
    const views: Uint8Array[] = [];
    await r.readInto('f32', () => {
      views.push(new Uint8Array(24));
      return views[views.length - 1];
    });
    expect(views.length).toBe(2);
    expect(views[0].byteLength).toBe(0);
    expect(Buffer.from(views[1])).toEqual(Buffer.from(bytesOf(tensors.f32)));
  });

  test('a multi-MiB tensor is read in 1 MiB pieces, checksummed across them; a detach mid-way restarts it', async () => {
    const big = new Float32Array((5 << 20) / 8).map((_, i) => Math.sin(i)); // 2.5 MiB: three pieces
    const prefix = join(dir, 'big');
    const w = await BundleWriter.create(prefix, { fs: new NodeFileSystem() });
    await w.add('big', { dtype: 'float32', shape: [big.length], data: big });
    await w.finish();
    const node = new NodeFileSystem();
    const pieces: number[] = [];
    let detachAt = 1; // the second piece of the first attempt detaches the destination
    const fs: FileSystem = Object.assign(Object.create(node) as NodeFileSystem, {
      readRangeInto(path: string, offset: number, target: Uint8Array, onChunk?: (c: Uint8Array) => void, chunkBytes?: number): Promise<void> {
        if (!onChunk) return node.readRangeInto(path, offset, target); // the index (through readRange)
        return node.readRangeInto(path, offset, target, (c) => {
          pieces.push(c.byteLength);
          if (pieces.length - 1 === detachAt) structuredClone(target.buffer, { transfer: [target.buffer as ArrayBuffer] });
          else onChunk(c);
        }, chunkBytes);
      },
    });
    const r = await BundleReader.open(prefix, { fs });
    let dest = new Uint8Array(0);
    await r.readInto('big', () => (dest = new Uint8Array(big.byteLength)));
    expect(pieces).toEqual([1 << 20, 1 << 20, 1 << 20, 1 << 20, (5 << 20) / 2 - (2 << 20)]);
    expect(Buffer.from(dest)).toEqual(Buffer.from(big.buffer));
    // A flipped bit in the last piece is caught by the running checksum.
    detachAt = -1;
    const shard = `${prefix}.data-00000-of-00001`;
    const data = (await node.readFile(shard)).slice();
    data[r.entry('big').offset + (5 << 20) / 2 - 3] ^= 0x10;
    writeFileSync(shard, data);
    await expectRejects(r.readInto('big', () => new Uint8Array(big.byteLength)), 'DATA_LOSS', /checksum mismatch for tensor 'big'/);
  });
});
