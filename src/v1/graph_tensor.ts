/**
 * The tensors of a v1 graph as user code holds them. The `ops` namespace is typed as returning
 * tfjs tensors; while it records into a graph its results are SymbolicTensors. The v1 API
 * accepts both types and checks at run time that it was given a graph tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { SymbolicTensor } from '../graph/symbolic.js';

/** A graph tensor: a SymbolicTensor, or an `ops` result recorded into a graph (typed `tf.Tensor`). */
export type GraphTensor = SymbolicTensor | tf.Tensor;

/** `x` as a SymbolicTensor; INVALID_ARGUMENT naming `what` for anything else (an eager tfjs tensor …). */
export function asSymbolic(x: unknown, what: string): SymbolicTensor {
  if (x instanceof SymbolicTensor) return x;
  if (x instanceof tf.Tensor) {
    throw new SavedModelError('INVALID_ARGUMENT', `${what}: a tfjs tensor (shape [${x.shape}], ${x.dtype}) is not a tensor of a graph; ops record into a v1.Graph when an argument is a graph tensor or inside graph.asDefault()`);
  }
  throw new SavedModelError('INVALID_ARGUMENT', `${what}: expected a graph tensor, got ${x === null || typeof x !== 'object' ? String(x) : (x.constructor?.name ?? 'object')}`);
}

/** A record of graph tensors as SymbolicTensors. */
export function asSymbolicRecord(r: Readonly<Record<string, GraphTensor>>, what: string): Record<string, SymbolicTensor> {
  return Object.fromEntries(Object.entries(r ?? {}).map(([k, t]) => [k, asSymbolic(t, `${what} '${k}'`)]));
}
