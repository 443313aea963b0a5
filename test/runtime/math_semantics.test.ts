/** TF semantics of the math kernels beyond the golden cases: exact integer division, errors, FFT caches, complex values. */
import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef, placeholderNode } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { runOp, take } from './helpers.js';
import { expectThrows } from '../support/errors.js';

beforeAll(() => ensureBackend());

const I = { T: attr.type('int32') };
const F = { T: attr.type('float32') };

describe('integer division is exact over the whole int32 range', () => {
  // deterministic pseudo-random pairs, with extremes mixed in
  const n = 4000;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
  for (let i = 0; i < n; i++) {
    xs[i] = i % 7 === 0 ? [2147483647, -2147483648, -2147483647, 0][i % 4] : next() >> (i % 31);
    let y = next() >> ((i * 7) % 31);
    if (y === 0 || (xs[i] === -2147483648 && y === -1)) y = 3;
    ys[i] = y;
  }
  const ref: Record<string, (a: bigint, b: bigint) => bigint> = {
    Div: (a, b) => a / b,
    Mod: (a, b) => a % b,
    FloorDiv: (a, b) => (a / b) - ((a % b !== 0n && (a < 0n) !== (b < 0n)) ? 1n : 0n),
    FloorMod: (a, b) => ((a % b) + b) % b,
  };

  // below 2^24 the kernels divide in float32; beyond, exactly in int32
  const cases = Object.keys(ref).flatMap((op) => [[op, 'full range'], [op, 'below 2^24']]);
  test.each(cases)('%s matches BigInt arithmetic (%s)', (op, range) => {
    const fit = (v: Int32Array) => (range === 'full range' ? v : v.map((e) => (e >> 8) || 1));
    const [xv, yv] = [fit(xs), fit(ys)];
    const x = tf.tensor1d(xv, 'int32');
    const y = tf.tensor1d(yv, 'int32');
    const [z] = runOp(op, [x, y], I);
    const got = z.dataSync();
    const bad: string[] = [];
    for (let i = 0; i < n && bad.length < 5; i++) {
      const want = Number(ref[op](BigInt(xv[i]), BigInt(yv[i])));
      if (got[i] !== want) bad.push(`${xv[i]} ${op} ${yv[i]}: got ${got[i]} want ${want}`);
    }
    expect(bad).toEqual([]);
    tf.dispose([x, y, z]);
  });
});

describe('errors name the node and say what was expected', () => {
  test('integer division by zero, negative integer powers', () => {
    const x = tf.tensor1d([1, 2], 'int32');
    const z = tf.tensor1d([1, 0], 'int32');
    for (const op of ['Div', 'FloorDiv', 'FloorMod', 'Mod']) expectThrows(() => runOp(op, [x, z], I), 'INVALID_ARGUMENT', new RegExp(`node 'op' \\(${op}\\): Integer division by zero`));
    expectThrows(() => runOp('Pow', [x, tf.tensor1d([1, -1], 'int32')], I), 'INVALID_ARGUMENT', /negative integer powers/);
    tf.dispose([x, z]);
  });

  test('reduction axes out of range or repeated', () => {
    const x = tf.zeros([2, 3]);
    expectThrows(() => runOp('Max', [x, tf.tensor1d([2], 'int32')], F), 'INVALID_ARGUMENT', /Invalid reduction dimension \(2 for input with 2/);
    expectThrows(() => runOp('Sum', [x, tf.tensor1d([0, -2], 'int32')], F), 'INVALID_ARGUMENT', /duplicate dimension: 0/);
    expectThrows(() => runOp('ArgMax', [x, tf.tensor1d([0, 1], 'int32')], F), 'INVALID_ARGUMENT', /dimension must be a scalar/);
    x.dispose();
  });

  test('Equal on shapes that do not broadcast, unless incompatible_shape_error is false', () => {
    const a = tf.tensor1d([1, 2]);
    const b = tf.tensor1d([1, 2, 3]);
    expectThrows(() => runOp('Equal', [a, b], F), 'INVALID_ARGUMENT', /incompatible shapes \[2\] and \[3\]/);
    const [ne] = runOp('NotEqual', [a, b], { ...F, incompatible_shape_error: attr.b(false) });
    expect([ne.dtype, ne.shape]).toEqual(['bool', []]);
    expect(take(ne)).toBe(1);
    tf.dispose([a, b]);
  });

  test('_FusedMatMul with fusions TF does not define', () => {
    const a = tf.ones([2, 2]);
    const bias = tf.ones([2]);
    expectThrows(() => runOp('_FusedMatMul', [a, a, bias], { ...F, num_args: attr.i(1), fused_ops: attr.strs(['BiasAdd', 'Softsign']) }), 'UNIMPLEMENTED', /BiasAdd, Softsign/);
    expectThrows(() => runOp('_FusedMatMul', [a, a, bias], { ...F, num_args: attr.i(1), fused_ops: attr.strs(['Relu']) }), 'UNIMPLEMENTED', /only BiasAdd/);
    tf.dispose([a, bias]);
  });

  test('UniqueV2 axis checks; FFT lengths', () => {
    const x = tf.tensor2d([[1, 2], [1, 2]]);
    expectThrows(() => runOp('UniqueV2', [x, tf.tensor1d([2], 'int32')], { ...F, Taxis: attr.type('int32') }), 'INVALID_ARGUMENT', /axis 2 is out of range/);
    expectThrows(() => runOp('UniqueV2', [x, tf.tensor1d([], 'int32')], { ...F, Taxis: attr.type('int32') }), 'INVALID_ARGUMENT', /1-D vector/);
    expectThrows(() => runOp('RFFT', [x, tf.tensor1d([0], 'int32')]), 'INVALID_ARGUMENT', /fft_length must hold one positive length/);
    x.dispose();
  });
});

describe('integer and complex details', () => {
  test('Round keeps integers (tf.round; TF 2.21\'s int kernel returns zeros)', () => {
    const x = tf.tensor1d([-3, 4], 'int32');
    expect(take(runOp('Round', [x], I)[0])).toEqual([-3, 4]);
    x.dispose();
  });

  test('Cast into narrow integer types wraps like TF 2.21 (44, 255, 108) and keeps the int32 carrier', () => {
    const x = tf.tensor1d([300, -1, 1.9e3], 'float32');
    const [u8] = runOp('Cast', [x], { SrcT: attr.type('float32'), DstT: attr.type('uint8') });
    expect(u8.dtype).toBe('int32');
    expect(take(u8)).toEqual([44, 255, 108]);
    x.dispose();
  });

  test('complex64 values flow through Identity and are fetched as interleaved pairs', () => {
    const c = tf.complex(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
    const exec = new Executor({
      node: [placeholderNode('c', 'complex64'), nodeDef('id', 'Identity', ['c'], { T: attr.type('complex64') }), nodeDef('abs', 'ComplexAbs', ['id'])],
    });
    const [id, abs] = exec.run({ c }, ['id', 'abs']);
    expect(id.dtype).toBe('complex64');
    expect(Array.from(id.dataSync())).toEqual([1, 3, 2, 4]);
    expect(Array.from(abs.dataSync()).map((v) => +v.toFixed(5))).toEqual([3.16228, 4.47214]);
    tf.dispose([c, id, abs]);
    exec.dispose();
  });

  test('FFT matrices are built once per node, kept across runs and freed with the executor', () => {
    const base = tf.memory().numTensors;
    const exec = new Executor({ node: [placeholderNode('x', 'float32'), placeholderNode('n', 'int32'), nodeDef('f', 'RFFT', ['x', 'n'])] });
    const x = tf.randomNormal([4, 64]);
    const n = tf.tensor1d([64], 'int32');
    const [y1] = exec.run({ x, n }, ['f']);
    const afterFirst = tf.memory().numTensors;
    const [y2] = exec.run({ x, n }, ['f']);
    expect(tf.memory().numTensors).toBe(afterFirst + 1);
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    tf.dispose([y1, y2, x, n]);
    exec.dispose();
    expect(tf.memory().numTensors).toBe(base);
  });
});
