/**
 * Kernels: tensors made from shapes, sequences and random draws (definitions:
 * src/graph/ops/creation.ts). Random ops follow TF's CPU kernels (Philox streams seeded from
 * `seed`/`seed2`, advanced per call), so a seeded op yields TF's values call after call; float16
 * and bfloat16 outputs are drawn as float32 and not rounded to half precision.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar } from './host.js';
import { OpRandom } from './philox.js';
import { multinomial, normalDouble, normalFloat, truncatedNormal, uniformInt } from './random_dist.js';

/** A shape input (1-D, non-negative) as numbers. */
function shapeArg(t: tf.Tensor, ctx: KernelContext): number[] {
  const dims = t.rank === 0 ? [] : hostInts(t);
  if (t.rank > 1 || dims.some((d) => d < 0)) throw ctx.error('INVALID_ARGUMENT', `shape must be a vector of non-negative sizes, found ${t.rank > 1 ? `rank ${t.rank}` : `[${dims}]`}`);
  return dims;
}

/** The node's generator state (created on first call from its seed attrs). */
function opRandom(ctx: KernelContext): OpRandom {
  return ctx.memo(() => new OpRandom(ctx.int('seed'), ctx.int('seed2')));
}

function linSpace([start, stop, numT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  if (start.rank !== 0 || stop.rank !== 0 || numT.rank !== 0) throw ctx.error('INVALID_ARGUMENT', 'start, stop and num must be scalars');
  const num = hostScalar(numT);
  if (num <= 0) throw ctx.error('INVALID_ARGUMENT', `requires num > 0, found ${num}`);
  if (num === 1) return tf.reshape(start, [1]);
  return tf.tidy(() => {
    const step = tf.div(tf.sub(stop, start), num - 1);
    const head = tf.add(start, tf.mul(tf.range(0, num - 1, 1, 'float32'), step));
    return tf.concat([head, tf.reshape(stop, [1])]);
  });
}

/** Zeros / ones of any dtype; string "zeros" are empty strings. */
function filled(shape: number[], dtype: tf.DataType, one: boolean): tf.Tensor {
  if (dtype === 'string') return tf.tensor(new Array<Uint8Array>(shape.reduce((a, b) => a * b, 1)).fill(new Uint8Array(0)), shape, 'string');
  return one ? tf.ones(shape, dtype) : tf.zeros(shape, dtype);
}

function normal([shape]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const dims = shapeArg(shape, ctx);
  const n = dims.reduce((a, b) => a * b, 1);
  const gen = opRandom(ctx).reserve(n);
  return tf.tensor(ctx.dtype('dtype') === 'float64' ? normalDouble(gen, n) : normalFloat(gen, n), dims, 'float32');
}

function truncated([shape]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const dims = shapeArg(shape, ctx);
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.tensor(truncatedNormal(opRandom(ctx).reserve(n), n, ctx.dtype('dtype') === 'float64'), dims, 'float32');
}

function uniformIntK([shape, minT, maxT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  if (minT.rank !== 0 || maxT.rank !== 0) throw ctx.error('INVALID_ARGUMENT', `minval and maxval must be 0-D, found shapes [${minT.shape}] and [${maxT.shape}]`);
  const dims = shapeArg(shape, ctx);
  const lo = hostScalar(minT);
  const hi = hostScalar(maxT);
  if (!(lo < hi)) throw ctx.error('INVALID_ARGUMENT', `need minval < maxval, got ${lo} >= ${hi}`);
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.tensor(uniformInt(opRandom(ctx).reserve(n), n, lo, hi, ctx.dtype('Tout') === 'int64'), dims, 'int32');
}

function multinomialK([logits, numT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  if (logits.rank !== 2) throw ctx.error('INVALID_ARGUMENT', `logits should be a matrix, found shape [${logits.shape}]`);
  const samples = hostScalar(numT);
  if (numT.rank !== 0 || samples < 0) throw ctx.error('INVALID_ARGUMENT', `num_samples should be a non-negative scalar, found ${samples}`);
  const [rows, classes] = logits.shape;
  if (rows > 0 && samples > 0 && classes === 0) throw ctx.error('INVALID_ARGUMENT', 'logits must have at least one class');
  // TF reserves 512 outputs of four per (row, sample rounded up to 4): two uint32s per draw
  const gen = opRandom(ctx).reserve(rows * (Math.ceil(samples / 4) * 4), 512);
  const data = logits.dtype === 'float32' ? (logits.dataSync() as Float32Array) : Float32Array.from(logits.dataSync() as ArrayLike<number>);
  return tf.tensor(multinomial(gen, data, rows, classes, samples), [rows, samples], 'int32');
}

export const creationKernels: KernelTable = {
  LinSpace: linSpace,
  Ones: ([shape], ctx) => filled(shapeArg(shape, ctx), ctx.tfDtype('T'), true),
  Zeros: ([shape], ctx) => filled(shapeArg(shape, ctx), ctx.tfDtype('T'), false),
  OnesLike: ([x]) => filled(x.shape, x.dtype, true),
  ZerosLike: ([x]) => filled(x.shape, x.dtype, false),
  RandomStandardNormal: normal,
  TruncatedNormal: truncated,
  RandomUniformInt: uniformIntK,
  Multinomial: multinomialK,
};
