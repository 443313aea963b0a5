/**
 * `v1.savedModel` (tf.compat.v1.saved_model): Builder, simpleSave, load, the signature-def
 * utilities, MethodNameUpdater, and the tag / signature / method-name constants.
 */
export { Builder } from './builder.js';
export type { MetaGraphOptions, AddMetaGraphOptions } from './builder.js';
export { simpleSave } from './simple_save.js';
export type { SimpleSaveOptions } from './simple_save.js';
export { load } from './loader.js';
export type { LoadOptions } from './loader.js';
export {
  buildSignatureDef,
  buildTensorInfo,
  classificationSignatureDef,
  isValidSignature,
  predictSignatureDef,
  regressionSignatureDef,
} from './signature_def_utils.js';
export type { TensorDescription, SignatureDefaults } from './signature_def_utils.js';
export { MethodNameUpdater } from './method_name_updater.js';
export type { MethodNameUpdaterOptions } from './method_name_updater.js';
export {
  ASSETS_DIRECTORY,
  ASSETS_KEY,
  CLASSIFY_INPUTS,
  CLASSIFY_METHOD_NAME,
  CLASSIFY_OUTPUT_CLASSES,
  CLASSIFY_OUTPUT_SCORES,
  DEFAULT_SERVING_SIGNATURE_DEF_KEY,
  EVAL,
  GPU,
  LEGACY_INIT_OP_KEY,
  MAIN_OP_KEY,
  PREDICT_INPUTS,
  PREDICT_METHOD_NAME,
  PREDICT_OUTPUTS,
  REGRESS_INPUTS,
  REGRESS_METHOD_NAME,
  REGRESS_OUTPUTS,
  SAVED_MODEL_FILENAME_PB,
  SAVED_MODEL_FILENAME_PBTXT,
  SERVING,
  TPU,
  TRAINING,
  TRAIN_OP_KEY,
  VARIABLES_DIRECTORY,
  VARIABLES_FILENAME,
} from '../savedmodel/constants.js';
