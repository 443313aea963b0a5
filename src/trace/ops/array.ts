/** `ops` array ops: constants, shapes, reshaping, joining, gathering, selection. */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../errors.js';
import { attr } from '../../graph/build.js';
import { parseDtypeName, type TfDType } from '../../graph/dtypes.js';
import { tfjsDtype } from '../../runtime/dtypes.js';
import { flattenLike, graphFor, toGraphTensor, type TensorInput } from '../convert.js';
import { runListOp, runOp, staticShape, type OpOptions, type Tensor } from './define.js';

/** A constant tensor (Const) of `value` (nested arrays, typed array, number …). */
export function constant(value: tf.TensorLike | tf.Tensor, dtype?: string, opts?: OpOptions & { shape?: number[] }): Tensor {
  const dt = dtype === undefined ? undefined : parseDtypeName(dtype);
  const g = graphFor([]);
  let v: unknown = value;
  if (opts?.shape && !(value instanceof tf.Tensor)) {
    const flat = flattenLike(value, 'constant').values;
    const n = opts.shape.reduce((a, b) => a * b, 1);
    v = flat.length === 1 ? tf.fill(opts.shape, flat[0] as number) : tf.tensor(flat as number[], opts.shape);
    if (flat.length !== 1 && flat.length !== n) throw new SavedModelError('INVALID_ARGUMENT', `constant: ${flat.length} values for shape [${opts.shape}]`);
  }
  if (g) {
    const t = toGraphTensor(g, v, { dtype: dt, name: opts?.name ?? 'Const' }) as unknown as Tensor;
    if (v !== value) (v as tf.Tensor).dispose();
    return t;
  }
  if (v instanceof tf.Tensor) return dt && tfjsDtype(dt) !== v.dtype ? tf.cast(v, tfjsDtype(dt)) : v === value ? v.clone() : v;
  return tf.tensor(value as tf.TensorLike, undefined, dt ? tfjsDtype(dt) : undefined);
}

/** The input, unchanged (Identity). */
export function identity(input: TensorInput, opts?: OpOptions): Tensor {
  return runOp('Identity', [{ value: input, name: 'input' }], opts, { op: 'Identity' }, ([a]) => a.clone());
}

/** The input, with gradients stopped (StopGradient). */
export function stopGradient(input: TensorInput, opts?: OpOptions): Tensor {
  return runOp('StopGradient', [{ value: input, name: 'input' }], opts, { op: 'StopGradient' }, ([a]) => a.clone());
}

/** New shape, same values (Reshape); one dimension may be -1. */
export function reshape(x: TensorInput, shape: TensorInput, opts?: OpOptions): Tensor {
  return runOp('Reshape', [{ value: x, name: 'tensor' }, { value: shape, name: 'shape', dtype: 'int32' }], opts, { op: 'Reshape' },
    ([a, s]) => tf.reshape(a, Array.from(s.dataSync())));
}

/** Permutes dimensions (reversed when `perm` is omitted). */
export function transpose(x: TensorInput, perm?: readonly number[], opts?: OpOptions): Tensor {
  let p = perm;
  if (!p) {
    const rank = staticShape(x)?.length;
    if (rank === undefined) throw new SavedModelError('INVALID_ARGUMENT', 'transpose without perm needs a tensor of known rank');
    p = Array.from({ length: rank }, (_, i) => rank - 1 - i);
  }
  const pp = [...p];
  return runOp('transpose', [{ value: x, name: 'x' }, { value: pp, name: 'perm', dtype: 'int32' }], opts, { op: 'Transpose' }, ([a]) => tf.transpose(a, pp));
}

/** Inserts a dimension of size 1 at `axis`. */
export function expandDims(x: TensorInput, axis: number, opts?: OpOptions): Tensor {
  return runOp('ExpandDims', [{ value: x, name: 'input' }, { value: axis, name: 'dim', dtype: 'int32' }], opts, { op: 'ExpandDims' }, ([a]) => tf.expandDims(a, axis));
}

/** Removes dimensions of size 1 (those in `axis`, or all). */
export function squeeze(x: TensorInput, axis?: readonly number[], opts?: OpOptions): Tensor {
  const dims = axis ? [...axis] : [];
  return runOp('Squeeze', [{ value: x, name: 'input' }], opts, { op: 'Squeeze', attrs: () => ({ squeeze_dims: attr.ints(dims) }) },
    ([a]) => tf.squeeze(a, axis ? dims : undefined));
}

/** Joins tensors along an existing axis (ConcatV2). */
export function concat(values: readonly TensorInput[], axis: number, opts?: OpOptions): Tensor {
  return runListOp('concat', values, [{ value: axis, name: 'axis', dtype: 'int32' }], opts, { op: 'ConcatV2' }, (items) => tf.concat(items, axis));
}

/** Stacks same-shape tensors along a new axis (Pack). */
export function stack(values: readonly TensorInput[], axis = 0, opts?: OpOptions): Tensor {
  return runListOp('stack', values, [], opts, { op: 'Pack', attrs: { axis: attr.i(axis) } }, (items) => tf.stack(items, axis));
}

/** A tensor of `dims` filled with `value` (Fill). */
export function fill(dims: TensorInput, value: TensorInput, opts?: OpOptions): Tensor {
  return runOp('Fill', [{ value: dims, name: 'dims', dtype: 'int32' }, { value, name: 'value' }], opts, { op: 'Fill' },
    ([d, v]) => tf.fill(Array.from(d.dataSync()), v.dataSync()[0] as number, v.dtype));
}

function filled(shape: readonly number[], dtype: string | undefined, value: number, name: string, opts?: OpOptions): Tensor {
  const dt: TfDType = dtype === undefined ? 'float32' : parseDtypeName(dtype);
  const g = graphFor([]);
  if (g) {
    const values = tf.fill([...shape], value, tfjsDtype(dt));
    const t = toGraphTensor(g, values, { dtype: dt, name: opts?.name ?? name });
    values.dispose();
    return t as unknown as Tensor;
  }
  return tf.fill([...shape], value, tfjsDtype(dt));
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], dtype?: string, opts?: OpOptions): Tensor {
  return filled(shape, dtype, 0, 'zeros', opts);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], dtype?: string, opts?: OpOptions): Tensor {
  return filled(shape, dtype, 1, 'ones', opts);
}

/** Zeros shaped like x (ZerosLike). */
export function zerosLike(x: TensorInput, opts?: OpOptions): Tensor {
  return runOp('zeros_like', [{ value: x, name: 'x' }], opts, { op: 'ZerosLike' }, ([a]) => tf.zerosLike(a));
}

/** Ones shaped like x (OnesLike). */
export function onesLike(x: TensorInput, opts?: OpOptions): Tensor {
  return runOp('ones_like', [{ value: x, name: 'x' }], opts, { op: 'OnesLike' }, ([a]) => tf.onesLike(a));
}

/** [start, start + delta, …) below limit (Range); int32 unless a float argument or dtype says otherwise. */
export function range(start: number, limit: number, delta = 1, dtype?: string, opts?: OpOptions): Tensor {
  const dt: TfDType = dtype ? parseDtypeName(dtype) : [start, limit, delta].every(Number.isInteger) ? 'int32' : 'float32';
  return runOp('range', [{ value: start, name: 'start', dtype: dt }, { value: limit, name: 'limit', dtype: dt }, { value: delta, name: 'delta', dtype: dt }], opts,
    { op: 'Range' }, () => tf.range(start, limit, delta, tfjsDtype(dt) as 'float32' | 'int32'));
}

/** The shape of x as an int32 vector (Shape). */
export function shape(x: TensorInput, opts?: OpOptions): Tensor {
  return runOp('Shape', [{ value: x, name: 'input' }], opts, { op: 'Shape' }, ([a]) => tf.tensor1d(a.shape, 'int32'));
}

/** Number of elements (Size). */
export function size(x: TensorInput, opts?: OpOptions): Tensor {
  return runOp('Size', [{ value: x, name: 'input' }], opts, { op: 'Size' }, ([a]) => tf.scalar(a.size, 'int32'));
}

/** Rank (Rank). */
export function rank(x: TensorInput, opts?: OpOptions): Tensor {
  return runOp('Rank', [{ value: x, name: 'input' }], opts, { op: 'Rank' }, ([a]) => tf.scalar(a.rank, 'int32'));
}

/** Repeats x `multiples[i]` times along each axis (Tile). */
export function tile(x: TensorInput, multiples: readonly number[], opts?: OpOptions): Tensor {
  const m = [...multiples];
  return runOp('Tile', [{ value: x, name: 'input' }, { value: m, name: 'multiples', dtype: 'int32' }], opts, { op: 'Tile' }, ([a]) => tf.tile(a, m));
}

/** Slices of params at indices along axis (GatherV2). */
export function gather(params: TensorInput, indices: TensorInput, axis = 0, opts?: OpOptions & { batchDims?: number }): Tensor {
  const batchDims = opts?.batchDims ?? 0;
  return runOp('GatherV2', [{ value: params, name: 'params' }, { value: indices, name: 'indices', dtype: 'int32' }, { value: axis, name: 'axis', dtype: 'int32' }], opts,
    { op: 'GatherV2', attrs: () => ({ batch_dims: attr.i(batchDims) }) }, ([p, i]) => tf.gather(p, i, axis, batchDims));
}

/** One-hot encoding of int indices into `depth` classes (OneHot). */
export function oneHot(indices: TensorInput, depth: number, onValue = 1, offValue = 0, opts?: OpOptions & { axis?: number; dtype?: string }): Tensor {
  const dt: TfDType = opts?.dtype ? parseDtypeName(opts.dtype) : 'float32';
  const axis = opts?.axis ?? -1;
  return runOp('one_hot', [
    { value: indices, name: 'indices', dtype: 'int32' }, { value: depth, name: 'depth', dtype: 'int32' },
    { value: onValue, name: 'on_value', dtype: dt }, { value: offValue, name: 'off_value', dtype: dt },
  ], opts, { op: 'OneHot', attrs: () => ({ axis: attr.i(axis) }) }, ([i]) => {
    if (axis !== -1) throw new SavedModelError('UNIMPLEMENTED', 'eager oneHot supports axis -1 only');
    return tf.cast(tf.oneHot(tf.cast(i, 'int32'), depth, onValue, offValue), tfjsDtype(dt));
  });
}

/** Elements of x where condition, else of y (SelectV2, broadcasting). */
export function where(condition: TensorInput, x: TensorInput, y: TensorInput, opts?: OpOptions): Tensor {
  return runOp('SelectV2', [{ value: condition, name: 'condition', dtype: 'bool' }, { value: x, name: 't', dtype: 'hint' }, { value: y, name: 'e', dtype: 'hint' }], opts,
    { op: 'SelectV2' }, ([c, a, b]) => tf.where(c, a, b));
}
