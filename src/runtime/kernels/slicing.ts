/** Kernels: gathering, scattering, slicing, splitting, reversing (definitions: src/graph/ops/slicing.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar, hostStrings } from './host.js';
import { selectAny, selectAnyN } from './select.js';

/** A possibly negative axis made absolute, or INVALID_ARGUMENT. */
export function normAxis(axis: number, rank: number, ctx: KernelContext): number {
  if (axis < -rank || axis >= Math.max(rank, 1)) throw ctx.error('INVALID_ARGUMENT', `axis ${axis} is out of range for a tensor of rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/**
 * Checks that every row of an `[..., depth]` index tensor addresses `shape` (TF's CPU kernels
 * reject out-of-range indices; tfjs would read or write garbage).
 */
export function checkNdIndices(indices: tf.Tensor, shape: readonly number[], ctx: KernelContext): void {
  const depth = indices.rank === 0 ? 1 : indices.shape[indices.rank - 1];
  if (depth > shape.length) throw ctx.error('INVALID_ARGUMENT', `index depth ${depth} exceeds the rank ${shape.length} of shape [${shape}]`);
  const idx = indices.dataSync() as Int32Array;
  for (let r = 0; r < idx.length; r += depth) {
    for (let j = 0; j < depth; j++) {
      const v = idx[r + j];
      if (v < 0 || v >= shape[j]) {
        const row = Array.from(idx.subarray(r, r + depth));
        throw ctx.error('INVALID_ARGUMENT', `indices[${r / depth}] = [${row}] does not index into shape [${shape}]`);
      }
    }
  }
}

function reverse(x: tf.Tensor, axes: number[]): tf.Tensor {
  return axes.length === 0 ? tf.clone(x) : selectAny(x, (t) => tf.reverse(t, axes));
}

function reverseV2([x, axis]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const axes = hostInts(axis).map((a) => normAxis(a, x.rank, ctx));
  if (new Set(axes).size !== axes.length) throw ctx.error('INVALID_ARGUMENT', `axis [${hostInts(axis)}] names a dimension twice`);
  return reverse(x, axes);
}

function slice([x, beginT, sizeT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const begin = hostInts(beginT);
  const size = hostInts(sizeT);
  if (begin.length !== x.rank || size.length !== x.rank) {
    throw ctx.error('INVALID_ARGUMENT', `begin [${begin}] and size [${size}] must both have ${x.rank} elements for input shape [${x.shape}]`);
  }
  const full = size.map((s, i) => (s === -1 ? x.shape[i] - begin[i] : s));
  for (let i = 0; i < x.rank; i++) {
    if (begin[i] < 0 || full[i] < 0 || begin[i] + full[i] > x.shape[i]) {
      throw ctx.error('INVALID_ARGUMENT', `slice [${begin[i]}, +${size[i]}) is out of range for dimension ${i} of shape [${x.shape}]`);
    }
  }
  return selectAny(x, (t) => tf.slice(t, begin, full));
}

function split([dimT, x]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const axis = normAxis(hostScalar(dimT), x.rank, ctx);
  const n = ctx.int('num_split');
  if (x.shape[axis] % n !== 0) throw ctx.error('INVALID_ARGUMENT', `dimension ${axis} of shape [${x.shape}] is not divisible by num_split ${n}`);
  if (n === 1) return [tf.clone(x)];
  return selectAnyN(x, (t) => tf.split(t, n, axis));
}

function splitV([x, sizesT, dimT]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const axis = normAxis(hostScalar(dimT), x.rank, ctx);
  const sizes = hostInts(sizesT);
  const dim = x.shape[axis];
  if (sizes.length !== ctx.int('num_split')) throw ctx.error('INVALID_ARGUMENT', `size_splits has ${sizes.length} entries, num_split is ${ctx.int('num_split')}`);
  const unknown = sizes.filter((s) => s === -1).length;
  const known = sizes.reduce((a, s) => (s === -1 ? a : a + s), 0);
  if (unknown > 1 || sizes.some((s) => s < -1) || (unknown === 0 && known !== dim) || (unknown === 1 && known > dim)) {
    throw ctx.error('INVALID_ARGUMENT', `size_splits [${sizes}] do not add up to dimension ${axis} (${dim}) of shape [${x.shape}]`);
  }
  const full = sizes.map((s) => (s === -1 ? dim - known : s));
  if (full.length === 1) return [tf.clone(x)];
  return selectAnyN(x, (t) => tf.split(t, full, axis));
}

function gatherNd([params, indices]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  checkNdIndices(indices, params.shape, ctx);
  return selectAny(params, (t) => tf.gatherND(t, indices));
}

function scatterNd([indices, updates, shapeT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const shape = hostInts(shapeT);
  checkNdIndices(indices, shape, ctx);
  return tf.scatterND(indices, updates, shape);
}

function tensorScatter(kind: 'update' | 'add' | 'sub') {
  return ([x, indices, updates]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    checkNdIndices(indices, x.shape, ctx);
    if (kind === 'update') return tf.tensorScatterUpdate(x, indices, updates);
    return tf.tidy(() => {
      const delta = tf.scatterND(indices, updates, x.shape);
      return kind === 'add' ? tf.add(x, delta) : tf.sub(x, delta);
    });
  };
}

/** Row-major strides of a shape. */
function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

/** TF's SparseToDense checks: in-range indices, and with validate_indices sorted and unique. */
function checkSparseIndices(idx: Int32Array, n: number, shape: number[], validate: boolean, ctx: KernelContext): number[] {
  const rank = shape.length;
  const st = strides(shape);
  const flat = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let j = 0; j < rank; j++) {
      const v = idx[i * rank + j];
      if (v < 0 || v >= shape[j]) throw ctx.error('INVALID_ARGUMENT', `sparse_indices[${i}] = [${Array.from(idx.subarray(i * rank, i * rank + rank))}] is out of bounds for shape [${shape}]`);
      off += v * st[j];
    }
    if (validate && i > 0 && off <= flat[i - 1]) {
      throw ctx.error('INVALID_ARGUMENT', `sparse_indices[${i}] is ${off === flat[i - 1] ? 'repeated' : 'out of order'}`);
    }
    flat[i] = off;
  }
  return flat;
}

function sparseToDense([indices, shapeT, values, dflt]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const shape = indices.rank === 0 && shapeT.rank === 0 ? [hostScalar(shapeT)] : hostInts(shapeT);
  const n = indices.rank === 0 ? 1 : indices.shape[0];
  const rank = indices.rank < 2 ? 1 : indices.shape[1];
  if (rank !== shape.length) throw ctx.error('INVALID_ARGUMENT', `sparse_indices has ${rank} columns, output_shape [${shape}] has rank ${shape.length}`);
  if (values.rank > 1 || (values.rank === 1 && values.shape[0] !== n)) {
    throw ctx.error('INVALID_ARGUMENT', `sparse_values must be a scalar or have ${n} elements, found shape [${values.shape}]`);
  }
  if (dflt.rank !== 0) throw ctx.error('INVALID_ARGUMENT', `default_value must be a scalar, found shape [${dflt.shape}]`);
  const flat = checkSparseIndices(indices.dataSync() as Int32Array, n, shape, ctx.bool('validate_indices'), ctx);
  if (values.dtype === 'string') {
    const vals = hostStrings(values);
    const out = new Array<Uint8Array>(shape.reduce((a, b) => a * b, 1)).fill(hostStrings(dflt)[0]);
    flat.forEach((off, i) => (out[off] = vals[values.rank === 0 ? 0 : i]));
    return tf.tensor(out, shape, 'string');
  }
  if (n === 0) return tf.fill(shape, hostScalar(dflt), dflt.dtype);
  return tf.sparseToDense(indices, values, shape, dflt as tf.Scalar);
}

export const slicingKernels: KernelTable = {
  Gather: ([params, indices]) => selectAny(params, (t) => tf.gather(t, indices, 0)),
  GatherNd: gatherNd,
  Reverse: ([x, dims], ctx) => {
    const flags = dims.dataSync();
    if (flags.length !== x.rank) throw ctx.error('INVALID_ARGUMENT', `dims has ${flags.length} entries for a tensor of rank ${x.rank}`);
    const axes: number[] = [];
    flags.forEach((f, i) => f && axes.push(i));
    return reverse(x, axes);
  },
  ReverseV2: reverseV2,
  ScatterNd: scatterNd,
  Slice: slice,
  SparseToDense: sparseToDense,
  Split: split,
  SplitV: splitV,
  TensorScatterUpdate: tensorScatter('update'),
  TensorScatterAdd: tensorScatter('add'),
  TensorScatterSub: tensorScatter('sub'),
};
