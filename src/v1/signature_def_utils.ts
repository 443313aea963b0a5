/**
 * SignatureDef helpers of TF1 (`tf.compat.v1.saved_model.*_signature_def`, `build_tensor_info`,
 * `is_valid_signature`): they describe a graph's named inputs and outputs for TensorFlow Serving.
 * The checks and messages follow TensorFlow's signature_def_utils.
 */
import * as tf from '@tensorflow/tfjs-core';
import Long from 'long';
import { SavedModelError } from '../errors.js';
import { dtypeFromEnum, dtypeToEnum } from '../graph/dtypes.js';
import { tensorflow } from '../proto/index.js';
import { asSymbolic } from './graph_tensor.js';
import {
  CLASSIFY_INPUTS,
  CLASSIFY_METHOD_NAME,
  CLASSIFY_OUTPUT_CLASSES,
  CLASSIFY_OUTPUT_SCORES,
  PREDICT_METHOD_NAME,
  REGRESS_INPUTS,
  REGRESS_METHOD_NAME,
  REGRESS_OUTPUTS,
} from '../savedmodel/constants.js';

/**
 * What a TensorInfo is built from: a graph tensor's name (`op:index`), dtype (TF name) and shape
 * (-1 for unknown dimensions, null for unknown rank). Graph tensors of `v1.Graph` are such objects.
 */
export interface TensorDescription {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[] | null;
}

const DT_STRING = 7;
const DT_FLOAT = 1;

/** A TensorShapeProto: dims with -1 for unknown sizes, `unknownRank` for an unknown rank. */
export function shapeToProto(shape: readonly number[] | null): tensorflow.TensorShapeProto {
  return shape === null
    ? tensorflow.TensorShapeProto.create({ unknownRank: true })
    : tensorflow.TensorShapeProto.create({ dim: shape.map((size) => tensorflow.TensorShapeProto.Dim.create({ size: Long.fromNumber(size < 0 ? -1 : size) })) });
}

/** `tf.compat.v1.saved_model.build_tensor_info(t)`: the TensorInfo naming a graph tensor. */
export function buildTensorInfo(t: TensorDescription | tf.Tensor): tensorflow.TensorInfo {
  if (t instanceof tf.Tensor) asSymbolic(t, 'buildTensorInfo');
  if (!t || typeof (t as TensorDescription).name !== 'string' || typeof t.dtype !== 'string') {
    throw new SavedModelError('INVALID_ARGUMENT', `buildTensorInfo expects a graph tensor (name, dtype, shape), got ${describe(t)}`);
  }
  const d = t as TensorDescription;
  return tensorflow.TensorInfo.create({ name: d.name, dtype: dtypeToEnum(d.dtype), tensorShape: shapeToProto(d.shape) });
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x !== 'object') return `${typeof x} ${JSON.stringify(x)}`;
  return x.constructor?.name ?? 'object';
}

/** Default values of signature inputs (TensorProtos), as `build_signature_def(defaults=…)`. */
export type SignatureDefaults = Record<string, tensorflow.ITensorProto>;

/**
 * `build_signature_def(inputs, outputs, method_name, defaults)`: a SignatureDef from TensorInfos
 * (see `buildTensorInfo`), keys written in sorted order.
 */
export function buildSignatureDef(
  inputs?: Record<string, tensorflow.ITensorInfo> | null,
  outputs?: Record<string, tensorflow.ITensorInfo> | null,
  methodName?: string | null,
  defaults?: SignatureDefaults | null,
): tensorflow.SignatureDef {
  const sig = tensorflow.SignatureDef.create();
  for (const k of Object.keys(inputs ?? {}).sort()) sig.inputs[k] = tensorflow.TensorInfo.create(inputs![k]);
  for (const k of Object.keys(outputs ?? {}).sort()) sig.outputs[k] = tensorflow.TensorInfo.create(outputs![k]);
  if (methodName) sig.methodName = methodName;
  for (const k of Object.keys(defaults ?? {}).sort()) sig.defaults[k] = tensorflow.TensorProto.create(defaults![k]);
  return sig;
}

/** A graph tensor (or its description) as the signature utils take it. */
export type SignatureTensor = TensorDescription | tf.Tensor;

function infos(what: string, tensors: Record<string, SignatureTensor> | null | undefined): Record<string, tensorflow.TensorInfo> {
  if (!tensors || typeof tensors !== 'object' || Object.keys(tensors).length === 0) {
    throw new SavedModelError('INVALID_ARGUMENT', `Prediction \`${what}\` cannot be None or empty.`);
  }
  const out: Record<string, tensorflow.TensorInfo> = {};
  for (const [k, t] of Object.entries(tensors)) out[k] = buildTensorInfo(t);
  return out;
}

/** `predict_signature_def(inputs, outputs)`: any tensors, method `tensorflow/serving/predict`. */
export function predictSignatureDef(io: { inputs: Record<string, SignatureTensor>; outputs: Record<string, SignatureTensor> }): tensorflow.SignatureDef {
  return buildSignatureDef(infos('inputs', io?.inputs), infos('outputs', io?.outputs), PREDICT_METHOD_NAME);
}

function dtypeName(info: tensorflow.ITensorInfo): string {
  return info.dtype ? dtypeFromEnum(info.dtype) : 'invalid';
}

/**
 * `classification_signature_def(examples, classes, scores)`: serialized tf.Example strings in,
 * string `classes` and/or float `scores` out.
 */
export function classificationSignatureDef(
  examples: SignatureTensor,
  classes?: SignatureTensor | null,
  scores?: SignatureTensor | null,
): tensorflow.SignatureDef {
  if (!examples) throw new SavedModelError('INVALID_ARGUMENT', 'Classification `examples` cannot be None.');
  if (!classes && !scores) throw new SavedModelError('INVALID_ARGUMENT', 'Classification `classes` and `scores` cannot both be None.');
  const input = buildTensorInfo(examples);
  if (input.dtype !== DT_STRING) {
    throw new SavedModelError('INVALID_ARGUMENT', `Classification input tensors must be of type string. Found tensors of type ${dtypeName(input)} (${input.name}).`);
  }
  const outputs: Record<string, tensorflow.TensorInfo> = {};
  if (classes) {
    const c = buildTensorInfo(classes);
    if (c.dtype !== DT_STRING) throw new SavedModelError('INVALID_ARGUMENT', `Classification classes must be of type string Tensor. Found tensors of type ${dtypeName(c)} (${c.name}).`);
    outputs[CLASSIFY_OUTPUT_CLASSES] = c;
  }
  if (scores) {
    const s = buildTensorInfo(scores);
    if (s.dtype !== DT_FLOAT) throw new SavedModelError('INVALID_ARGUMENT', `Classification scores must be a float Tensor. Found tensors of type ${dtypeName(s)} (${s.name}).`);
    outputs[CLASSIFY_OUTPUT_SCORES] = s;
  }
  return buildSignatureDef({ [CLASSIFY_INPUTS]: input }, outputs, CLASSIFY_METHOD_NAME);
}

/** `regression_signature_def(examples, predictions)`: serialized tf.Example strings in, float `outputs` out. */
export function regressionSignatureDef(examples: SignatureTensor, predictions: SignatureTensor): tensorflow.SignatureDef {
  if (!examples) throw new SavedModelError('INVALID_ARGUMENT', 'Regression `examples` cannot be None.');
  if (!predictions) throw new SavedModelError('INVALID_ARGUMENT', 'Regression `predictions` cannot be None.');
  const input = buildTensorInfo(examples);
  if (input.dtype !== DT_STRING) {
    throw new SavedModelError('INVALID_ARGUMENT', `Regression input tensors must be of type string. Found tensors with type ${dtypeName(input)} (${input.name}).`);
  }
  const output = buildTensorInfo(predictions);
  if (output.dtype !== DT_FLOAT) {
    throw new SavedModelError('INVALID_ARGUMENT', `Regression output tensors must be of type float. Found tensors with type ${dtypeName(output)} (${output.name}).`);
  }
  return buildSignatureDef({ [REGRESS_INPUTS]: input }, { [REGRESS_OUTPUTS]: output }, REGRESS_METHOD_NAME);
}

function sameKeys(m: Record<string, unknown> | null | undefined, keys: readonly string[]): boolean {
  const have = Object.keys(m ?? {});
  return have.length === keys.length && keys.every((k) => have.includes(k));
}

/**
 * `is_valid_signature(sig)`: true when TensorFlow Serving can serve it — a predict signature with
 * inputs and outputs, or a classify/regress signature with the keys and dtypes those APIs need.
 */
export function isValidSignature(sig: tensorflow.ISignatureDef | null | undefined): boolean {
  if (!sig) return false;
  const inputs = sig.inputs ?? {};
  const outputs = sig.outputs ?? {};
  switch (sig.methodName) {
    case PREDICT_METHOD_NAME:
      return Object.keys(inputs).length > 0 && Object.keys(outputs).length > 0;
    case REGRESS_METHOD_NAME:
      return sameKeys(inputs, [REGRESS_INPUTS]) && inputs[REGRESS_INPUTS].dtype === DT_STRING
        && sameKeys(outputs, [REGRESS_OUTPUTS]) && outputs[REGRESS_OUTPUTS].dtype === DT_FLOAT;
    case CLASSIFY_METHOD_NAME: {
      if (!sameKeys(inputs, [CLASSIFY_INPUTS]) || inputs[CLASSIFY_INPUTS].dtype !== DT_STRING) return false;
      const keys = Object.keys(outputs);
      if (keys.length === 0 || keys.some((k) => k !== CLASSIFY_OUTPUT_CLASSES && k !== CLASSIFY_OUTPUT_SCORES)) return false;
      if (outputs[CLASSIFY_OUTPUT_CLASSES] && outputs[CLASSIFY_OUTPUT_CLASSES].dtype !== DT_STRING) return false;
      if (outputs[CLASSIFY_OUTPUT_SCORES] && outputs[CLASSIFY_OUTPUT_SCORES].dtype !== DT_FLOAT) return false;
      return true;
    }
    default:
      return false;
  }
}
