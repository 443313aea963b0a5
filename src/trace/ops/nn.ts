/** `ops` neural-network ops: activations, softmax, bias add. */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../errors.js';
import { attr } from '../../graph/build.js';
import type { TensorInput } from '../convert.js';
import { runOp, staticShape, type OpOptions, type Tensor } from './define.js';

function activation(op: string, eager: (x: tf.Tensor) => tf.Tensor) {
  return (features: TensorInput, opts?: OpOptions): Tensor => runOp(op, [{ value: features, name: 'features' }], opts, { op }, ([a]) => eager(a));
}

/** max(x, 0). */ export const relu = activation('Relu', tf.relu);
/** min(max(x, 0), 6). */ export const relu6 = activation('Relu6', tf.relu6);
/** Exponential linear unit. */ export const elu = activation('Elu', tf.elu);
/** Scaled exponential linear unit. */ export const selu = activation('Selu', tf.selu);
/** log(1 + e^x). */ export const softplus = activation('Softplus', tf.softplus);

/** Leaky ReLU with slope `alpha` (default 0.2) below zero. */
export function leakyRelu(features: TensorInput, alpha = 0.2, opts?: OpOptions): Tensor {
  return runOp('LeakyRelu', [{ value: features, name: 'features' }], opts, { op: 'LeakyRelu', attrs: () => ({ alpha: attr.f(alpha) }) }, ([a]) => tf.leakyRelu(a, alpha));
}

function lastAxisOnly(name: string, x: TensorInput, axis: number): void {
  const rank = staticShape(x)?.length;
  if (axis !== -1 && !(rank !== undefined && axis === rank - 1)) {
    throw new SavedModelError('UNIMPLEMENTED', `${name} over axis ${axis}: only the last axis is supported`);
  }
}

/** Softmax over the last axis. */
export function softmax(logits: TensorInput, axis = -1, opts?: OpOptions): Tensor {
  lastAxisOnly('softmax', logits, axis);
  return runOp('Softmax', [{ value: logits, name: 'logits' }], opts, { op: 'Softmax' }, ([a]) => tf.softmax(a));
}

/** Log-softmax over the last axis. */
export function logSoftmax(logits: TensorInput, axis = -1, opts?: OpOptions): Tensor {
  lastAxisOnly('logSoftmax', logits, axis);
  return runOp('LogSoftmax', [{ value: logits, name: 'logits' }], opts, { op: 'LogSoftmax' }, ([a]) => tf.logSoftmax(a));
}

/** value + bias, bias broadcast along the last axis (BiasAdd, NHWC). */
export function biasAdd(value: TensorInput, bias: TensorInput, opts?: OpOptions): Tensor {
  return runOp('BiasAdd', [{ value, name: 'value', dtype: 'hint' }, { value: bias, name: 'bias', dtype: 'hint' }], opts, { op: 'BiasAdd' }, ([v, b]) => tf.add(v, b));
}
