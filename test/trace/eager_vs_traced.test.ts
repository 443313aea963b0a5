/**
 * Every op of the `ops` namespace computes the same values eagerly (tfjs) and traced (the
 * FunctionDef we emit, run by the graph runtime), and the traced graph records the TF op.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/runtime/backend.js';
import { ops, TensorSpec, tfFunction } from '../../src/trace/index.js';
import { leaves, runTraced } from './helpers.js';

beforeAll(() => ensureBackend());

type Case = [string, string, (...a: tf.Tensor[]) => unknown, () => tf.Tensor | tf.Tensor[]];
const m = () => tf.tensor2d([[1.5, -2, 0.25], [3, 0.5, -1]]);
const pos = () => tf.tensor2d([[1.5, 2, 0.25], [3, 0.5, 1]]);
const v = () => tf.tensor1d([0.5, -1, 2]);
const ints = () => tf.tensor1d([3, -7, 8, 0], 'int32');
const bools = () => tf.tensor1d([true, false, true, false], 'bool');

const CASES: Case[] = [
  ['add', 'AddV2', (x) => ops.add(x, 2), m], ['sub', 'Sub', (x, y) => ops.sub(x, y), () => [m(), v()]],
  ['mul', 'Mul', (x) => ops.mul(x, -3), m], ['div', 'RealDiv', (x, y) => ops.div(x, y), () => [m(), tf.tensor1d([2, 4, -8])]],
  ['divNoNan', 'DivNoNan', (x, y) => ops.divNoNan(x, y), () => [m(), tf.tensor1d([2, 0, -8])]],
  ['floorDiv', 'FloorDiv', (x) => ops.floorDiv(x, 3), () => [ints()]], ['mod', 'FloorMod', (x) => ops.mod(x, 3), () => [ints()]],
  ['pow', 'Pow', (x) => ops.pow(x, 2), m], ['maximum', 'Maximum', (x, y) => ops.maximum(x, y), () => [m(), v()]],
  ['minimum', 'Minimum', (x) => ops.minimum(x, 0.3), m], ['squaredDifference', 'SquaredDifference', (x, y) => ops.squaredDifference(x, y), () => [m(), v()]],
  ['neg', 'Neg', (x) => ops.neg(x), m], ['abs', 'Abs', (x) => ops.abs(x), m], ['exp', 'Exp', (x) => ops.exp(x), m],
  ['log', 'Log', (x) => ops.log(x), pos], ['log1p', 'Log1p', (x) => ops.log1p(x), pos], ['sqrt', 'Sqrt', (x) => ops.sqrt(x), pos],
  ['rsqrt', 'Rsqrt', (x) => ops.rsqrt(x), pos], ['square', 'Square', (x) => ops.square(x), m], ['reciprocal', 'Reciprocal', (x) => ops.reciprocal(x), m],
  ['sign', 'Sign', (x) => ops.sign(x), m], ['floor', 'Floor', (x) => ops.floor(x), m], ['ceil', 'Ceil', (x) => ops.ceil(x), m],
  ['round', 'Round', (x) => ops.round(x), () => [tf.tensor1d([0.5, 1.5, 2.5, -0.5, 2.7])]],
  ['sin', 'Sin', (x) => ops.sin(x), m], ['cos', 'Cos', (x) => ops.cos(x), m], ['tanh', 'Tanh', (x) => ops.tanh(x), m],
  ['sigmoid', 'Sigmoid', (x) => ops.sigmoid(x), m], ['erf', 'Erf', (x) => ops.erf(x), m],
  ['relu', 'Relu', (x) => ops.relu(x), m], ['relu6', 'Relu6', (x) => ops.relu6(ops.mul(x, 3)), m], ['elu', 'Elu', (x) => ops.elu(x), m],
  ['selu', 'Selu', (x) => ops.selu(x), m], ['softplus', 'Softplus', (x) => ops.softplus(x), m], ['leakyRelu', 'LeakyRelu', (x) => ops.leakyRelu(x, 0.1), m],
  ['softmax', 'Softmax', (x) => ops.softmax(x), m], ['logSoftmax', 'LogSoftmax', (x) => ops.logSoftmax(x), m],
  ['matMul', 'MatMul', (x) => ops.matMul(x, tf.tensor2d([[1, 0], [0, 1], [2, -1]])), m],
  ['matMul transposeB', 'MatMul', (x) => ops.matMul(x, x, { transposeB: true }), m],
  ['batch matMul', 'BatchMatMulV2', (x, y) => ops.matMul(x, y), () => [tf.ones([2, 2, 3]), tf.tensor3d([[[1, 2], [3, 4], [5, 6]]])]],
  ['sum', 'Sum', (x) => ops.sum(x), m], ['sum axis keepDims', 'Sum', (x) => ops.sum(x, 1, true), m], ['mean', 'Mean', (x) => ops.mean(x, 0), m],
  ['max', 'Max', (x) => ops.max(x, [0, 1]), m], ['min', 'Min', (x) => ops.min(x, -1), m], ['prod', 'Prod', (x) => ops.prod(x, 1), m],
  ['all', 'All', (x) => ops.all(x), bools], ['any', 'Any', (x) => ops.any(x), bools],
  ['argMax', 'ArgMax', (x) => ops.argMax(x, 1), m], ['argMin', 'ArgMin', (x) => ops.argMin(x, 0), m],
  ['reshape', 'Reshape', (x) => ops.reshape(x, [3, -1]), m], ['transpose', 'Transpose', (x) => ops.transpose(x), m],
  ['expandDims', 'ExpandDims', (x) => ops.expandDims(x, 1), m], ['squeeze', 'Squeeze', (x) => ops.squeeze(ops.expandDims(x, 0)), m],
  ['concat', 'ConcatV2', (x) => ops.concat([x, x], 1), m], ['stack', 'Pack', (x, y) => ops.stack([x, y], 1), () => [v(), v()]],
  ['cast', 'Cast', (x) => ops.cast(x, 'int32'), m], ['equal', 'Equal', (x) => ops.equal(x, 3), ints], ['notEqual', 'NotEqual', (x) => ops.notEqual(x, 3), ints],
  ['less', 'Less', (x, y) => ops.less(x, y), () => [m(), v()]], ['lessEqual', 'LessEqual', (x) => ops.lessEqual(x, 0.5), m],
  ['greater', 'Greater', (x) => ops.greater(x, 0), m], ['greaterEqual', 'GreaterEqual', (x) => ops.greaterEqual(x, 0.5), m],
  ['logicalAnd', 'LogicalAnd', (x) => ops.logicalAnd(x, [true, true, false, false]), bools], ['logicalOr', 'LogicalOr', (x) => ops.logicalOr(x, [true, true, false, false]), bools],
  ['logicalNot', 'LogicalNot', (x) => ops.logicalNot(x), bools], ['isNan', 'IsNan', (x) => ops.isNan(ops.log(x)), () => [tf.tensor1d([-1, 1, 0])]],
  ['isFinite', 'IsFinite', (x) => ops.isFinite(ops.log(x)), () => [tf.tensor1d([-1, 1, 0])]],
  ['where', 'SelectV2', (c, x, y) => ops.where(c, x, y), () => [bools(), tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([-1, -2, -3, -4])]],
  ['gather', 'GatherV2', (x) => ops.gather(x, [2, 0], 1), m], ['tile', 'Tile', (x) => ops.tile(x, [2, 1]), m],
  ['oneHot', 'OneHot', (x) => ops.oneHot(x, 4), () => [tf.tensor1d([0, 3, 1], 'int32')]],
  ['range', 'Range', (x) => ops.add(x, ops.range(0, 3)), () => [tf.tensor1d([10, 20, 30], 'int32')]],
  ['shape', 'Shape', (x) => ops.shape(x), m], ['size', 'Size', (x) => ops.size(x), m], ['rank', 'Rank', (x) => ops.rank(x), m],
  ['fill', 'Fill', (x) => ops.add(x, ops.fill([2, 3], 0.5)), m], ['zerosLike', 'ZerosLike', (x) => ops.zerosLike(x), m], ['onesLike', 'OnesLike', (x) => ops.onesLike(x), m],
  ['zeros/ones', 'Const', (x) => ops.add(ops.zeros([2, 3]), ops.mul(x, ops.ones([3]))), m],
  ['biasAdd', 'BiasAdd', (x) => ops.biasAdd(x, [0.1, 0.2, 0.3]), m], ['clipByValue', 'ClipByValue', (x) => ops.clipByValue(x, -1, 1), m],
  ['addN', 'AddN', (x, y) => ops.addN([x, y, x]), () => [v(), v()]], ['identity', 'Identity', (x) => ops.identity(x), m],
  ['stopGradient', 'StopGradient', (x) => ops.stopGradient(x), m], ['constant', 'Const', (x) => ops.mul(x, ops.constant([[1, 2, 3]], 'float32')), m],
];

describe('eager == traced', () => {
  test.each(CASES)('%s records %s and matches', (_name, opType, fn, make) => {
    const made = make();
    const inputs = Array.isArray(made) ? made : [made];
    const eager = leaves(fn(...inputs));
    const f = tfFunction(fn as (...a: never[]) => unknown);
    const cf = f.getConcreteFunction(...inputs.map((t) => new TensorSpec([...t.shape], t.dtype)));
    expect(cf.graph.operations.map((o) => o.type)).toContain(opType);
    const traced = runTraced(cf, inputs);
    expect(traced.length).toBe(eager.length);
    traced.forEach((t, i) => {
      expect(t.shape).toEqual(eager[i].shape);
      const want = Array.from(eager[i].dataSync() as ArrayLike<number>);
      const got = Array.from(t.dataSync() as ArrayLike<number>);
      got.forEach((g, j) => {
        if (Number.isNaN(want[j])) expect(g).toBeNaN();
        else expect(g).toBeCloseTo(Number(want[j]), 5);
      });
      // the traced output records the shape the runtime produced
      const recorded = cf.outputs[i].shape;
      if (recorded) expect(recorded.map((d, k) => (d < 0 ? t.shape[k] : d))).toEqual(t.shape);
    });
    tf.dispose([...inputs, ...eager, ...traced]);
  });
});
