/** `v1.estimator`: Estimator-style export of a graph (export outputs, serving input receivers, exportSavedModel). */
export { exportSavedModel, getOrCreateGlobalStep } from './export.js';
export type { ExportSavedModelOptions, ExportVariables } from './export.js';
export { PredictOutput, ClassificationOutput, RegressionOutput, buildAllSignatureDefs, withDefaultServingOutput } from './export_output.js';
export type { ExportOutput, SignatureDefsBuilt } from './export_output.js';
export { buildRawServingInputReceiver, buildParsingServingInputReceiver } from './serving_input.js';
export type { ServingInputReceiver, BuiltServingInputReceiver, RawFeature } from './serving_input.js';
export { fixedLenFeature } from '../parsing.js';
export type { FixedLenFeature, FeatureSpec } from '../parsing.js';
