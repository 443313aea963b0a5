/**
 * saveModel copies float32/int32/bool variables out of WASM memory through one reused buffer:
 * the checkpoint holds each variable's exact bytes (-0, denormals, NaN bits, int32 extremes),
 * whatever the order of sizes, and other dtypes still go through Variable.read().
 */
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader, MemoryFileSystem, saveModel } from '../../src/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { tensorBytesView } from '../../src/runtime/tensor_memory.js';
import { Module, Variable } from '../../src/trace/index.js';

beforeAll(() => ensureBackend());

const bits = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('saveModel: variables staged out of WASM memory', () => {
  test('tensorBytesView is the tensor storage inside WebAssembly memory', () => {
    const t = tf.tensor1d([1.5, -2], 'float32');
    const view = tensorBytesView(t)!;
    expect(bits(view)).toEqual(bits(Float32Array.from([1.5, -2])));
    expect(tensorBytesView(tf.scalar('s'))).toBeNull();
    t.dispose();
    expect(tensorBytesView(t)).toBeNull();
  });

  test('every variable is written bit-exact, big after small and small after big', async () => {
    const f32 = new Float32Array(1000).map((_, i) => i * 0.37 - 100);
    f32.set([-0, 1.401298464324817e-45, Infinity, NaN], 0);
    new Uint32Array(f32.buffer)[5] = 0x7fc01234; // a NaN with payload bits
    const values: Record<string, { init: tf.Tensor; dtype?: 'int64'; bytes: Buffer }> = {
      small: { init: tf.tensor1d([3.25, -1], 'float32'), bytes: bits(Float32Array.from([3.25, -1])) },
      big: { init: tf.tensor(f32, [10, 100], 'float32'), bytes: bits(f32) },
      ints: { init: tf.tensor1d([-2147483648, 2147483647, 0], 'int32'), bytes: bits(Int32Array.from([-2147483648, 2147483647, 0])) },
      flags: { init: tf.tensor1d([true, false, true], 'bool'), bytes: bits(Uint8Array.from([1, 0, 1])) },
      wide: { init: tf.tensor1d([5, -6], 'int32'), dtype: 'int64', bytes: bits(BigInt64Array.from([5n, -6n])) },
    };
    const model = new Module() as Module & Record<string, unknown>;
    for (const [name, v] of Object.entries(values)) model[name] = new Variable(v.init, { name, dtype: v.dtype });
    const fs = new MemoryFileSystem();
    const before = tf.memory().numTensors;
    const read = jest.spyOn(Variable.prototype, 'read');
    await saveModel(model, '/m', { fs });
    expect(read.mock.contexts.map((v) => (v as Variable).name)).toEqual(['wide']); // the rest were staged
    read.mockRestore();
    expect(tf.memory().numTensors).toBe(before);
    const r = await BundleReader.open('/m/variables/variables', { fs });
    for (const [name, v] of Object.entries(values)) {
      const back = await r.read(`${name}/.ATTRIBUTES/VARIABLE_VALUE`);
      expect(bits(back.data as Float32Array)).toEqual(v.bytes);
    }
    tf.dispose(Object.values(values).map((v) => v.init));
  });
});
