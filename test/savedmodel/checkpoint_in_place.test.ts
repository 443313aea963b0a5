/**
 * ModelCheckpoint on the WASM backend reads float32/int32/bool variables straight into tensor
 * memory: the values TF wrote (variables_dtypes golden, denormals and -0 included), no leaks,
 * and a corrupted tensor frees the memory it was given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../src/errors.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { NodeFileSystem } from '../../src/io/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { unfilledTensor } from '../../src/runtime/tensor_memory.js';
import { ModelCheckpoint } from '../../src/savedmodel/checkpoint_reader.js';
import { TF_GENERATED } from '../support/fixtures.js';

const MODEL = join(TF_GENERATED, '2.21.0', 'variables_dtypes');
const golden = JSON.parse(readFileSync(join(MODEL, 'golden.json'), 'utf8')) as {
  checkpoints: { values: Record<string, { dtype: string; shape: number[]; values: unknown[] }> }[];
};
const key = (v: string) => `${v}/.ATTRIBUTES/VARIABLE_VALUE`;
const IN_PLACE = ['v_float32', 'v_scalar', 'v_int32', 'v_bool'];

beforeAll(() => ensureBackend());

describe('ModelCheckpoint: variables read in place on WASM', () => {
  test('the new tensors are allocated unfilled in WebAssembly memory', () => {
    const t = unfilledTensor([3], 'int32')!;
    expect(t).not.toBeNull();
    const view = t.bytes();
    expect(view.buffer).toBe((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer);
    new Int32Array(view.buffer, view.byteOffset, 3).set([4, -5, 6]);
    expect(t.tensor.arraySync()).toEqual([4, -5, 6]);
    t.tensor.dispose();
  });

  test('TF-written float32, int32 and bool variables come back with TF values, others unchanged', async () => {
    const ckpt = await ModelCheckpoint.open(new NodeFileSystem(), MODEL);
    const before = tf.memory().numTensors;
    const names = [...IN_PLACE, 'v_float64', 'v_int8', 'v_string'];
    const inPlace = jest.spyOn(ckpt.reader, 'readInto');
    const got = await ckpt.readMany(names.map((n) => ({ key: key(n) })));
    expect(inPlace.mock.calls.map((c) => c[0]).sort()).toEqual(IN_PLACE.map(key).sort());
    const want = golden.checkpoints[0].values;
    got.forEach((t, i) => {
      const g = want[key(names[i])];
      expect(t.shape).toEqual(g.shape);
      if (g.dtype === 'string') return;
      const flat = Array.from(t.dataSync() as ArrayLike<number>);
      // float64 is carried as float32 by tfjs (rounded); the rest is exact.
      const expected = g.dtype === 'float64' ? (g.values as number[]).map(Math.fround) : g.values;
      expect(flat.map((x) => (g.dtype === 'bool' ? x === 1 : x))).toEqual(expected);
    });
    expect(Object.is((got[0].dataSync() as Float32Array)[1], -0)).toBe(true);
    expect((got[0].dataSync() as Float32Array)[3]).toBe(1.401298464324817e-45);
    tf.dispose(got);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a corrupted variable is DATA_LOSS and leaves no tensor behind', async () => {
    const fs = new MemoryFileSystem();
    for (const f of ['variables.index', 'variables.data-00000-of-00001']) {
      await fs.writeFile(`/m/variables/${f}`, readFileSync(join(MODEL, 'variables', f)));
    }
    const ckpt = await ModelCheckpoint.open(fs, '/m');
    const e = ckpt.reader.entry(key('v_int32'));
    const data = (await fs.readFile('/m/variables/variables.data-00000-of-00001')).slice();
    data[e.offset] ^= 1;
    await fs.writeFile('/m/variables/variables.data-00000-of-00001', data);
    const before = tf.memory().numTensors;
    const err = await ckpt.readMany(IN_PLACE.map((n) => ({ key: key(n) }))).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(SavedModelError);
    expect((err as SavedModelError).code).toBe('DATA_LOSS');
    expect((err as Error).message).toMatch(/checksum mismatch for tensor 'v_int32/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
