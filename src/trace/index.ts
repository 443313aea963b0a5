/** Tracing: Module, Variable, TensorSpec, tfFunction, ConcreteFunction and the `ops` namespace. */
export { Module } from './module.js';
export { Variable } from './variable.js';
export type { VariableOptions, VariableInit } from './variable.js';
export { TensorSpec } from './tensor_spec.js';
export { tfFunction, isTfFunction } from './tf_function.js';
export type { TfFunction, TfFunctionOptions } from './tf_function.js';
export { ConcreteFunction } from './concrete_function.js';
export { ops } from './ops/index.js';
export type { OpOptions, Tensor, MatMulOptions } from './ops/index.js';
export { withDefaultGraph, defaultGraph } from './context.js';
export { Asset } from './asset.js';
