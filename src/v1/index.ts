/**
 * `v1`: TensorFlow 1's graph API in TypeScript — Graph, Session, variables and initializers,
 * `savedModel` (Builder, simpleSave, load, signature defs, MethodNameUpdater), `train` (Saver,
 * meta graphs, checkpoints), `estimator` (Estimator-style export) and wrapFunction.
 */
export { Graph, GraphKeys, GRAPH_DEF_PRODUCER } from './graph.js';
export type { CollectionItem, ShapeLike, GraphDefOptions } from './graph.js';
export { GraphVariable } from './variables.js';
export type { GraphVariableOptions, VariableInitial } from './variables.js';
export { Session } from './session.js';
export type { Fetch, Fetches, FetchResult, FeedDict, FeedValue, SessionOptions } from './session.js';
export { globalVariablesInitializer, variablesInitializer } from './initializers.js';
export { parseExample, fixedLenFeature } from './parsing.js';
export type { FixedLenFeature, FeatureSpec } from './parsing.js';
export { importGraphDef } from './graph_import.js';
export type { ImportGraphDefOptions } from './graph_import.js';
export { exportMetaGraphDef } from './meta_graph.js';
export { readMetaGraphFile, writeMetaGraphFile } from './meta_graph_file.js';
export * as savedModel from './saved_model.js';
export * as train from './train.js';
export * as estimator from './estimator/index.js';
export { ensureBackend as ready } from '../runtime/backend.js';
export { wrapFunction } from './wrap_function.js';
export type { WrappedFunction, GraphFunction } from './wrap_function.js';
