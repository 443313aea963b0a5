/** savedmodel: read, run and write TensorFlow SavedModels in TypeScript. */
export { SavedModelError, isSavedModelError } from './errors.js';
export type { SavedModelErrorCode } from './errors.js';
export type { FileSystem, FileWriter } from './io/index.js';
export { MemoryFileSystem } from './io/index.js';
export { tensorflow } from './proto/index.js';
export * from './savedmodel/constants.js';
export { readSavedModel, readFingerprint, decodeSavedModel } from './savedmodel/reader.js';
export type { ReadSavedModelOptions } from './savedmodel/reader.js';
export { BundleReader, BundleWriter, listVariables, DTYPES } from './bundle/index.js';
export type { BundleReaderOptions, BundleWriterOptions, BundleEntry, CheckpointVariable, HostTensor, TensorData, DType, NumericArray, SliceExtent } from './bundle/index.js';
export { printTextProto, parseTextProto, TF_TEXT_STYLES, MAX_TEXT_DEPTH } from './textformat/index.js';
export type { TextDialect, TextPrintOptions, TextParseOptions } from './textformat/index.js';
export { Module, Variable, TensorSpec, tfFunction, isTfFunction, ConcreteFunction, Asset, ops } from './trace/index.js';
export type { TfFunction, TfFunctionOptions, VariableOptions, VariableInit, OpOptions, Tensor, MatMulOptions } from './trace/index.js';
export { SymbolicTensor, Operation } from './graph/symbolic.js';
export { saveModel } from './savedmodel/writer.js';
export type { SaveModelOptions, Progress } from './savedmodel/writer.js';
export type { SignaturesOption } from './savedmodel/writer_signatures.js';
