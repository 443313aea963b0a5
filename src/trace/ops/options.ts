/** Trailing-options handling: ops take TF's `name=` (and op options) as a last plain object. */
import * as tf from '@tensorflow/tfjs-core';
import { SymbolicTensor } from '../../graph/symbolic.js';
import { Variable } from '../variable.js';

/** True for a plain options object (not a tensor, variable, array or typed array). */
export function isOptions(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x)
    && !(x instanceof tf.Tensor) && !(x instanceof SymbolicTensor) && !(x instanceof Variable);
}

/** Splits positional arguments from a trailing options object. */
export function splitOptions<O extends object>(args: readonly unknown[]): [unknown[], O] {
  if (args.length && isOptions(args[args.length - 1])) return [args.slice(0, -1), args[args.length - 1] as O];
  return [[...args], {} as O];
}
