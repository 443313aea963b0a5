/** Values of the array/math/nn kernels owned by the runtime (each op at least once). */
import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { runOp, take } from './helpers.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };
const t = (v: number[] | number[][] | number[][][] | number[][][][], dtype: 'float32' | 'int32' | 'bool' = 'float32') => tf.tensor(v as number[], undefined, dtype);
const i32 = (v: number[]) => tf.tensor1d(v, 'int32');
const one = (op: string, ins: tf.Tensor[], attrs = {}) => {
  const [r] = runOp(op, ins, attrs);
  tf.dispose(ins);
  return take(r);
};
const close = (got: unknown, want: number[], eps = 1e-5) => {
  const g = (got as number[]).flat(4) as number[];
  expect(g.length).toBe(want.length);
  g.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(eps * Math.max(1, Math.abs(want[i]))));
};

describe('array kernels', () => {
  test('ExpandDims, Squeeze, Transpose, Tile, Fill, Range', () => {
    expect(one('ExpandDims', [t([1, 2]), tf.scalar(-1, 'int32')], F)).toEqual([[1], [2]]);
    expect(one('Squeeze', [t([[[1], [2]]])], { ...F, squeeze_dims: attr.ints([2]) })).toEqual([[1, 2]]);
    expect(one('Squeeze', [t([[[1], [2]]])], F)).toEqual([1, 2]);
    expect(one('Transpose', [t([[1, 2, 3], [4, 5, 6]]), i32([1, 0])], F)).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(one('Tile', [t([[1, 2]]), i32([2, 2])], F)).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
    expect(one('Fill', [i32([2, 2]), tf.scalar(7)], F)).toEqual([[7, 7], [7, 7]]);
    expect(one('Range', [tf.scalar(3, 'int32'), tf.scalar(10, 'int32'), tf.scalar(3, 'int32')], {})).toEqual([3, 6, 9]);
    expect(one('Range', [tf.scalar(0), tf.scalar(1), tf.scalar(0.25)], { Tidx: attr.type('float32') })).toEqual([0, 0.25, 0.5, 0.75]);
  });

  test('Pack, Unpack, ConcatV2, Concat', () => {
    expect(one('Pack', [t([1, 2]), t([3, 4])], { ...F, N: attr.i(2), axis: attr.i(1) })).toEqual([[1, 3], [2, 4]]);
    const x = t([[1, 2], [3, 4]]);
    const outs = runOp('Unpack', [x], { ...F, num: attr.i(2), axis: attr.i(1) }).map(take);
    expect(outs).toEqual([[1, 3], [2, 4]]);
    x.dispose();
    expect(one('ConcatV2', [t([[1]]), t([[2, 3]]), tf.scalar(-1, 'int32')], { ...F, N: attr.i(2) })).toEqual([[1, 2, 3]]);
    expect(one('Concat', [tf.scalar(0, 'int32'), t([1]), t([2])], { ...F, N: attr.i(2) })).toEqual([1, 2]);
  });

  test('GatherV2 (axis, batch_dims), OneHot (axis), StridedSlice masks', () => {
    expect(one('GatherV2', [t([[1, 2], [3, 4], [5, 6]]), i32([2, 0]), tf.scalar(0, 'int32')], { Tparams: attr.type('float32') })).toEqual([[5, 6], [1, 2]]);
    expect(one('GatherV2', [t([[1, 2], [3, 4]]), i32([1]), tf.scalar(1, 'int32')], {})).toEqual([[2], [4]]);
    expect(one('GatherV2', [t([[1, 2], [3, 4]]), tf.tensor2d([[1], [0]], undefined, 'int32'), tf.scalar(1, 'int32')], { batch_dims: attr.i(1) })).toEqual([[2], [3]]);
    expect(one('OneHot', [i32([0, 2]), tf.scalar(3, 'int32'), tf.scalar(5), tf.scalar(-1)], { ...F, TI: attr.type('int32') })).toEqual([[5, -1, -1], [-1, -1, 5]]);
    expect(one('OneHot', [i32([0, 2]), tf.scalar(3, 'int32'), tf.scalar(1), tf.scalar(0)], { ...F, axis: attr.i(0) })).toEqual([[1, 0], [0, 0], [0, 1]]);
    const x = t([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    // x[1:, ::2]
    expect(one('StridedSlice', [x.clone(), i32([1, 0]), i32([0, 0]), i32([1, 2])], { ...F, Index: attr.type('int32'), end_mask: attr.i(3) })).toEqual([[4, 6], [7, 9]]);
    // x[:, 1] (shrink axis 1)
    expect(one('StridedSlice', [x.clone(), i32([0, 1]), i32([0, 2]), i32([1, 1])], { ...F, begin_mask: attr.i(1), end_mask: attr.i(1), shrink_axis_mask: attr.i(2) })).toEqual([2, 5, 8]);
    // x[..., tf.newaxis, -1]
    const r = one('StridedSlice', [x, i32([0, 0, -1]), i32([0, 0, 0]), i32([1, 1, 1])], { ...F, ellipsis_mask: attr.i(1), new_axis_mask: attr.i(2), shrink_axis_mask: attr.i(4) });
    expect(r).toEqual([[3], [6], [9]]);
  });

  test('Select (TF1 rank-1 condition picks rows) and SelectV2 (broadcasting)', () => {
    const c = tf.tensor1d([true, false], 'bool');
    expect(one('Select', [c, t([[1, 2], [3, 4]]), t([[5, 6], [7, 8]])], F)).toEqual([[1, 2], [7, 8]]);
    expect(one('SelectV2', [tf.tensor1d([true, false], 'bool'), t([[1, 2], [3, 4]]), tf.scalar(0)], F)).toEqual([[1, 0], [3, 0]]);
    const s = (v: string[]) => tf.tensor(v, [v.length], 'string');
    expect(one('SelectV2', [tf.tensor1d([true, false, true], 'bool'), s(['a', 'b', 'c']), tf.scalar('z', 'string')], { T: attr.type('string') })).toEqual(['a', 'z', 'c']);
    expect(one('Select', [tf.tensor1d([false, true], 'bool'), s(['a', 'b']), s(['x', 'y'])], { T: attr.type('string') })).toEqual(['x', 'b']);
  });

  test('Shape, Reshape with -1, Cast to int8/bool, StopGradient, Snapshot', () => {
    expect(one('Reshape', [t([1, 2, 3, 4]), i32([-1, 2])], F)).toEqual([[1, 2], [3, 4]]);
    expect(one('Cast', [i32([127, 128, -129])], { SrcT: attr.type('int32'), DstT: attr.type('int8') })).toEqual([127, -128, 127]);
    expect(one('Cast', [t([0, 0.5, -2])], { SrcT: attr.type('float32'), DstT: attr.type('bool') })).toEqual([0, 1, 1]);
    expect(one('StopGradient', [t([1, 2])], F)).toEqual([1, 2]);
    expect(one('Snapshot', [t([3])], F)).toEqual([3]);
  });
});

describe('math kernels', () => {
  test('element-wise: SquaredDifference, Rsqrt, Erf, Sigmoid, Tanh, Neg, RealDiv', () => {
    expect(one('SquaredDifference', [t([1, 5]), t([3, 2])], F)).toEqual([4, 9]);
    close(one('Rsqrt', [t([4, 0.25])], F), [0.5, 2]);
    close(one('Erf', [t([0, 0.5, -1])], F), [0, 0.5204998778, -0.8427007929]);
    close(one('Sigmoid', [t([0, 2])], F), [0.5, 0.8807970780]);
    close(one('Tanh', [t([0.5])], F), [0.4621171573]);
    expect(one('Neg', [t([1, -2])], F)).toEqual([-1, 2]);
    expect(one('RealDiv', [t([1, 6]), t([4, 3])], F)).toEqual([0.25, 2]);
  });

  test('Mean over axes with keep_dims', () => {
    expect(one('Mean', [t([[1, 2], [3, 6]]), i32([1])], F)).toEqual([1.5, 4.5]);
    expect(one('Mean', [t([[1, 2], [3, 6]]), i32([0, 1])], { ...F, keep_dims: attr.b(true) })).toEqual([[3]]);
  });

  test('BatchMatMulV2 with adjoints and batch broadcasting', () => {
    const a = t([[[1, 2], [3, 4]], [[1, 0], [0, 1]]]);
    const b = t([[1, 1], [0, 1]]);
    expect(one('BatchMatMulV2', [a, b], F)).toEqual([[[1, 3], [3, 7]], [[1, 1], [0, 1]]]);
    expect(one('BatchMatMulV2', [t([[[1, 2], [3, 4]]]), t([[[1, 0], [1, 1]]])], { ...F, adj_x: attr.b(true), adj_y: attr.b(true) })).toEqual([[[1, 4], [2, 6]]]);
  });

  test('Einsum: dense, attention, transposes, reductions, ellipsis', () => {
    const x = t([[1, 2], [3, 4]]);
    const y = t([[5, 6], [7, 8]]);
    const eq = (e: string, ...xs: tf.Tensor[]) => take(runOp('Einsum', xs, { ...F, N: attr.i(xs.length), equation: attr.s(e) })[0]);
    expect(eq('ij,jk->ik', x, y)).toEqual([[19, 22], [43, 50]]);
    expect(eq('ij,kj->ik', x, y)).toEqual([[17, 23], [39, 53]]);
    expect(eq('ij->ji', x)).toEqual([[1, 3], [2, 4]]);
    expect(eq('ij->', x)).toEqual(10);
    expect(eq('ij,ij->i', x, y)).toEqual([17, 53]);
    expect(eq('i,j->ij', tf.tensor1d([1, 2]), tf.tensor1d([3, 4]))).toEqual([[3, 4], [6, 8]]);
    const q = tf.reshape(tf.range(0, 24), [1, 2, 3, 4]); // b, heads, seq, dim
    const k = tf.reshape(tf.range(0, 24), [1, 2, 3, 4]);
    const got = eq('bhqd,bhkd->bhqk', q, k) as number[][][][];
    const want = take(tf.matMul(q, k, false, true));
    expect(got).toEqual(want);
    expect(eq('...ij,jk->...ik', tf.ones([2, 1, 2]), y)).toEqual([[[12, 14]], [[12, 14]]]);
    expect(eq('abc,cd->abd', tf.ones([1, 2, 2]), y)).toEqual([[[12, 14], [12, 14]]]);
    tf.dispose([x, y, q, k]);
    expect(() => runOp('Einsum', [tf.ones([2, 2])], { ...F, N: attr.i(1), equation: attr.s('ii->i') })).toThrow(/diagonals/);
  });
});

describe('nn kernels', () => {
  test('Relu6, Softmax, BiasAdd (NHWC and NCHW)', () => {
    expect(one('Relu6', [t([-1, 3, 9])], F)).toEqual([0, 3, 6]);
    close(one('Softmax', [t([[0, Math.log(3)]])], F), [0.25, 0.75]);
    expect(one('BiasAdd', [t([[1, 2], [3, 4]]), t([10, 20])], F)).toEqual([[11, 22], [13, 24]]);
    expect(one('BiasAdd', [tf.zeros([1, 2, 1, 2]), t([1, 2])], { ...F, data_format: attr.s('NCHW') })).toEqual([[[[1, 1]], [[2, 2]]]]);
  });

  test('Conv2D SAME/VALID/strides/NCHW/explicit padding, DepthwiseConv2dNative', () => {
    const x = tf.reshape(tf.range(1, 17), [1, 4, 4, 1]);
    const k = tf.ones([2, 2, 1, 1]);
    const conv = (extra: Record<string, ReturnType<typeof attr.s>>, xx = x, kk = k) => take(runOp('Conv2D', [xx, kk], { ...F, strides: attr.ints([1, 1, 1, 1]), padding: attr.s('VALID'), ...extra })[0]) as number[][][][];
    expect(conv({}).flat(3)).toEqual([14, 18, 22, 30, 34, 38, 46, 50, 54]);
    expect(conv({ strides: attr.ints([1, 2, 2, 1]) }).flat(3)).toEqual([14, 22, 46, 54]);
    expect(conv({ padding: attr.s('SAME'), strides: attr.ints([1, 2, 2, 1]) }).flat(3)).toEqual([14, 22, 46, 54]);
    expect(conv({ padding: attr.s('EXPLICIT'), explicit_paddings: attr.ints([0, 0, 1, 0, 1, 0, 0, 0]), strides: attr.ints([1, 3, 3, 1]) }).flat(3)).toEqual([1, 7, 22, 54]);
    const xc = tf.transpose(x, [0, 3, 1, 2]);
    const nchw = conv({ data_format: attr.s('NCHW'), strides: attr.ints([1, 1, 2, 2]) }, xc);
    expect(nchw.flat(3)).toEqual([14, 22, 46, 54]);
    const dk = tf.tensor4d([1, 10], [1, 1, 1, 2]);
    const dw = take(runOp('DepthwiseConv2dNative', [tf.ones([1, 1, 1, 1]), dk], { ...F, strides: attr.ints([1, 1, 1, 1]), padding: attr.s('VALID') })[0]);
    expect(dw).toEqual([[[[1, 10]]]]);
    tf.dispose([x, k, xc, dk]);
  });

  test('MaxPool and AvgPool', () => {
    const x = tf.reshape(tf.range(1, 17), [1, 4, 4, 1]);
    const p = { ...F, ksize: attr.ints([1, 2, 2, 1]), strides: attr.ints([1, 2, 2, 1]), padding: attr.s('VALID') };
    expect((take(runOp('MaxPool', [x], p)[0]) as number[][][][]).flat(3)).toEqual([6, 8, 14, 16]);
    expect((take(runOp('AvgPool', [x], p)[0]) as number[][][][]).flat(3)).toEqual([3.5, 5.5, 11.5, 13.5]);
    x.dispose();
  });

  test('FusedBatchNormV3 inference and training', () => {
    const x = t([[[[1, 2]], [[3, 6]]]]); // N=1,H=2,W=1,C=2
    const scale = t([1, 2]);
    const offset = t([0, 1]);
    const mean = t([1, 2]);
    const variance = t([4, 1]);
    const attrs = { ...F, U: attr.type('float32'), epsilon: attr.f(0) };
    const inf = runOp('FusedBatchNormV3', [x, scale, offset, mean, variance], { ...attrs, is_training: attr.b(false) });
    expect(inf).toHaveLength(6);
    close(take(inf[0]), [0, 1, 1, 9]);
    inf.slice(1).forEach((o) => o.dispose());
    const tr = runOp('FusedBatchNormV3', [x, scale, offset, mean, variance], attrs);
    // channel 0: values 1,3 → mean 2, var 1 (unbiased 2); channel 1: 2,6 → mean 4, var 4 (unbiased 8)
    close(take(tr[0]), [-1, -1, 1, 3]);
    expect([take(tr[1]), take(tr[2])]).toEqual([[2, 4], [2, 8]]);
    tr.slice(3).forEach((o) => o.dispose());
    tf.dispose([x, scale, offset, mean, variance]);
  });

  test('TopKV2', () => {
    const x = t([[1, 5, 3], [9, 2, 4]]);
    const [v, i] = runOp('TopKV2', [x, tf.scalar(2, 'int32')], F);
    expect([take(v), take(i)]).toEqual([[[5, 3], [9, 4]], [[1, 2], [0, 2]]]);
    x.dispose();
  });
});
