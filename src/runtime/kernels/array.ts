/** Kernels: tensor creation, shapes, slicing and joining (definitions: src/graph/ops/array.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';
import { tensorFromProto } from '../tensor_proto.js';
import { alias } from '../values.js';
import { hostInts, hostScalar } from './host.js';

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
    const dtype = ctx.tfDtype('T');
    const oh = tf.oneHot(tf.cast(indices, 'int32'), hostScalar(depth), hostScalar(on), hostScalar(off), dtype);
    const axis = ctx.int('axis');
    if (axis === -1 || axis === indices.rank) return oh;
    const perm = [...Array(oh.rank).keys()];
    perm.splice(axis, 0, perm.pop()!);
    return tf.transpose(oh, perm);
  }),
  GatherV2: ([params, indices, axis], ctx) => tf.gather(params, indices, hostScalar(axis), ctx.int('batch_dims')),
  Tile: ([x, multiples]) => tf.tile(x, hostInts(multiples)),
  StridedSlice: ([x, begin, end, strides], ctx) => tf.stridedSlice(
    x, hostInts(begin), hostInts(end), hostInts(strides), ctx.int('begin_mask'), ctx.int('end_mask'),
    ctx.int('ellipsis_mask'), ctx.int('new_axis_mask'), ctx.int('shrink_axis_mask'),
  ),
  Select: ([c, t, e]) => select1(c, t, e),
  SelectV2: ([c, t, e]) => tf.where(c, t, e),
};
