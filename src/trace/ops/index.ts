/**
 * The `ops` namespace: TensorFlow ops that run eagerly on tfjs tensors and are recorded as graph
 * nodes while a function is traced (or a v1 graph is built). Each accepts tensors, Variables,
 * numbers and nested arrays, and a trailing `{ name }` like TF's `name=`.
 */
import * as array from './array.js';
import * as math from './math.js';
import * as nn from './nn.js';

export type { OpOptions, Tensor } from './define.js';
export type { MatMulOptions } from './math.js';

/** TF ops, eager on tfjs and recorded while tracing. */
export const ops = Object.freeze({ ...math, ...nn, ...array });
