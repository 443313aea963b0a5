import fc from 'fast-check';
import { BundleReader, BundleWriter, DTYPES, type HostTensor, dtypeInfo, listVariables } from '../../src/bundle/index.js';
import { encodeEntry, encodeHeader } from '../../src/bundle/bundle_entry.js';
import { crc32c, maskCrc } from '../../src/bundle/crc32c.js';
import { encodeStringTensor } from '../../src/bundle/string_tensor.js';
import { TableBuilder } from '../../src/bundle/table/table_builder.js';
import { encodeTensorNameSlice } from '../../src/bundle/tensor_slice.js';
import { SavedModelError } from '../../src/errors.js';
import { MemoryFileSystem } from '../../src/io/memory.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** A tensor of `dtype` and `shape` whose bytes are pseudo-random (every bit pattern, NaNs included). */
function randomTensor(dtype: (typeof DTYPES)[number], shape: number[], seed: number): HostTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed | 1;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s >>> 24);
  if (dtype === 'string') return { dtype, shape, data: Array.from({ length: n }, (_, i) => Uint8Array.from({ length: (i * 37) % 300 }, next)) };
  const info = dtypeInfo(dtype);
  const bytes = Uint8Array.from({ length: n * info.elementBytes! }, next);
  if (dtype === 'bool') bytes.forEach((_, i) => (bytes[i] &= 1));
  return { dtype, shape, data: new info.array!(bytes.buffer) };
}

const storable = DTYPES.filter((d) => d !== 'resource' && d !== 'variant');

describe('bundle round trip', () => {
  test('every dtype comes back bit-exact, in the typed array of the dtype table', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/ckpt/model', { fs });
    const written = new Map<string, HostTensor>();
    storable.forEach((dtype, i) => {
      for (const shape of [[], [0], [3, 5], [2, 0, 4]]) {
        const t = randomTensor(dtype, shape, i * 7 + shape.length);
        written.set(`${dtype}/${shape.join('x') || 'scalar'}`, t);
      }
    });
    for (const [k, t] of written) await w.add(k, t);
    await w.finish();
    const r = await BundleReader.open('/ckpt/model', { fs });
    expect(r.keys()).toEqual([...written.keys()].sort());
    for (const [k, t] of written) {
      const back = await r.read(k);
      expect(back.dtype).toBe(t.dtype);
      expect(back.shape).toEqual(t.shape);
      if (t.dtype === 'string') expect(back.data).toEqual(t.data);
      else {
        expect(back.data.constructor).toBe(t.data.constructor);
        expect(Buffer.from((back.data as Uint8Array).buffer, (back.data as Uint8Array).byteOffset, (back.data as Uint8Array).byteLength))
          .toEqual(Buffer.from((t.data as Uint8Array).buffer, (t.data as Uint8Array).byteOffset, (t.data as Uint8Array).byteLength));
      }
    }
    expect(r.entry('complex64/3x5').size).toBe(15 * 8);
    expect(r.entry('bfloat16/3x5').size).toBe(15 * 2);
    expect((await listVariables('/ckpt/model', { fs })).find((v) => v.name === 'int64/3x5')).toEqual({ name: 'int64/3x5', shape: [3, 5], dtype: 'int64' });
  });

  test('string tensors: varint lengths, masked length checksum, then the bytes', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/s', { fs });
    const strings = [enc('ab'), new Uint8Array(200), enc('')];
    await w.add('s', { dtype: 'string', shape: [3], data: strings });
    await w.finish();
    const data = await fs.readFile('/s.data-00000-of-00001');
    // lengths 2, 200 (two varint bytes), 0; the masked crc32c of the lengths as uint32 words.
    expect(Array.from(data.subarray(0, 4))).toEqual([2, 0xc8, 0x01, 0]);
    const words = new Uint8Array([2, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0]);
    expect(new DataView(data.buffer, data.byteOffset).getUint32(4, true)).toBe(maskCrc(crc32c(words)));
    expect(Array.from(data.subarray(8, 10))).toEqual([0x61, 0x62]);
    expect(data.length).toBe(4 + 4 + 202);
    const r = await BundleReader.open('/s', { fs });
    expect(r.entry('s').crc32c).toBe(maskCrc(crc32c(data.subarray(8), crc32c(data.subarray(4, 8), crc32c(words)))));
    expect((await r.read('s')).data).toEqual(strings);
  });

  test('keys are ordered by UTF-8 bytes, as TF orders them', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/k', { fs });
    // UTF-16 order would put '\u{10000}' (a surrogate pair) before '\uffff'; byte order does not.
    for (const k of ['b', '\uffff', '\u{10000}', 'a/z', 'a', 'B']) await w.add(k, { dtype: 'int8', shape: [], data: new Int8Array([1]) });
    await w.finish();
    expect((await BundleReader.open('/k', { fs })).keys()).toEqual(['B', 'a', 'a/z', 'b', '\uffff', '\u{10000}']);
  });

  test('many shards: maxShardBytes splits between tensors, TF names, num_shards in the header', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/m/vars', { fs, maxShardBytes: 1000 });
    const tensors = Array.from({ length: 10 }, (_, i) => randomTensor('float32', [100 + i * 10], i));
    for (let i = 0; i < 10; i++) await w.add(`v${i}`, tensors[i]);
    await w.finish();
    const files = await fs.list('/m');
    const shards = files.filter((f) => f.includes('.data-'));
    expect(shards.length).toBeGreaterThan(5);
    expect(shards).toEqual(shards.map((_, k) => `vars.data-${String(k).padStart(5, '0')}-of-${String(shards.length).padStart(5, '0')}`));
    expect(files).toContain('vars.index');
    expect(files.some((f) => f.includes('tempstate'))).toBe(false);
    const r = await BundleReader.open('/m/vars', { fs });
    expect(r.header.numShards).toBe(shards.length);
    for (let i = 0; i < 10; i++) {
      const e = r.entry(`v${i}`);
      expect(e.offset + e.size <= 1000 || e.offset === 0).toBe(true);
      expect((await r.read(`v${i}`)).data).toEqual(tensors[i].data);
    }
    expect(new Set(r.keys().map((k) => r.entry(k).shardId)).size).toBe(shards.length);
  });

  test('a tensor larger than a write chunk: one entry, one checksum over all its bytes', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/big', { fs });
    const big = new Float32Array((10 << 20) / 4 + 3);
    for (let i = 0; i < big.length; i++) big[i] = i * 0.25 - 7;
    await w.add('big', { dtype: 'float32', shape: [big.length], data: big });
    await w.add('after', { dtype: 'int32', shape: [], data: new Int32Array([42]) });
    await w.finish();
    const shard = await fs.readFile('/big.data-00000-of-00001');
    expect(shard.length).toBe(big.byteLength + 4);
    const r = await BundleReader.open('/big', { fs });
    expect(r.entry('big').crc32c).toBe(maskCrc(crc32c(shard.subarray(0, big.byteLength))));
    expect(r.entry('after').offset).toBe(big.byteLength);
    const back = (await r.read('big')).data as Float32Array;
    expect(back).toBeInstanceOf(Float32Array);
    expect(Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(big.buffer))).toBe(true);
    shard[9 << 20] ^= 0x80; // a bit in the third 4 MiB chunk
    await expect(r.read('big')).rejects.toThrow(/checksum mismatch for tensor 'big'/);
    expect(Array.from((await r.read('after')).data as Int32Array)).toEqual([42]);
  });

  test('an empty bundle still has its (empty) shard and a header', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/e', { fs });
    await w.finish();
    expect((await fs.readFile('/e.data-00000-of-00001')).length).toBe(0);
    expect((await BundleReader.open('/e', { fs })).keys()).toEqual([]);
  });

  test('property: random tensors of random dtypes round trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ dtype: fc.constantFrom(...storable), shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }), seed: fc.nat() }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 400 }),
        async (specs, maxShardBytes) => {
          const fs = new MemoryFileSystem();
          const w = await BundleWriter.create('/p', { fs, maxShardBytes });
          const ts = specs.map((s) => randomTensor(s.dtype, s.shape, s.seed));
          await Promise.all(ts.map((t, i) => w.add(`t${i}`, t))); // not awaited one by one: still applied in order
          await w.finish();
          const r = await BundleReader.open('/p', { fs });
          for (let i = 0; i < ts.length; i++) expect((await r.read(`t${i}`)).data).toEqual(ts[i].data);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('misuse is refused with SavedModelError', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/x', { fs });
    await expect(w.add('', { dtype: 'int8', shape: [], data: new Int8Array(1) })).rejects.toThrow(/reserved for the bundle header/);
    await expect(w.add('a', { dtype: 'int8', shape: [2], data: new Int8Array(1) })).rejects.toThrow(/needs 2 array values, found 1/);
    await expect(w.add('a', { dtype: 'int64', shape: [1], data: new Int32Array(1) as never })).rejects.toThrow(/needs a BigInt64Array/);
    await w.add('a', { dtype: 'int8', shape: [], data: new Int8Array(1) });
    await expect(w.add('a', { dtype: 'int8', shape: [], data: new Int8Array(1) })).rejects.toThrow(/duplicate key 'a'/);
    await w.finish();
    await expect(w.add('b', { dtype: 'int8', shape: [], data: new Int8Array(1) })).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    await expect(BundleWriter.create('/y', { fs, maxShardBytes: 0 })).rejects.toThrow(SavedModelError);
  });

  test('abort removes what was written', async () => {
    const fs = new MemoryFileSystem();
    const w = await BundleWriter.create('/d/a', { fs, maxShardBytes: 4 });
    await w.add('a', { dtype: 'int32', shape: [], data: new Int32Array([1]) });
    await w.add('b', { dtype: 'int32', shape: [], data: new Int32Array([2]) });
    await w.abort();
    expect(await fs.list('/d')).toEqual([]);
  });
});

describe('partitioned variables (slices)', () => {
  test('slice keys use TF ordered code', () => {
    // name "a", rank 2, extents (start 0, length 2) and a whole dimension (0, -1).
    expect(Array.from(encodeTensorNameSlice(enc('a'), [{ start: 0, length: 2 }, { start: 0 }]))).toEqual([0x00, 0x61, 0x00, 0x01, 0x01, 0x02, 0x80, 0x82, 0x80, 0x7f]);
    // ordered_code.cc's examples: 0x424242 → f0 42 42 42, -0x800 → 38 00; and 0 and 0xff in names are escaped.
    const key = encodeTensorNameSlice(new Uint8Array([0, 0xff]), [{ start: 0x424242, length: 64 }, { start: 0, length: 0 }]);
    expect(Array.from(key)).toEqual([0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x01, 0x01, 0x02, 0xf0, 0x42, 0x42, 0x42, 0xc0, 0x40, 0x80, 0x80]);
  });

  test('a variable saved in slices is reassembled', async () => {
    // Build the bundle TF's BundleWriter::AddSlice would write for a 4x3 float tensor split in
    // rows [0,1) and [1,4), plus a 2x2 string tensor split by columns.
    const fs = new MemoryFileSystem();
    const full = Float32Array.from({ length: 12 }, (_, i) => i + 0.5);
    const parts: [Uint8Array, Uint8Array, object][] = [];
    const data: Uint8Array[] = [];
    let offset = 0;
    const put = (bytes: Uint8Array, crc: number) => {
      data.push(bytes);
      const at = offset;
      offset += bytes.length;
      return { shardId: 0, offset: at, size: bytes.length, crc32c: maskCrc(crc), slices: [] };
    };
    const sliceA1 = [{ start: 0, length: 1 }, { start: 0 }];
    const sliceA2 = [{ start: 1, length: 3 }, { start: 0 }];
    const rows = (a: number, b: number) => new Uint8Array(full.buffer.slice(a * 12, b * 12));
    parts.push([encodeTensorNameSlice(enc('w'), sliceA1), rows(0, 1), { dtype: 'float32', shape: [1, 3] }]);
    parts.push([encodeTensorNameSlice(enc('w'), sliceA2), rows(1, 4), { dtype: 'float32', shape: [3, 3] }]);
    const strings = [enc('00'), enc('01'), enc('10'), enc('11')];
    const sliceS1 = [{ start: 0 }, { start: 0, length: 1 }];
    const sliceS2 = [{ start: 0 }, { start: 1, length: 1 }];
    const records: [Uint8Array, Uint8Array][] = [];
    for (const [key, bytes, meta] of parts) records.push([key, encodeEntry({ ...(meta as { dtype: 'float32'; shape: number[] }), ...put(bytes, crc32c(bytes)) })]);
    for (const [slice, elems] of [[sliceS1, [strings[0], strings[2]]], [sliceS2, [strings[1], strings[3]]]] as const) {
      const s = encodeStringTensor(elems);
      records.push([encodeTensorNameSlice(enc('s'), slice), encodeEntry({ dtype: 'string', shape: [2, 1], ...put(s.bytes, s.crc) })]);
    }
    records.push([enc('w'), encodeEntry({ dtype: 'float32', shape: [4, 3], shardId: 0, offset: 0, size: 0, crc32c: 0, slices: [sliceA2, sliceA1] })]);
    records.push([enc('s'), encodeEntry({ dtype: 'string', shape: [2, 2], shardId: 0, offset: 0, size: 0, crc32c: 0, slices: [sliceS1, sliceS2] })]);
    records.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
    const table = new TableBuilder();
    table.add(new Uint8Array(0), encodeHeader({ numShards: 1, endianness: 'little', version: { producer: 1, minConsumer: 0, badConsumers: [] } }));
    for (const [k, v] of records) table.add(k, v);
    await fs.writeFile('/sl.index', table.finish());
    await fs.writeFile('/sl.data-00000-of-00001', Buffer.concat(data));

    const r = await BundleReader.open('/sl', { fs });
    expect(r.keys()).toEqual(['s', 'w']); // the slice parts stay internal
    expect(r.entry('w').slices).toEqual([sliceA2, sliceA1]);
    const w = await r.read('w');
    expect(w.shape).toEqual([4, 3]);
    expect(w.data).toEqual(full);
    expect((await r.read('s')).data).toEqual(strings);
    expect(await listVariables('/sl', { fs })).toEqual([
      { name: 's', shape: [2, 2], dtype: 'string' },
      { name: 'w', shape: [4, 3], dtype: 'float32' },
    ]);
  });
});
