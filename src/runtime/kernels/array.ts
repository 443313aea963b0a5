/** Kernels: tensor creation, shapes, slicing and joining (definitions: src/graph/ops/array.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelTable } from '../kernel.js';
import { tensorFromProto } from '../tensor_proto.js';

/** Identity whose gradient is zero (tf.stop_gradient). */
const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

export const arrayKernels: KernelTable = {
  Const: (_, ctx) => tf.clone(ctx.memo(() => ctx.own(tensorFromProto(ctx.tensor('value').proto, `node '${ctx.node}'`)))),
  Placeholder: (_, ctx) => {
    throw ctx.error('INVALID_ARGUMENT', `placeholder '${ctx.node}' must be fed a ${ctx.dtype('dtype')} value`);
  },
  PlaceholderWithDefault: ([x]) => tf.clone(x),
  Identity: ([x]) => tf.clone(x),
  IdentityN: (xs) => xs.map((x) => tf.clone(x)),
  Snapshot: ([x]) => tf.clone(x),
  StopGradient: ([x]) => stopGradient(x),
  Reshape: ([x, shape]) => tf.reshape(x, Array.from(shape.dataSync())),
  Shape: ([x], ctx) => tf.tensor1d(x.shape, ctx.tfDtype('out_type')),
};
