/**
 * Kernels: TensorList ops (definitions: src/graph/ops/lists.ts). Items read out of a list are
 * handed out as aliases (no copy), so they outlive the list safely.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { TensorList, mergeShapes, shapeFromTensor } from '../tensor_list.js';
import { alias, type Value } from '../values.js';
import { hostInts, hostScalar } from './host.js';

function listOf(v: tf.Tensor, ctx: KernelContext): TensorList {
  const x = v as Value;
  if (x instanceof TensorList) return x;
  throw ctx.error('INVALID_ARGUMENT', `expected a TensorList, found ${x instanceof tf.Tensor ? `a ${x.dtype} tensor` : `a ${x.kind}`}`);
}

function stack(l: TensorList, shapeHint: number[] | null, ctx: KernelContext): tf.Tensor {
  if (l.length === 0) {
    const shape = l.fullShape(shapeHint);
    return tf.zeros([0, ...shape], l.dtype);
  }
  return tf.tidy(() => {
    const items: tf.Tensor[] = [];
    for (let i = 0; i < l.length; i++) items.push(l.getOrZeros(i, shapeHint));
    const first = items[0].shape;
    if (items.some((t) => !tf.util.arraysEqual(t.shape, first))) throw ctx.error('INVALID_ARGUMENT', 'TensorList items have different shapes; cannot stack');
    return tf.stack(items);
  });
}

/** Items joined along their first axis, with each item's length. */
function concat(list: TensorList, hint: number[] | null): tf.Tensor[] {
  return tf.tidy(() => {
    const items = Array.from({ length: list.length }, (_, i) => list.getOrZeros(i, hint));
    const lengths = tf.tensor1d(items.map((t) => t.shape[0]), 'int32');
    const rest = (hint ?? [0]).slice(1).map((d) => Math.max(d, 0));
    return [items.length ? tf.concat(items) : tf.zeros([0, ...rest], list.dtype), lengths];
  });
}

export const listKernels: KernelTable = {
  EmptyTensorList: ([shape], ctx) => TensorList.reserve(0, shapeFromTensor(shape), ctx.tfDtype('element_dtype')),
  TensorListReserve: ([shape, n], ctx) => TensorList.reserve(hostScalar(n), shapeFromTensor(shape), ctx.tfDtype('element_dtype')),
  TensorListFromTensor: ([t, shape], ctx) => TensorList.of(tf.unstack(t), mergeShapes(shapeFromTensor(shape), t.shape.slice(1)), ctx.tfDtype('element_dtype')),
  TensorListGetItem: ([l, i, shape], ctx) => {
    const list = listOf(l, ctx);
    const t = list.get(hostScalar(i));
    return t ? alias(t) : list.getOrZeros(hostScalar(i), shapeFromTensor(shape));
  },
  TensorListSetItem: ([l, i, item], ctx) => {
    const list = listOf(l, ctx);
    const idx = hostScalar(i);
    const n = ctx.bool('resize_if_index_out_of_bounds') ? Math.max(list.length, idx + 1) : list.length;
    return list.with(new Map([[idx, alias(item)]]), n);
  },
  TensorListStack: ([l, shape], ctx) => {
    const list = listOf(l, ctx);
    const want = ctx.int('num_elements');
    if (want >= 0 && want !== list.length) throw ctx.error('INVALID_ARGUMENT', `TensorList has ${list.length} elements, num_elements is ${want}`);
    return stack(list, shapeFromTensor(shape), ctx);
  },
  TensorListLength: ([l], ctx) => tf.scalar(listOf(l, ctx).length, 'int32'),
  TensorListElementShape: ([l], ctx) => {
    const s = listOf(l, ctx).elementShape;
    return s ? tf.tensor1d(s, 'int32') : tf.scalar(-1, 'int32');
  },
  TensorListPushBack: ([l, t], ctx) => {
    const list = listOf(l, ctx);
    return list.with(new Map([[list.length, alias(t)]]), list.length + 1);
  },
  TensorListPopBack: ([l, shape], ctx) => {
    const list = listOf(l, ctx);
    if (list.length === 0) throw ctx.error('OUT_OF_RANGE', 'PopBack on an empty TensorList');
    const last = list.get(list.length - 1);
    const item = last ? alias(last) : list.getOrZeros(list.length - 1, shapeFromTensor(shape));
    return [list.with(new Map(), list.length - 1), item];
  },
  TensorListGather: ([l, indices, shape], ctx) => {
    const list = listOf(l, ctx);
    const hint = shapeFromTensor(shape);
    const idx = hostInts(indices);
    if (idx.length === 0) return tf.zeros([0, ...list.fullShape(hint)], list.dtype);
    return tf.tidy(() => tf.stack(idx.map((i) => list.getOrZeros(i, hint))));
  },
  TensorListScatter: ([t, indices, shape], ctx) => {
    const idx = hostInts(indices);
    const n = idx.length ? Math.max(...idx) + 1 : 0;
    const parts = tf.unstack(t);
    return TensorList.reserve(n, mergeShapes(shapeFromTensor(shape), t.shape.slice(1)), ctx.tfDtype('element_dtype')).with(new Map(idx.map((i, k) => [i, parts[k]])));
  },
  TensorListScatterV2: ([t, indices, shape, num], ctx) => {
    const idx = hostInts(indices);
    const n = Math.max(hostScalar(num), idx.length ? Math.max(...idx) + 1 : 0);
    const parts = tf.unstack(t);
    return TensorList.reserve(n, mergeShapes(shapeFromTensor(shape), t.shape.slice(1)), ctx.tfDtype('element_dtype')).with(new Map(idx.map((i, k) => [i, parts[k]])));
  },
  TensorListConcat: ([l], ctx) => concat(listOf(l, ctx), ctx.shape('element_shape').dims),
  TensorListConcatV2: ([l, shape], ctx) => concat(listOf(l, ctx), shapeFromTensor(shape)),
  TensorListSplit: ([t, shape, lengths], ctx) => {
    const parts = tf.split(t, hostInts(lengths));
    return TensorList.of(parts, shapeFromTensor(shape), ctx.tfDtype('element_dtype'));
  },
  TensorListResize: ([l, size], ctx) => listOf(l, ctx).with(new Map(), hostScalar(size)),
};
