/** Test helpers: run a traced ConcreteFunction through the graph runtime. */
import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import { addFunctionCall } from '../../src/graph/call.js';
import { toFunctionDef } from '../../src/graph/function_def.js';
import { toNodeDefs } from '../../src/graph/graph_def.js';
import { GraphBuilder } from '../../src/graph/graph_builder.js';
import { Executor } from '../../src/runtime/executor.js';
import { libraryClosure } from '../../src/savedmodel/writer_graph.js';
import type { ConcreteFunction } from '../../src/trace/concrete_function.js';

/**
 * Runs `cf` as TensorFlow would run the saved function: a graph with one Placeholder per input
 * and a (Stateful)PartitionedCall of the FunctionDef we emit, executed by the runtime.
 */
export function runTraced(cf: ConcreteFunction, inputs: tf.Tensor[]): tf.Tensor[] {
  const g = new GraphBuilder();
  const placeholders = cf.inputSpecs.map((s, i) => g.addOp('Placeholder', [], { name: `in${i}`, attrs: { dtype: attr.type(s.tfDtype), shape: attr.shape(s.dims) } }).output(0));
  const call = addFunctionCall(g, cf.graph, placeholders);
  const library = { function: libraryClosure([cf.graph]).map((f) => toFunctionDef(f)) };
  const exec = new Executor({ node: toNodeDefs(g), library });
  const feeds: Record<string, tf.Tensor> = {};
  inputs.forEach((t, i) => (feeds[`in${i}:0`] = t));
  try {
    return exec.run(feeds, call.outputs.map((t) => t.name));
  } finally {
    exec.dispose();
  }
}

/** Flat leaves of a result structure (records by sorted key). */
export function leaves(x: unknown): tf.Tensor[] {
  if (x instanceof tf.Tensor) return [x];
  if (Array.isArray(x)) return x.flatMap(leaves);
  if (x && typeof x === 'object') return Object.keys(x).sort().flatMap((k) => leaves((x as Record<string, unknown>)[k]));
  return [];
}
