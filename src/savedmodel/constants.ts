/**
 * SavedModel constants with TensorFlow's values: tags, signature keys and method names, and the
 * names of the files and folders of a SavedModel directory (tf.saved_model.* in Python).
 */

// Tags of meta graphs (tf.saved_model.SERVING, …).
/** Tag of the meta graph used for serving. */
export const SERVING = 'serve';
/** Tag of the meta graph used for training. */
export const TRAINING = 'train';
/** Tag of the meta graph used for evaluation. */
export const EVAL = 'eval';
/** Tag of a meta graph meant for GPUs. */
export const GPU = 'gpu';
/** Tag of a meta graph meant for TPUs. */
export const TPU = 'tpu';

// Signature keys and method names.
/** Key of the default serving signature. */
export const DEFAULT_SERVING_SIGNATURE_DEF_KEY = 'serving_default';
/** Method name of classification signatures. */
export const CLASSIFY_METHOD_NAME = 'tensorflow/serving/classify';
/** Method name of prediction signatures (the only kind TF2 writes). */
export const PREDICT_METHOD_NAME = 'tensorflow/serving/predict';
/** Method name of regression signatures. */
export const REGRESS_METHOD_NAME = 'tensorflow/serving/regress';
/** Method name of supervised training signatures. */
export const SUPERVISED_TRAIN_METHOD_NAME = 'tensorflow/supervised/training';
/** Method name of supervised evaluation signatures. */
export const SUPERVISED_EVAL_METHOD_NAME = 'tensorflow/supervised/eval';

/** Input key of a classification signature (serialized tf.Example strings). */
export const CLASSIFY_INPUTS = 'inputs';
/** Output key of a classification signature holding class labels. */
export const CLASSIFY_OUTPUT_CLASSES = 'classes';
/** Output key of a classification signature holding scores. */
export const CLASSIFY_OUTPUT_SCORES = 'scores';
/** Input key of a prediction signature built from a single tensor. */
export const PREDICT_INPUTS = 'inputs';
/** Output key of a prediction signature built from a single tensor. */
export const PREDICT_OUTPUTS = 'outputs';
/** Input key of a regression signature (serialized tf.Example strings). */
export const REGRESS_INPUTS = 'inputs';
/** Output key of a regression signature. */
export const REGRESS_OUTPUTS = 'outputs';

/** Signature key under which TF2 stores the initialization function. */
export const INIT_OP_SIGNATURE_KEY = '__saved_model_init_op';
/** Signature key under which TF2 stores the training op, if any. */
export const TRAIN_OP_SIGNATURE_KEY = '__saved_model_train_op';
/** Collection key of a TF1 main op (runs after restore). */
export const MAIN_OP_KEY = 'saved_model_main_op';
/** Collection key of a TF1 legacy init op. */
export const LEGACY_INIT_OP_KEY = 'legacy_init_op';
/** Collection key of a TF1 train op. */
export const TRAIN_OP_KEY = 'saved_model_train_op';
/** Collection key of TF1 asset file definitions. */
export const ASSETS_KEY = 'saved_model_assets';

// Layout of a SavedModel directory.
/** Version written in SavedModel.saved_model_schema_version. */
export const SAVED_MODEL_SCHEMA_VERSION = 1;
/** The binary SavedModel file. */
export const SAVED_MODEL_FILENAME_PB = 'saved_model.pb';
/** The text-format SavedModel file. */
export const SAVED_MODEL_FILENAME_PBTXT = 'saved_model.pbtxt';
/** Folder holding the variables checkpoint. */
export const VARIABLES_DIRECTORY = 'variables';
/** Prefix of the checkpoint files inside the variables folder. */
export const VARIABLES_FILENAME = 'variables';
/** Folder holding asset files (vocabularies, …). */
export const ASSETS_DIRECTORY = 'assets';
/** Folder for extra files that are not loaded by TensorFlow. */
export const EXTRA_ASSETS_DIRECTORY = 'assets.extra';
/** The fingerprint file (TF 2.12+). */
export const FINGERPRINT_FILENAME = 'fingerprint.pb';
/** Folder of the optional debug info. */
export const DEBUG_DIRECTORY = 'debug';
/** The GraphDebugInfo file inside the debug folder. */
export const DEBUG_INFO_FILENAME_PB = 'saved_model_debug_info.pb';
