/**
 * Serving input receivers of an Estimator-style export (tf.estimator.export.*): what the
 * exported graph is fed (`receiverTensors`) and what the model sees (`features`) — raw tensors
 * fed directly, or serialized tf.Example protos parsed by a feature spec.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../errors.js';
import { asSymbolicRecord, type GraphTensor } from '../graph_tensor.js';
import { SymbolicTensor } from '../../graph/symbolic.js';
import type { Graph } from '../graph.js';
import { parseExample, type FeatureSpec } from '../parsing.js';

/** `ServingInputReceiver(features, receiver_tensors, receiver_tensors_alternatives)`. */
export interface ServingInputReceiver {
  features: GraphTensor | Record<string, GraphTensor>;
  receiverTensors: GraphTensor | Record<string, GraphTensor>;
  receiverTensorsAlternatives?: Record<string, GraphTensor | Record<string, GraphTensor>>;
}

/** What the receiver builders return: features and receiver tensors as records of graph tensors. */
export interface BuiltServingInputReceiver extends ServingInputReceiver {
  features: Record<string, SymbolicTensor>;
  receiverTensors: Record<string, SymbolicTensor>;
}

/** A receiver's tensors as a record: one tensor becomes `{ [single]: t }`, every value checked. */
export function wrapInputTensors(x: GraphTensor | Record<string, GraphTensor>, single: string, what: string): Record<string, SymbolicTensor> {
  const dict = x instanceof SymbolicTensor || x instanceof tf.Tensor ? { [single]: x } : x;
  if (!dict || typeof dict !== 'object' || Object.keys(dict).length === 0) throw new SavedModelError('INVALID_ARGUMENT', `${what}s must be defined.`);
  return asSymbolicRecord(dict, what);
}

/** What a raw feature looks like: a dtype and a shape whose first dimension is the batch. */
export interface RawFeature {
  dtype: string;
  shape: readonly (number | null)[];
}

/**
 * `build_raw_serving_input_receiver_fn(features, default_batch_size)()`: one placeholder per
 * feature, shaped `[batch, ...shape[1:]]`, fed directly and passed on as the features.
 * A feature given as a tensor of the graph is described by its dtype and shape, and its
 * placeholder takes the tensor's op name (TF reuses it).
 */
export function buildRawServingInputReceiver(graph: Graph, features: Record<string, RawFeature | SymbolicTensor>, defaultBatchSize: number | null = null): BuiltServingInputReceiver {
  const receivers: Record<string, SymbolicTensor> = {};
  for (const [k, f] of Object.entries(features)) {
    const shape = f instanceof SymbolicTensor ? f.shape ?? [] : f.shape;
    const name = f instanceof SymbolicTensor ? f.op.name : undefined;
    receivers[k] = graph.placeholder(f.dtype, [defaultBatchSize, ...shape.slice(1)], name);
  }
  return { features: receivers, receiverTensors: { ...receivers } };
}

/**
 * `build_parsing_serving_input_receiver_fn(feature_spec, default_batch_size)()`: a string
 * placeholder `input_example_tensor` fed serialized tf.Examples (`examples`), parsed into the
 * features.
 */
export function buildParsingServingInputReceiver(graph: Graph, featureSpec: FeatureSpec, defaultBatchSize: number | null = null): BuiltServingInputReceiver {
  const serialized = graph.placeholder('string', [defaultBatchSize], 'input_example_tensor');
  return { features: parseExample(graph, serialized, featureSpec), receiverTensors: { examples: serialized } };
}
