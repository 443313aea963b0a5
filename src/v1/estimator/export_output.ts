/**
 * Export outputs of an Estimator-style export (tf.estimator.export.PredictOutput,
 * ClassificationOutput, RegressionOutput) and how they become signatures:
 * `buildAllSignatureDefs` turns each into a SignatureDef over the receiver tensors, drops the
 * ones that cannot be built or served (as TensorFlow does, reporting why), and
 * `withDefaultServingOutput` names the default one `serving_default`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError, isSavedModelError } from '../../errors.js';
import { asSymbolic, type GraphTensor } from '../graph_tensor.js';
import { SymbolicTensor } from '../../graph/symbolic.js';
import type { tensorflow } from '../../proto/index.js';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY } from '../../savedmodel/constants.js';
import { classificationSignatureDef, isValidSignature, predictSignatureDef, regressionSignatureDef } from '../signature_def_utils.js';

const FLOATS = new Set(['float16', 'bfloat16', 'float32', 'float64']);

/** One way a model's outputs are exported as a signature. */
export interface ExportOutput {
  /** The signature over `receiverTensors` (INVALID_ARGUMENT when it cannot be built). */
  asSignatureDef(receiverTensors: Record<string, SymbolicTensor>): tensorflow.SignatureDef;
}

function checkTensor(what: string, t: unknown): SymbolicTensor {
  if (t instanceof tf.Tensor) return asSymbolic(t, what);
  if (!(t instanceof SymbolicTensor)) throw new SavedModelError('INVALID_ARGUMENT', `${what} must be a Tensor; got ${String(t)}.`);
  return t;
}

function singleExamples(kind: string, receiverTensors: Record<string, SymbolicTensor>): SymbolicTensor {
  const entries = Object.values(receiverTensors);
  if (entries.length !== 1 || entries[0].dtype !== 'string') {
    throw new SavedModelError(
      'INVALID_ARGUMENT',
      `${kind} signatures can only accept a single tensor input of type tf.string. Please check to make sure that you have structured the serving_input_receiver_fn so that it creates a single string placeholder. If your model function expects multiple inputs, then use \`tf.io.parse_example()\` to parse the string into multiple tensors.\n Received: {${Object.entries(receiverTensors).map(([k, t]) => `'${k}': ${t}`).join(', ')}}`,
    );
  }
  return entries[0];
}

/** `PredictOutput(outputs)`: a predict signature over any outputs (one tensor is named `output`). */
export class PredictOutput implements ExportOutput {
  readonly outputs: Record<string, SymbolicTensor>;

  constructor(outputs: GraphTensor | Record<string, GraphTensor>) {
    const dict = outputs instanceof SymbolicTensor || outputs instanceof tf.Tensor ? { output: outputs } : outputs;
    if (!dict || typeof dict !== 'object') throw new SavedModelError('INVALID_ARGUMENT', `Prediction output value must be a Tensor; got ${String(outputs)}.`);
    this.outputs = Object.fromEntries(Object.entries(dict).map(([k, t]) => [k, checkTensor('Prediction output value', t)]));
  }

  asSignatureDef(receiverTensors: Record<string, SymbolicTensor>): tensorflow.SignatureDef {
    return predictSignatureDef({ inputs: receiverTensors, outputs: this.outputs });
  }
}

/** `ClassificationOutput({ scores, classes })`: serialized tf.Examples in, float scores and/or string classes out. */
export class ClassificationOutput implements ExportOutput {
  readonly scores?: SymbolicTensor;
  readonly classes?: SymbolicTensor;

  constructor(opts: { scores?: GraphTensor; classes?: GraphTensor }) {
    const scores = opts?.scores === undefined ? undefined : checkTensor('Classification scores', opts.scores);
    const classes = opts?.classes === undefined ? undefined : checkTensor('Classification classes', opts.classes);
    if (scores !== undefined && !(scores instanceof SymbolicTensor && FLOATS.has(scores.dtype))) {
      throw new SavedModelError('INVALID_ARGUMENT', `Classification scores must be a float32 Tensor; got ${String(scores)}`);
    }
    if (classes !== undefined && !(classes instanceof SymbolicTensor && classes.dtype === 'string')) {
      throw new SavedModelError('INVALID_ARGUMENT', `Classification classes must be a string Tensor; got ${String(classes)}`);
    }
    if (!scores && !classes) {
      throw new SavedModelError('INVALID_ARGUMENT', 'Cannot create a ClassificationOutput with empty arguments. At least one of `scores` and `classes` must be defined.');
    }
    this.scores = scores;
    this.classes = classes;
  }

  asSignatureDef(receiverTensors: Record<string, SymbolicTensor>): tensorflow.SignatureDef {
    return classificationSignatureDef(singleExamples('Classification', receiverTensors), this.classes, this.scores);
  }
}

/** `RegressionOutput(value)`: serialized tf.Examples in, a float value out. */
export class RegressionOutput implements ExportOutput {
  readonly value: SymbolicTensor;

  constructor(value: GraphTensor) {
    const v = checkTensor('Regression output value', value);
    if (!FLOATS.has(v.dtype)) throw new SavedModelError('INVALID_ARGUMENT', `Regression output value must be a float32 Tensor; got ${String(v)}`);
    this.value = v;
  }

  asSignatureDef(receiverTensors: Record<string, SymbolicTensor>): tensorflow.SignatureDef {
    return regressionSignatureDef(singleExamples('Regression', receiverTensors), this.value);
  }
}

/**
 * EstimatorSpec's rule: a single export output is also served as `serving_default`; several
 * must include one keyed `serving_default`.
 */
export function withDefaultServingOutput(outputs: Record<string, ExportOutput>): Record<string, ExportOutput> {
  const keys = Object.keys(outputs);
  if (keys.length === 0) throw new SavedModelError('INVALID_ARGUMENT', '`export_outputs` must have at least one output');
  if (keys.length === 1 && keys[0] !== DEFAULT_SERVING_SIGNATURE_DEF_KEY) return { ...outputs, [DEFAULT_SERVING_SIGNATURE_DEF_KEY]: outputs[keys[0]] };
  if (!(DEFAULT_SERVING_SIGNATURE_DEF_KEY in outputs)) {
    throw new SavedModelError('INVALID_ARGUMENT', 'Multiple export_outputs were provided, but none of them is specified as the default.  Do this by naming one of them with signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY.');
  }
  return outputs;
}

/** Signatures built, and the ones left out with why. */
export interface SignatureDefsBuilt {
  signatureDefs: Record<string, tensorflow.SignatureDef>;
  excluded: Record<string, string>;
}

/**
 * `build_all_signature_defs(receiver_tensors, export_outputs, receiver_tensors_alternatives)`:
 * one signature per export output (and per alternative receiver, keyed `receiver:output`),
 * keeping only those TensorFlow Serving can serve.
 */
export function buildAllSignatureDefs(
  receiverTensors: Record<string, SymbolicTensor>,
  exportOutputs: Record<string, ExportOutput>,
  alternatives: Record<string, Record<string, SymbolicTensor>> = {},
): SignatureDefsBuilt {
  const signatureDefs: Record<string, tensorflow.SignatureDef> = {};
  const excluded: Record<string, string> = {};
  const add = (key: string, receivers: Record<string, SymbolicTensor>, out: ExportOutput) => {
    try {
      const sig = out.asSignatureDef(receivers);
      if (isValidSignature(sig)) signatureDefs[key] = sig;
      else excluded[key] = 'not a valid serving signature';
    } catch (e) {
      if (!isSavedModelError(e)) throw e;
      excluded[key] = e.message;
    }
  };
  for (const [key, out] of Object.entries(exportOutputs)) add(key, receiverTensors, out);
  for (const [rname, receivers] of Object.entries(alternatives)) {
    for (const [key, out] of Object.entries(exportOutputs)) add(`${rname}:${key}`, receivers, out);
  }
  return { signatureDefs, excluded };
}
