/**
 * Runners behind a model's SignatureFunctions. TF2 models run a signature as TensorFlow's Python
 * loader does, by calling its concrete function with the restored objects bound (found through
 * the graph's call node of the signature: which function, which argument each input feeds,
 * which result each output is); TF1 models (and TF2 signatures that cannot be mapped) run the
 * meta graph pruned to the signature's tensors, as TensorFlow Serving does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { tensorflow } from '../proto/index.js';
import type { Executor } from '../runtime/executor.js';
import { tensorFromProto } from '../runtime/tensor_proto.js';
import { RuntimeObject, releaseValue } from '../runtime/values.js';
import type { ObjectRuntime } from './object_runtime.js';
import { nodeNameOf } from './op_check.js';
import type { InputDefaults, SignatureRunner } from './signature_function.js';

type SignatureDef = tensorflow.SignatureDef.$Properties;
type NodeDef = tensorflow.NodeDef.$Properties;

const CALL_OPS = new Set(['StatefulPartitionedCall', 'PartitionedCall']);

function outputIndex(tensorName: string): number {
  const i = tensorName.indexOf(':');
  return i < 0 ? 0 : Number(tensorName.slice(i + 1));
}

const sortedEntries = <T>(r: Record<string, T> | null | undefined): [string, T][] =>
  Object.entries(r ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Default values of a signature's inputs: SignatureDef `defaults`, else the default of the
 * PlaceholderWithDefault the input names (both decoded once; pushed to `owned`). With
 * `graphHandlesDefaults`, PlaceholderWithDefault inputs are simply marked optional.
 */
export function signatureDefaults(def: SignatureDef, nodes: ReadonlyMap<string, NodeDef>, owned: tf.Tensor[], graphHandlesDefaults: boolean): InputDefaults {
  const values = new Map<string, tf.Tensor>();
  const optional = new Set<string>();
  for (const [key, info] of sortedEntries(def.inputs)) {
    const explicit = def.defaults?.[key];
    if (explicit) {
      const t = tensorFromProto(explicit, `default of input '${key}'`);
      owned.push(t);
      values.set(key, t);
      continue;
    }
    const n = nodes.get(nodeNameOf(info.name ?? ''));
    if (n?.op !== 'PlaceholderWithDefault') continue;
    if (graphHandlesDefaults) {
      optional.add(key);
      continue;
    }
    const src = nodes.get(nodeNameOf(n.input?.[0] ?? ''));
    const value = src?.op === 'Const' ? src.attr?.value?.tensor : undefined;
    if (value) {
      const t = tensorFromProto(value, `default of input '${key}'`);
      owned.push(t);
      values.set(key, t);
    }
  }
  return { values, optional };
}

/** Runs the signature on the meta graph: feeds its input tensors, fetches its output tensors. */
export function graphRunner(def: SignatureDef, executor: Executor): SignatureRunner {
  const inputs = sortedEntries(def.inputs);
  const fetches = sortedEntries(def.outputs).map(([, info]) => info.name ?? '');
  const tensorNames = inputs.map(([, info]) => info.name ?? '');
  return (feeds) => {
    const graphFeeds: Record<string, tf.Tensor> = {};
    for (let i = 0; i < tensorNames.length; i++) {
      const t = feeds[i];
      if (t) graphFeeds[tensorNames[i]] = t;
    }
    return executor.run(graphFeeds, fetches);
  };
}

/** What the graph's call node of a TF2 signature tells: the function and argument/result positions. */
export interface SignatureCall {
  readonly fn: string;
  /** Input key of each function argument, in order. */
  readonly argKeys: string[];
  /** Position of each function argument's input among the signature's inputs (sorted by key). */
  readonly argInputs: number[];
  /** Function result index of each output (in sorted output-key order). */
  readonly resultIndex: number[];
}

/**
 * Maps a TF2 signature onto its concrete function, or returns null when the graph does not
 * show one call node (of a function of the object graph) consuming every input and producing
 * every output.
 */
export function signatureCall(def: SignatureDef, nodes: ReadonlyMap<string, NodeDef>, og: tensorflow.SavedObjectGraph): SignatureCall | null {
  const outputs = sortedEntries(def.outputs);
  if (outputs.length === 0) return null;
  const callName = nodeNameOf(outputs[0][1].name ?? '');
  const call = nodes.get(callName);
  const fn = call?.attr?.f?.func?.name;
  if (!call || !fn || !CALL_OPS.has(call.op ?? '') || !og.concreteFunctions[fn]) return null;
  if (outputs.some(([, info]) => nodeNameOf(info.name ?? '') !== callName)) return null;
  const dataInputs = (call.input ?? []).filter((i) => !i.startsWith('^'));
  const numArgs = dataInputs.length - (og.concreteFunctions[fn].boundInputs?.length ?? 0);
  const argKeys: (string | undefined)[] = new Array(Math.max(numArgs, 0));
  const argInputs: number[] = new Array(Math.max(numArgs, 0));
  const inputs = sortedEntries(def.inputs);
  for (let position = 0; position < inputs.length; position++) {
    const [key, info] = inputs[position];
    const j = dataInputs.findIndex((i) => nodeNameOf(i) === nodeNameOf(info.name ?? '') && outputIndex(i) === outputIndex(info.name ?? ''));
    if (j < 0 || j >= numArgs || argKeys[j] !== undefined) return null;
    argKeys[j] = key;
    argInputs[j] = position;
  }
  for (let j = 0; j < argKeys.length; j++) if (argKeys[j] === undefined) return null;
  return { fn, argKeys: argKeys as string[], argInputs, resultIndex: outputs.map(([, info]) => outputIndex(info.name ?? '')) };
}

/** Runs a TF2 signature by calling its concrete function with the model's objects bound. */
export function functionRunner(mapping: SignatureCall, rt: ObjectRuntime): SignatureRunner {
  const { fn, argInputs, resultIndex } = mapping;
  // Per output: whether an earlier output already took the same result (it then gets a copy).
  const repeat = resultIndex.map((r, k) => resultIndex.indexOf(r) < k);
  const picked = new Set(resultIndex);
  return (feeds) => {
    const args = new Array<tf.Tensor>(argInputs.length);
    for (let i = 0; i < argInputs.length; i++) args[i] = feeds[argInputs[i]]!;
    const results = rt.call(fn, args);
    const out = new Array<tf.Tensor>(resultIndex.length);
    for (let k = 0; k < resultIndex.length; k++) {
      const v = results[resultIndex[k]];
      if (v instanceof RuntimeObject) {
        for (let j = 0; j < k; j++) if (repeat[j]) out[j].dispose();
        results.forEach(releaseValue);
        throw new SavedModelError('INTERNAL', `function '${fn}' result ${resultIndex[k]} is not a tensor`);
      }
      out[k] = repeat[k] ? tf.clone(v) : v;
    }
    if (picked.size !== results.length) results.forEach((v, i) => !picked.has(i) && releaseValue(v));
    return out;
  };
}
