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
import { tfjsDtype } from '../runtime/dtypes.js';
import type { TfDType } from '../graph/dtypes.js';

/** The tfjs dtype carrying TF dtype `d`, or null when the runtime has none (inputTensor then reports it). */
function carrierOf(d: TensorInfo['dtype']): tf.DataType | null {
  try {
    return tfjsDtype(d as TfDType);
  } catch {
    return null;
  }
}

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

/**
 * Computes a signature's outputs (in `outputs` key order) from validated inputs, given in
 * `inputs` key order (sorted names); `undefined` for an optional input that was not passed.
 */
export type SignatureRunner = (inputs: readonly (tf.Tensor | undefined)[]) => tf.Tensor[];

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
  const infos = inputNames.map((n) => inputs[n]);
  // Per input: its default, whether the runner can do without it, the tfjs dtype a tensor must have.
  const defaultOf = inputNames.map((n) => defaults.values.get(n));
  const optional = inputNames.map((n) => defaults.optional.has(n));
  const carriers = infos.map((info) => (info.encoding === 'dense' ? carrierOf(info.dtype) : null));

  /** The given value of input `i` as a tensor (pushed to `owned` when made here), shape-checked. */
  const convert = (i: number, value: unknown, owned: tf.Tensor[]): tf.Tensor => {
    const info = infos[i];
    if (info.encoding !== 'dense') {
      throw new SavedModelError('UNIMPLEMENTED', `${label} input '${inputNames[i]}' is a ${info.encoding} tensor; only dense inputs are supported`);
    }
    let t: tf.Tensor;
    // The common case inline: a live tensor of the right tfjs dtype.
    if (value instanceof tf.Tensor && value.dtype === carriers[i] && !value.isDisposed) t = value;
    else {
      const made = inputTensor(value, info.dtype, inputWhat[i]);
      if (made.owned) owned.push(made.tensor);
      t = made.tensor;
    }
    if (!shapeFits(t.shape, info.shape)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${inputWhat[i]} expects shape ${formatShape(info.shape)}, got ${formatShape(t.shape)}`);
    }
    return t;
  };

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
    const feeds = new Array<tf.Tensor | undefined>(inputNames.length);
    const owned: tf.Tensor[] = [];
    try {
      let missing: string[] | null = null;
      for (let i = 0; i < inputNames.length; i++) {
        const value = byName[inputNames[i]];
        if (value !== undefined) feeds[i] = convert(i, value, owned);
        else if (defaultOf[i] !== undefined) feeds[i] = defaultOf[i];
        else if (!optional[i]) (missing ??= []).push(inputNames[i]);
      }
      if (missing) {
        throw new SavedModelError('INVALID_ARGUMENT', `${label} is missing required input(s) ${list(missing)}; its inputs are ${list(inputNames)}`);
      }
      const results = run(feeds);
      const out: Record<string, tf.Tensor> = {};
      for (let i = 0; i < outputNames.length; i++) out[outputNames[i]] = results[i];
      return out;
    } finally {
      for (let i = 0; i < owned.length; i++) owned[i].dispose();
    }
  };
  return Object.assign(call, { inputs, outputs, methodName: def.methodName ?? '' });
}
