import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleReader, BundleWriter, dataFilename, listVariables } from '../../src/bundle/index.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { FIXTURES_TF, TF_GENERATED as GENERATED_ROOT, fixtureBundles, fixtureTest, generatedBundles } from '../support/fixtures.js';

const prefixOf = (model: string) => join(FIXTURES_TF, model, 'variables/variables');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('values TensorFlow wrote', () => {
  fixtureTest('half_plus_two_v1: a=0.5, b=2, c=3, a2=0.5, c2=3 (scalars, float32)', async () => {
    const r = await BundleReader.open(prefixOf('half_plus_two_v1'));
    expect(r.keys()).toEqual(['a', 'a2', 'b', 'c', 'c2']);
    const values: Record<string, number> = {};
    for (const k of r.keys()) {
      const t = await r.read(k);
      expect(t.dtype).toBe('float32');
      expect(t.shape).toEqual([]);
      expect(t.data).toBeInstanceOf(Float32Array);
      values[k] = (t.data as Float32Array)[0];
    }
    expect(values).toEqual({ a: 0.5, a2: 0.5, b: 2, c: 3, c2: 3 });
    expect(r.entry('b')).toEqual({ dtype: 'float32', shape: [], shardId: 0, offset: 8, size: 4, crc32c: expect.any(Number), slices: [] });
    expect(r.header).toEqual({ numShards: 1, endianness: 'little', version: { producer: 1, minConsumer: 0, badConsumers: [] } });
  });

  fixtureTest('half_plus_two_v2: object graph string tensor and a/.ATTRIBUTES/VARIABLE_VALUE = 0.5', async () => {
    const r = await BundleReader.open(prefixOf('half_plus_two_v2'));
    expect(r.keys()).toEqual(['_CHECKPOINTABLE_OBJECT_GRAPH', 'a/.ATTRIBUTES/VARIABLE_VALUE', 'b/.ATTRIBUTES/VARIABLE_VALUE', 'c/.ATTRIBUTES/VARIABLE_VALUE']);
    const a = await r.read('a/.ATTRIBUTES/VARIABLE_VALUE');
    expect(Array.from(a.data as Float32Array)).toEqual([0.5]);
    const g = await r.read('_CHECKPOINTABLE_OBJECT_GRAPH');
    expect(g.dtype).toBe('string');
    expect(g.shape).toEqual([]);
    const bytes = (g.data as Uint8Array[])[0];
    expect(bytes.length).toBe(613);
    // A serialized TrackableObjectGraph naming the variables and their checkpoint keys.
    expect(text(bytes)).toContain('a/.ATTRIBUTES/VARIABLE_VALUE');
    expect(text(bytes)).toContain('VARIABLE_VALUE');
    // The entry size is the varint length (2 bytes), the length checksum (4) and the bytes.
    expect(r.entry('_CHECKPOINTABLE_OBJECT_GRAPH').size).toBe(2 + 4 + 613);
  });

  fixtureTest('int64_multiply holds int64 variables as BigInt64Array', async () => {
    const r = await BundleReader.open(prefixOf('int64_multiply'));
    const v1 = await r.read('v1/.ATTRIBUTES/VARIABLE_VALUE');
    expect(v1.dtype).toBe('int64');
    expect(v1.data).toBeInstanceOf(BigInt64Array);
    expect(v1.shape).toEqual([]);
    const v2 = await r.read('v2/.ATTRIBUTES/VARIABLE_VALUE');
    expect([(v1.data as BigInt64Array)[0], (v2.data as BigInt64Array)[0]]).toEqual([3n, 2n]);
  });

  fixtureTest('uint8_multiply and times_two_int hold int32 variables', async () => {
    const read = async (model: string) => {
      const r = await BundleReader.open(prefixOf(model));
      const out: Record<string, number> = {};
      for (const k of r.keys().filter((k) => k.endsWith('VARIABLE_VALUE'))) {
        const t = await r.read(k);
        expect(t.dtype).toBe('int32');
        expect(t.data).toBeInstanceOf(Int32Array);
        out[k] = (t.data as Int32Array)[0];
      }
      return out;
    };
    expect(await read('uint8_multiply')).toEqual({ 'v1/.ATTRIBUTES/VARIABLE_VALUE': 3, 'v2/.ATTRIBUTES/VARIABLE_VALUE': 2 });
    expect(await read('times_two_int')).toEqual({ 'v/.ATTRIBUTES/VARIABLE_VALUE': 2 });
  });

  fixtureTest('half_plus_two_v1_conv: 4-d kernels', async () => {
    const r = await BundleReader.open(prefixOf('half_plus_two_v1_conv'));
    const k = await r.read('conv2d/kernel');
    expect(k.shape).toEqual([1, 1, 1, 1]);
    expect(k.data).toEqual(new Float32Array([-0.5223959684371948]));
    expect((await r.read('conv2d_2/kernel')).data).toEqual(new Float32Array([1.577943205833435]));
    expect((await r.read('conv2d/bias')).data).toEqual(new Float32Array([0]));
  });

  fixtureTest('listVariables is like tf.train.list_variables', async () => {
    expect(await listVariables(prefixOf('half_plus_two_v2'))).toEqual([
      { name: '_CHECKPOINTABLE_OBJECT_GRAPH', shape: [], dtype: 'string' },
      { name: 'a/.ATTRIBUTES/VARIABLE_VALUE', shape: [], dtype: 'float32' },
      { name: 'b/.ATTRIBUTES/VARIABLE_VALUE', shape: [], dtype: 'float32' },
      { name: 'c/.ATTRIBUTES/VARIABLE_VALUE', shape: [], dtype: 'float32' },
    ]);
  });
});

/**
 * Reads every tensor of the TF-written bundle at `prefix` and writes them again — shard by shard,
 * each shard in data-offset order — then compares the index and every data shard with TF's bytes.
 */
async function expectRewriteIdentical(prefix: string): Promise<void> {
  const r = await BundleReader.open(prefix);
  const fs = new MemoryFileSystem();
  // TF compressed index blocks where its build had snappy; the reader tells which it was.
  const w = await BundleWriter.create('/out/ckpt', { fs, indexCompression: r.indexCompressed ? 'snappy' : 'none' });
  const n = r.header.numShards;
  for (let shard = 0; shard < n; shard++) {
    const keys = r.keys().filter((k) => r.entry(k).shardId === shard).sort((a, b) => r.entry(a).offset - r.entry(b).offset);
    for (const k of keys) await w.add(k, await r.read(k));
    await w.nextShard();
  }
  await w.finish();
  expect(Buffer.from(await fs.readFile('/out/ckpt.index')).equals(readFileSync(`${prefix}.index`))).toBe(true);
  for (let shard = 0; shard < n; shard++) {
    const name = dataFilename('', shard, n);
    expect([name, Buffer.from(await fs.readFile(`/out/ckpt${name}`)).equals(readFileSync(`${prefix}${name}`))]).toEqual([name, true]);
  }
}

describe('rewriting every TF-written bundle gives TF\'s bytes', () => {
  const bundles = fixtureBundles();
  fixtureTest('all bundles under the fixtures are found', () => {
    expect(bundles.map(([name]) => name)).toEqual(expect.arrayContaining(['half_plus_two_v1/variables/variables', 'versioned_half_plus_two/00000123/variables/variables', 'versioned_half_plus_two/00000124/variables/variables', 'keras_text_regression_partial/variables/variables']));
    expect(bundles.length).toBeGreaterThanOrEqual(17);
  });
  test.each(bundles)('%s', async (_name, prefix) => expectRewriteIdentical(prefix));
});

describe('rewriting the checkpoints TF 2.15.1 and 2.21.0 generated gives their bytes', () => {
  // tf2_policy saves a variable partitioned into slices; BundleWriter does not write slices, so
  // that one is only read (its values are checked against TF's in test/interop/variables.test.ts).
  const PARTITIONED = '2.21.0/sharded_checkpoint/tf2_policy/ckpt';
  const bundles = generatedBundles().filter(([name]) => name !== PARTITIONED);
  test('the generated checkpoints are there, sharded ones included', () => {
    expect(bundles.length).toBeGreaterThanOrEqual(38);
    expect(bundles.map(([n]) => n)).toContain('2.15.1/sharded_checkpoint/tf1_saver/model.ckpt');
    expect(generatedBundles().map(([n]) => n)).toContain(PARTITIONED);
  });
  test.each(bundles)('%s', async (_name, prefix) => expectRewriteIdentical(prefix));

  test('the partitioned variable is reassembled from its two slices', async () => {
    const r = await BundleReader.open(join(GENERATED_ROOT, PARTITIONED));
    const e = r.entry('big/.ATTRIBUTES/VARIABLE_VALUE');
    expect(e.slices).toEqual([
      [{ start: 0, length: 8 }, { start: 0, length: 8 }],
      [{ start: 8, length: 8 }, { start: 0, length: 8 }],
    ]);
    const t = await r.read('big/.ATTRIBUTES/VARIABLE_VALUE');
    expect(t.shape).toEqual([16, 8]);
    // The values TF read back when it generated the checkpoint (its golden.json).
    const golden = JSON.parse(readFileSync(join(GENERATED_ROOT, '2.21.0/sharded_checkpoint/golden.json'), 'utf8')) as {
      checkpoints: { prefix: string; values: Record<string, { values: number[] }> }[];
    };
    const expected = golden.checkpoints.find((c) => c.prefix === 'tf2_policy/ckpt')!.values['big/.ATTRIBUTES/VARIABLE_VALUE'].values;
    expect(t.data).toEqual(new Float32Array(expected));
  });
});
