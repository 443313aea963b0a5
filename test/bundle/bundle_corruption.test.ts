import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleReader, BundleWriter } from '../../src/bundle/index.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { NodeFileSystem } from '../../src/io/node.js';
import { expectRejects } from '../support/errors.js';

async function bundle(): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  const w = await BundleWriter.create('/b/v', { fs });
  await w.add('kernel', { dtype: 'float32', shape: [64], data: Float32Array.from({ length: 64 }, (_, i) => i) });
  await w.add('names', { dtype: 'string', shape: [2], data: [new TextEncoder().encode('alpha'), new TextEncoder().encode('beta')] });
  await w.add('step', { dtype: 'int64', shape: [], data: new BigInt64Array([7n]) });
  await w.finish();
  return fs;
}

async function mutate(fs: MemoryFileSystem, path: string, f: (b: Uint8Array) => Uint8Array): Promise<void> {
  await fs.writeFile(path, f((await fs.readFile(path)).slice()));
}

describe('corrupt and missing files', () => {
  test('a flipped bit in a data shard names the key', async () => {
    const fs = await bundle();
    const r0 = await BundleReader.open('/b/v', { fs });
    const at = r0.entry('kernel').offset + 100;
    await mutate(fs, '/b/v.data-00000-of-00001', (b) => ((b[at] ^= 0x04), b));
    const r = await BundleReader.open('/b/v', { fs });
    await expectRejects(r.read('kernel'), 'DATA_LOSS', /checksum mismatch for tensor 'kernel' in \/b\/v\.data-00000-of-00001 \(256 bytes at offset 0\)/);
    expect(Array.from((await r.read('step')).data as BigInt64Array)).toEqual([7n]); // others still read
    // With verification off the (corrupt) bytes come back.
    const lax = await BundleReader.open('/b/v', { fs, verifyChecksums: false });
    expect((await lax.read('kernel')).data).not.toEqual(Float32Array.from({ length: 64 }, (_, i) => i));
  });

  test('readMany yields verified tensors in order and stops at the corrupt one, naming it', async () => {
    const fs = await bundle();
    const r0 = await BundleReader.open('/b/v', { fs });
    const got: string[] = [];
    for await (const [k, t] of r0.readMany()) {
      got.push(k);
      expect(t).toEqual(await r0.read(k));
    }
    expect(got).toEqual(['kernel', 'names', 'step']);
    const at = r0.entry('names').offset + 3;
    await mutate(fs, '/b/v.data-00000-of-00001', (b) => ((b[at] ^= 0x10), b));
    const r = await BundleReader.open('/b/v', { fs });
    const seen: string[] = [];
    const run = async () => {
      for await (const [k] of r.readMany()) seen.push(k);
    };
    await expectRejects(run(), 'DATA_LOSS', /tensor 'names'/);
    expect(seen).toEqual(['kernel']);
    // Stopping early with a failing read already in flight leaves no unhandled rejection.
    for await (const [k] of r.readMany(['kernel', 'names'])) if (k === 'kernel') break;
    await expectRejects((async () => { for await (const _ of r.readMany(['nope'])) void _; })(), 'NOT_FOUND', /key 'nope' not found/);
  });

  test('a flipped bit in string bytes or string lengths names the key', async () => {
    const fs = await bundle();
    const e = (await BundleReader.open('/b/v', { fs })).entry('names');
    const fs2 = await bundle();
    await mutate(fs, '/b/v.data-00000-of-00001', (b) => ((b[e.offset + e.size - 1] ^= 1), b));
    await expectRejects((await BundleReader.open('/b/v', { fs })).read('names'), 'DATA_LOSS', /checksum mismatch for tensor 'names'/);
    await mutate(fs2, '/b/v.data-00000-of-00001', (b) => ((b[e.offset] ^= 1), b)); // first length: 5 → 4
    await expectRejects((await BundleReader.open('/b/v', { fs: fs2 })).read('names'), 'DATA_LOSS', /tensor 'names' .*string lengths checksum mismatch/);
  });

  test('a flipped bit in the index names the block', async () => {
    const fs = await bundle();
    await mutate(fs, '/b/v.index', (b) => ((b[10] ^= 0x20), b));
    await expectRejects(BundleReader.open('/b/v', { fs }), 'DATA_LOSS', /data block 0 \(offset 0, \d+ bytes\) of \/b\/v\.index: block checksum mismatch/);
  });

  test('truncated index, wrong magic, missing index, missing or short shard', async () => {
    const truncated = await bundle();
    await mutate(truncated, '/b/v.index', (b) => b.subarray(0, b.length - 7));
    await expectRejects(BundleReader.open('/b/v', { fs: truncated }), 'DATA_LOSS', /\/b\/v\.index/);
    const tiny = await bundle();
    await mutate(tiny, '/b/v.index', (b) => b.subarray(0, 30));
    await expectRejects(BundleReader.open('/b/v', { fs: tiny }), 'DATA_LOSS', /too short to be a table/);
    const magic = await bundle();
    await mutate(magic, '/b/v.index', (b) => ((b[b.length - 3] ^= 1), b));
    await expectRejects(BundleReader.open('/b/v', { fs: magic }), 'DATA_LOSS', /not a table: expected magic db4775248b80fb57/);
    await expectRejects(BundleReader.open('/nowhere/v', { fs: magic }), 'NOT_FOUND', /no checkpoint at \/nowhere\/v/);
    const missing = await bundle();
    await missing.remove('/b/v.data-00000-of-00001');
    const r = await BundleReader.open('/b/v', { fs: missing });
    await expectRejects(r.read('kernel'), 'NOT_FOUND', /cannot read tensor 'kernel' from \/b\/v\.data-00000-of-00001: the data shard is missing/);
    const short = await bundle();
    await mutate(short, '/b/v.data-00000-of-00001', (b) => b.subarray(0, 100));
    await expectRejects((await BundleReader.open('/b/v', { fs: short })).read('step'), 'DATA_LOSS', /the data shard is too short/);
    await expectRejects(r.read('nope'), 'NOT_FOUND', /key 'nope' not found in checkpoint \/b\/v/);
  });

  test('same errors through the Node file system', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      const fs = new NodeFileSystem();
      const w = await BundleWriter.create(join(dir, 'ckpt/v'), { fs });
      await w.add('x', { dtype: 'float64', shape: [2], data: new Float64Array([1.5, -2]) });
      await w.finish();
      const r = await BundleReader.open(join(dir, 'ckpt/v'));
      expect((await r.read('x')).data).toEqual(new Float64Array([1.5, -2]));
      await fs.remove(join(dir, 'ckpt/v.data-00000-of-00001'));
      await expectRejects(r.read('x'), 'NOT_FOUND', /the data shard is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
