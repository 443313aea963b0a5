import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleReader, BundleWriter, listVariables } from '../../src/bundle/index.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { FIXTURES, fixtureBundles, fixtureTest } from './fixtures.js';

const prefixOf = (model: string) => join(FIXTURES, model, 'variables/variables');
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

describe('rewriting every TF-written bundle gives TF\'s bytes', () => {
  const bundles = fixtureBundles();
  fixtureTest('all bundles under the fixtures are found', () => {
    expect(bundles.map(([name]) => name)).toEqual(expect.arrayContaining(['half_plus_two_v1/variables', 'versioned_half_plus_two/00000123/variables', 'versioned_half_plus_two/00000124/variables', 'keras_text_regression_partial/variables']));
    expect(bundles.length).toBeGreaterThanOrEqual(17);
  });

  test.each(bundles)('%s', async (_name, prefix) => {
    const r = await BundleReader.open(prefix);
    const order = r.keys().sort((a, b) => r.entry(a).shardId - r.entry(b).shardId || r.entry(a).offset - r.entry(b).offset);
    const fs = new MemoryFileSystem();
    // TF compressed index blocks where its build had snappy; the reader tells which it was.
    const w = await BundleWriter.create('/out/variables', { fs, indexCompression: r.indexCompressed ? 'snappy' : 'none' });
    for (const k of order) await w.add(k, await r.read(k));
    await w.finish();
    expect(Buffer.from(await fs.readFile('/out/variables.index')).equals(readFileSync(`${prefix}.index`))).toBe(true);
    expect(Buffer.from(await fs.readFile('/out/variables.data-00000-of-00001')).equals(readFileSync(`${prefix}.data-00000-of-00001`))).toBe(true);
  });
});
