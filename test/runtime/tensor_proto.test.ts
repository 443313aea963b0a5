import * as tf from '@tensorflow/tfjs-core';
import { tensorProto } from '../../src/graph/build.js';
import { dtypeFromEnum, dtypeToEnum, allDtypes } from '../../src/graph/dtypes.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { tfjsDtype } from '../../src/runtime/dtypes.js';
import { halfToFloat, tensorFromProto } from '../../src/runtime/tensor_proto.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

describe('dtype table', () => {
  test('enum numbers follow types.proto', () => {
    expect(dtypeToEnum('float32')).toBe(1);
    expect(dtypeToEnum('DT_INT64')).toBe(9);
    expect(dtypeToEnum('half')).toBe(19);
    expect(dtypeFromEnum(101)).toBe('float32'); // DT_FLOAT_REF
    expect(dtypeFromEnum(20)).toBe('resource');
    for (const [name, n] of allDtypes()) expect(dtypeFromEnum(n)).toBe(name);
  });

  test('tfjs carriers', () => {
    expect(tfjsDtype('int64')).toBe('int32');
    expect(tfjsDtype('float64')).toBe('float32');
    expect(tfjsDtype('uint8')).toBe('int32');
    expect(tfjsDtype('bool')).toBe('bool');
    expect(tfjsDtype('string')).toBe('string');
    expect(() => tfjsDtype('resource')).toThrow(/no tensor representation/);
  });
});

describe('TensorProto decoding', () => {
  test('typed fields with splat of the last value', () => {
    expect(take(tensorFromProto(tensorProto([1.5], [2, 2], 'float32')))).toEqual([[1.5, 1.5], [1.5, 1.5]]);
    expect(take(tensorFromProto(tensorProto([], [3], 'int32')))).toEqual([0, 0, 0]);
    expect(take(tensorFromProto(tensorProto([true, false], [2], 'bool')))).toEqual([1, 0]);
    expect(take(tensorFromProto(tensorProto([7, -8], [2], 'int64')))).toEqual([7, -8]);
    const s = tensorFromProto(tensorProto(['ab', 'ç'], [2], 'string'));
    expect(s.dtype).toBe('string');
    expect(take(s)).toEqual(['ab', 'ç']);
  });

  test('tensor_content, little-endian, every width', () => {
    const f64 = new Float64Array([0.25, -3]);
    expect(take(tensorFromProto({ dtype: 2, tensorShape: { dim: [{ size: 2 }] }, tensorContent: new Uint8Array(f64.buffer) }))).toEqual([0.25, -3]);
    const i64 = new BigInt64Array([5n, -6n, 2147483647n]);
    expect(take(tensorFromProto({ dtype: 9, tensorShape: { dim: [{ size: 3 }] }, tensorContent: new Uint8Array(i64.buffer) }))).toEqual([5, -6, 2147483647]);
    const u8 = new Uint8Array([0, 255, 7]);
    const t = tensorFromProto({ dtype: 4, tensorShape: { dim: [{ size: 3 }] }, tensorContent: u8 });
    expect(t.dtype).toBe('int32');
    expect(take(t)).toEqual([0, 255, 7]);
    // float16 1.0 = 0x3c00, -2.5 = 0xc100; unaligned offset inside a larger buffer
    const buf = new Uint8Array([9, 0x00, 0x3c, 0x00, 0xc1]).subarray(1);
    expect(take(tensorFromProto({ dtype: 19, tensorShape: { dim: [{ size: 2 }] }, tensorContent: buf }))).toEqual([1, -2.5]);
    // bfloat16 of 1.0 is 0x3f80
    expect(take(tensorFromProto({ dtype: 14, tensorShape: { dim: [{ size: 1 }] }, halfVal: [0x3f80] }))).toEqual([1]);
  });

  test('int64 overflow, short content and missing dtype are SavedModelErrors', () => {
    const big = new BigInt64Array([2n ** 40n]);
    expect(() => tensorFromProto({ dtype: 9, tensorShape: { dim: [{ size: 1 }] }, tensorContent: new Uint8Array(big.buffer) }))
      .toThrow(/1099511627776 does not fit the int32/);
    expect(() => tensorFromProto({ dtype: 1, tensorShape: { dim: [{ size: 2 }] }, tensorContent: new Uint8Array(4) }))
      .toThrow(/4 bytes, expected 8/);
    expect(() => tensorFromProto({ tensorShape: {} })).toThrow(/no dtype/);
  });

  test('complex64 (interleaved re/im, via complex_wasm) and halfToFloat', () => {
    const c = tensorFromProto(tensorProto([1, 2, 3, 4], [2], 'complex64'));
    expect(c.dtype).toBe('complex64');
    expect(c.shape).toEqual([2]);
    expect(tf.tidy(() => Array.from(tf.real(c).dataSync()))).toEqual([1, 3]);
    expect(tf.tidy(() => Array.from(tf.imag(c).dataSync()))).toEqual([2, 4]);
    tf.dispose(c);
    expect(tf.memory().numTensors).toBe(0);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x0001)).toBeCloseTo(5.96e-8, 10);
  });
});

test('tensor_content inside a Node Buffer pool (as protobufjs decodes it) is read from its own bytes', () => {
  const pool = Buffer.alloc(64, 0xff);
  const content = pool.subarray(3, 11); // 2 int32 values at an odd offset of a larger buffer
  content.writeInt32LE(7, 0);
  content.writeInt32LE(-9, 4);
  expect(take(tensorFromProto({ dtype: 3, tensorShape: { dim: [{ size: 2 }] }, tensorContent: content }))).toEqual([7, -9]);
});
