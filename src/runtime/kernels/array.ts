/** Kernels: tensor creation, shapes, slicing and joining (definitions: src/graph/ops/array.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { tensorFromProto } from '../tensor_proto.js';
import { alias } from '../values.js';
import { hostInts, hostScalar, hostStrings } from './host.js';
import { pickStrings } from './select.js';

/** Identity whose gradient is zero (tf.stop_gradient). */
const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: alias(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/** TF1 Select: a rank-1 condition picks whole rows of higher-rank operands. */
function select1(c: tf.Tensor, t: tf.Tensor, e: tf.Tensor): tf.Tensor {
  if (c.rank === 1 && t.rank > 1) {
    return tf.tidy(() => tf.where(tf.reshape(c, [c.shape[0], ...new Array<number>(t.rank - 1).fill(1)]), t, e));
  }
  return tf.where(c, t, e);
}

/** `where` for any dtype: string operands are selected by flat index and picked on the host. */
function whereAny(c: tf.Tensor, t: tf.Tensor, e: tf.Tensor, f: (c: tf.Tensor, t: tf.Tensor, e: tf.Tensor) => tf.Tensor): tf.Tensor {
  if (t.dtype !== 'string') return f(c, t, e);
  const idx = tf.tidy(() => f(c, tf.reshape(tf.range(0, t.size, 1, 'int32'), t.shape), tf.reshape(tf.range(t.size, t.size + e.size, 1, 'int32'), e.shape)));
  try {
    return pickStrings([...hostStrings(t), ...hostStrings(e)], idx.dataSync() as Int32Array, idx.shape);
  } finally {
    idx.dispose();
  }
}

/**
 * GatherV2. With batch_dims (tfjs-wasm's own batch_dims gather returns garbage), the leading
 * batch dims of params and indices are folded into one axis and the indices offset per batch.
 */
function gatherV2(params: tf.Tensor, indices: tf.Tensor, axisIn: number, batchIn: number, ctx: KernelContext): tf.Tensor {
  const axis = axisIn < 0 ? axisIn + params.rank : axisIn;
  const batch = batchIn < 0 ? batchIn + indices.rank : batchIn;
  if (batch === 0) return tf.gather(params, indices, axis);
  if (axis !== batch) throw ctx.error('UNIMPLEMENTED', `GatherV2 with batch_dims ${batch} and a different axis ${axis}`);
  return tf.tidy(() => {
    const bShape = params.shape.slice(0, batch);
    const B = bShape.reduce((a, b) => a * b, 1);
    const n = params.shape[axis];
    const flatParams = tf.reshape(params, [B * n, ...params.shape.slice(axis + 1)]);
    const offsets = tf.reshape(tf.mul(tf.range(0, B, 1, 'int32'), tf.scalar(n, 'int32')), [...bShape, ...new Array<number>(indices.rank - batch).fill(1)]);
    return tf.gather(flatParams, tf.add(tf.cast(indices, 'int32'), offsets), 0);
  });
}

export const arrayKernels: KernelTable = {
  // The decoded constant is kept for the executor's lifetime and handed out as is (never freed by runs).
  Const: (_, ctx) => ctx.memo(() => ctx.own(tensorFromProto(ctx.tensor('value').proto, `node '${ctx.node}'`))),
  Placeholder: (_, ctx) => {
    throw ctx.error('INVALID_ARGUMENT', `placeholder '${ctx.node}' must be fed a ${ctx.dtype('dtype')} value`);
  },
  PlaceholderWithDefault: ([x]) => x,
  Identity: ([x]) => x,
  IdentityN: (xs) => xs,
  Snapshot: ([x]) => x,
  StopGradient: ([x]) => stopGradient(x),
  Reshape: ([x, shape]) => tf.reshape(x, hostInts(shape)),
  Shape: ([x], ctx) => tf.tensor1d(x.shape, ctx.tfDtype('out_type')),
  ExpandDims: ([x, dim]) => tf.expandDims(x, hostScalar(dim)),
  Squeeze: ([x], ctx) => {
    const dims = ctx.ints('squeeze_dims');
    return tf.squeeze(x, dims.length ? dims : undefined);
  },
  Transpose: ([x, perm]) => tf.transpose(x, hostInts(perm)),
  Pack: (xs, ctx) => tf.stack(xs, ctx.int('axis')),
  Unpack: ([x], ctx) => tf.unstack(x, ctx.int('axis')),
  ConcatV2: (ins) => {
    const values = ins.slice(0, -1);
    return values.length === 1 ? values[0] : tf.concat(values, hostScalar(ins[ins.length - 1]));
  },
  Concat: ([dim, ...values]) => (values.length === 1 ? values[0] : tf.concat(values, hostScalar(dim))),
  Fill: ([dims, value]) => {
    const shape = hostInts(dims);
    if (value.dtype !== 'string') return tf.broadcastTo(value, shape);
    const bytes = (tf.engine().readSync(value.dataId) as unknown as Uint8Array[])[0];
    return tf.tensor(new Array<Uint8Array>(shape.reduce((a, b) => a * b, 1)).fill(bytes), shape, 'string');
  },
  Range: ([start, limit, delta], ctx) => tf.range(hostScalar(start), hostScalar(limit), hostScalar(delta), ctx.tfDtype('Tidx') as 'float32' | 'int32'),
  OneHot: ([indices, depth, on, off], ctx) => tf.tidy(() => {
    // tfjs-wasm's OneHot writes int32 whatever the dtype: build the 0/1 mask, then select.
    const mask = tf.equal(tf.oneHot(tf.cast(indices, 'int32'), hostScalar(depth), 1, 0, 'int32'), tf.scalar(1, 'int32'));
    const oh = tf.where(mask, tf.broadcastTo(on, mask.shape), tf.broadcastTo(off, mask.shape));
    const axis = ctx.int('axis');
    if (axis === -1 || axis === indices.rank) return oh;
    const perm = [...Array(oh.rank).keys()];
    perm.splice(axis, 0, perm.pop()!);
    return tf.transpose(oh, perm);
  }),
  GatherV2: ([params, indices, axis], ctx) => gatherV2(params, indices, hostScalar(axis), ctx.int('batch_dims'), ctx),
  Tile: ([x, multiples]) => tf.tile(x, hostInts(multiples)),
  StridedSlice: ([x, begin, end, strides], ctx) => tf.stridedSlice(
    x, hostInts(begin), hostInts(end), hostInts(strides), ctx.int('begin_mask'), ctx.int('end_mask'),
    ctx.int('ellipsis_mask'), ctx.int('new_axis_mask'), ctx.int('shrink_axis_mask'),
  ),
  Select: ([c, t, e]) => whereAny(c, t, e, select1),
  SelectV2: ([c, t, e]) => whereAny(c, t, e, (a, b, d) => tf.where(a, b, d)),
};
