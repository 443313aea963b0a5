import { join } from 'node:path';
import Long from 'long';
import { TensorSliceReader } from '../../src/bundle/index.js';
import { TableBuilder } from '../../src/bundle/table/table_builder.js';
import { type SliceExtent, encodeTensorNameSlice } from '../../src/bundle/tensor_slice.js';
import { SavedModelError } from '../../src/errors.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { tensorflow } from '../../src/proto/index.js';
import { FIXTURES_TF, fixtureTest } from '../support/fixtures.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('V1 TensorSlice checkpoints', () => {
  fixtureTest('the TF 1.x Saver checkpoint of legacy_meta_graph_v1_checkpoint: Variable = 0.5, Variable_1 = 2', async () => {
    const r = await TensorSliceReader.open(join(FIXTURES_TF, 'legacy_meta_graph_v1_checkpoint/export'));
    expect(r.keys()).toEqual(['Variable', 'Variable_1']);
    expect(r.variables()).toEqual([
      { name: 'Variable', shape: [], dtype: 'float32' },
      { name: 'Variable_1', shape: [], dtype: 'float32' },
    ]);
    expect(await r.read('Variable')).toEqual({ dtype: 'float32', shape: [], data: new Float32Array([0.5]) });
    expect(await r.read('Variable_1')).toEqual({ dtype: 'float32', shape: [], data: new Float32Array([2]) });
    await expect(r.read('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  /** Writes a V1 file the way TF's TensorSliceWriter lays it out. */
  function v1File(tensors: { name: string; dtype: number; shape: number[]; slices: { extents: SliceExtent[]; data: tensorflow.TensorProto.$Properties }[] }[]): Uint8Array {
    const ext = (e: SliceExtent[]) => ({ extent: e.map((x) => (x.length === undefined ? { start: Long.fromNumber(x.start) } : { start: Long.fromNumber(x.start), length: Long.fromNumber(x.length) })) });
    const meta = tensorflow.SavedTensorSlices.encode({
      meta: { tensor: tensors.map((t) => ({ name: t.name, type: t.dtype, shape: { dim: t.shape.map((d) => ({ size: Long.fromNumber(d) })) }, slice: t.slices.map((s) => ext(s.extents)) })), versions: { producer: 1 } },
    }).finish();
    const records: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), meta]];
    for (const t of tensors) {
      for (const s of t.slices) {
        records.push([encodeTensorNameSlice(enc(t.name), s.extents), tensorflow.SavedTensorSlices.encode({ data: { name: t.name, slice: ext(s.extents), data: s.data } }).finish()]);
      }
    }
    records.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
    const b = new TableBuilder();
    for (const [k, v] of records) b.add(k, v);
    return b.finish();
  }

  test('typed value fields of every kind, partitioned tensors and shards', async () => {
    const fs = new MemoryFileSystem();
    await fs.writeFile('/v1/model.ckpt-00000-of-00002', v1File([
      { name: 'w', dtype: 1, shape: [4, 2], slices: [{ extents: [{ start: 0, length: 1 }, { start: 0 }], data: { floatVal: [1, 2] } }] },
      { name: 'step', dtype: 9, shape: [], slices: [{ extents: [], data: { int64Val: [Long.fromString('-9007199254740993')] } }] },
      { name: 'h', dtype: 19, shape: [2], slices: [{ extents: [{ start: 0 }], data: { halfVal: [0x3c00, 0xfc00] } }] },
    ]));
    await fs.writeFile('/v1/model.ckpt-00001-of-00002', v1File([
      { name: 'w', dtype: 1, shape: [4, 2], slices: [{ extents: [{ start: 1, length: 3 }, { start: 0 }], data: { floatVal: [3, 4, 5, 6, 7, 8] } }] },
      { name: 's', dtype: 7, shape: [2], slices: [{ extents: [{ start: 0 }], data: { stringVal: [enc('a'), enc('bc')] } }] },
      { name: 'c', dtype: 8, shape: [2], slices: [{ extents: [{ start: 0 }], data: { scomplexVal: [1, -1] } }] }, // a splat
      { name: 'b', dtype: 10, shape: [3], slices: [{ extents: [{ start: 0 }], data: { boolVal: [true, false, true] } }] },
    ]));
    const r = await TensorSliceReader.open('/v1/model.ckpt', { fs });
    expect(r.keys()).toEqual(['b', 'c', 'h', 's', 'step', 'w']);
    expect((await r.read('w')).data).toEqual(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect((await r.read('step')).data).toEqual(new BigInt64Array([-9007199254740993n]));
    expect((await r.read('h')).data).toEqual(new Uint16Array([0x3c00, 0xfc00]));
    expect((await r.read('s')).data).toEqual([enc('a'), enc('bc')]);
    expect((await r.read('c')).data).toEqual(new Float32Array([1, -1, 1, -1]));
    expect((await r.read('b')).data).toEqual(new Uint8Array([1, 0, 1]));
  });

  test('missing shards, missing slices and wrong value counts are SavedModelErrors', async () => {
    const fs = new MemoryFileSystem();
    await expect(TensorSliceReader.open('/none/x', { fs })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await fs.writeFile('/p/x-00000-of-00002', v1File([]));
    await expect(TensorSliceReader.open('/p/x', { fs })).rejects.toThrow(/found 1 of its 2 shards/);
    await fs.writeFile('/q/x', v1File([{ name: 'w', dtype: 1, shape: [3], slices: [{ extents: [{ start: 0, length: 2 }], data: { floatVal: [1, 2] } }] }]));
    await expect((await TensorSliceReader.open('/q/x', { fs })).read('w')).rejects.toThrow(/slices cover 2 of 3 elements/);
    await fs.writeFile('/q/y', v1File([{ name: 'w', dtype: 1, shape: [2], slices: [{ extents: [{ start: 0 }], data: { floatVal: [1, 2, 3] } }] }]));
    await expect((await TensorSliceReader.open('/q/y', { fs })).read('w')).rejects.toBeInstanceOf(SavedModelError);
  });
});
