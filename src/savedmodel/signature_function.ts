/**
 * `SignatureFunction`: a SignatureDef made callable. Inputs come by name (or as one tensor for a
 * one-input signature), are validated against the SignatureDef (names, dtypes, shapes) with
 * TF-like messages, plain values are converted to the declared dtype, missing optional inputs
 * take their defaults; a runner computes the outputs, returned keyed by output name.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { tensorflow } from '../proto/index.js';
import { inputTensor, isPlainRecord, isTensorLike } from './input_tensor.js';
import { formatShape, shapeFits, tensorInfoFromProto, type TensorInfo } from './tensor_info.js';

/** What a signature accepts: named inputs, or one tensor (or plain value) when it has one input. */
export type SignatureInputs = Record<string, tf.Tensor | tf.TensorLike> | tf.Tensor | tf.TensorLike;

/** A callable signature of a loaded model: synchronous, returns new tensors keyed by output name. */
export interface SignatureFunction {
  (inputs?: SignatureInputs): Record<string, tf.Tensor>;
  /** The signature's inputs by name. */
  readonly inputs: Record<string, TensorInfo>;
  /** The signature's outputs by name (`dtype` is TensorFlow's; tensors carry its tfjs carrier). */
  readonly outputs: Record<string, TensorInfo>;
  /** e.g. `tensorflow/serving/predict`. */
  readonly methodName: string;
}

/** Computes a signature's outputs (in `outputs` key order) from validated inputs by name. */
export type SignatureRunner = (inputs: ReadonlyMap<string, tf.Tensor>) => tf.Tensor[];

/** How inputs that were not passed are filled. */
export interface InputDefaults {
  /** Default values by input name (owned by the model). */
  readonly values: ReadonlyMap<string, tf.Tensor>;
  /** Inputs the runner itself can do without (a PlaceholderWithDefault in the graph). */
  readonly optional: ReadonlySet<string>;
}

const NO_DEFAULTS: InputDefaults = { values: new Map(), optional: new Set() };

function list(names: readonly string[]): string {
  return names.length ? names.map((n) => `'${n}'`).join(', ') : '(none)';
}

/** Builds the SignatureFunction of `def` (keyed `key`) around `run`. */
export function makeSignatureFunction(
  key: string,
  def: tensorflow.SignatureDef.$Properties,
  run: SignatureRunner,
  defaults: InputDefaults = NO_DEFAULTS,
): SignatureFunction {
  const inputs: Record<string, TensorInfo> = {};
  const outputs: Record<string, TensorInfo> = {};
  for (const [k, v] of Object.entries(def.inputs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) inputs[k] = tensorInfoFromProto(v);
  for (const [k, v] of Object.entries(def.outputs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) outputs[k] = tensorInfoFromProto(v);
  const inputNames = Object.keys(inputs);
  const outputNames = Object.keys(outputs);
  const label = `signature '${key}'`;
  const inputWhat = inputNames.map((n) => `${label} input '${n}'`);

  const call = (given?: SignatureInputs): Record<string, tf.Tensor> => {
    let byName: Record<string, unknown>;
    if (given === undefined || given === null) byName = {};
    else if (isPlainRecord(given)) byName = given;
    else if (inputNames.length === 1) byName = { [inputNames[0]]: given };
    else if (given instanceof tf.Tensor || isTensorLike(given)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${label} takes ${inputNames.length} inputs (${list(inputNames)}); pass them as a record { name: tensor }`);
    } else {
      throw new SavedModelError('INVALID_ARGUMENT', `${label} expects a record of input tensors, got ${given === null ? 'null' : typeof given}`);
    }
    for (const n in byName) {
      if (!(n in inputs) && Object.prototype.hasOwnProperty.call(byName, n)) {
        const unknown = Object.keys(byName).filter((k) => !(k in inputs));
        throw new SavedModelError('INVALID_ARGUMENT', `${label} has no input(s) named ${list(unknown)}; its inputs are ${list(inputNames)}`);
      }
    }
    const feeds = new Map<string, tf.Tensor>();
    let owned: tf.Tensor[] | null = null;
    try {
      let missing: string[] | null = null;
      for (let i = 0; i < inputNames.length; i++) {
        const name = inputNames[i];
        const info = inputs[name];
        const value = byName[name];
        if (value === undefined) {
          const d = defaults.values.get(name);
          if (d) feeds.set(name, d);
          else if (!defaults.optional.has(name)) (missing ??= []).push(name);
          continue;
        }
        if (info.encoding !== 'dense') {
          throw new SavedModelError('UNIMPLEMENTED', `${label} input '${name}' is a ${info.encoding} tensor; only dense inputs are supported`);
        }
        const what = inputWhat[i];
        const t = inputTensor(value, info.dtype, what);
        if (t.owned) (owned ??= []).push(t.tensor);
        if (!shapeFits(t.tensor.shape, info.shape)) {
          throw new SavedModelError('INVALID_ARGUMENT', `${what} expects shape ${formatShape(info.shape)}, got ${formatShape(t.tensor.shape)}`);
        }
        feeds.set(name, t.tensor);
      }
      if (missing) {
        throw new SavedModelError('INVALID_ARGUMENT', `${label} is missing required input(s) ${list(missing)}; its inputs are ${list(inputNames)}`);
      }
      const results = run(feeds);
      const out: Record<string, tf.Tensor> = {};
      for (let i = 0; i < outputNames.length; i++) out[outputNames[i]] = results[i];
      return out;
    } finally {
      if (owned) for (const t of owned) t.dispose();
    }
  };
  return Object.assign(call, { inputs, outputs, methodName: def.methodName ?? '' });
}
