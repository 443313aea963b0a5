/** savedmodel: read, run and write TensorFlow SavedModels in TypeScript. */
export { SavedModelError, isSavedModelError } from './errors.js';
export type { SavedModelErrorCode } from './errors.js';
export type { FileSystem, FileWriter } from './io/index.js';
export { MemoryFileSystem, HttpFileSystem, isHttpUrl, toTar } from './io/index.js';
export type { HttpFileSystemOptions } from './io/index.js';
export { tensorflow } from './proto/index.js';
export * from './savedmodel/constants.js';
export { readSavedModel, readFingerprint, decodeSavedModel } from './savedmodel/reader.js';
export type { ReadSavedModelOptions } from './savedmodel/reader.js';
export { BundleReader, BundleWriter, listVariables, DTYPES } from './bundle/index.js';
export type { BundleReaderOptions, BundleWriterOptions, BundleEntry, CheckpointVariable, HostTensor, TensorData, DType, NumericArray, SliceExtent } from './bundle/index.js';
export { printTextProto, parseTextProto, TF_TEXT_STYLES, MAX_TEXT_DEPTH } from './textformat/index.js';
export type { TextDialect, TextPrintOptions, TextParseOptions } from './textformat/index.js';
export { UNSAFE_OPS, TF_SCAN_DENYLIST, unsafeOpsReachable, allOps } from './savedmodel/safety.js';
export type { UnsafeOpUse } from './savedmodel/safety.js';
export { supportedOps } from './runtime/registry.js';
export { setWasmLocation } from './runtime/backend.js';
export { loadModel } from './savedmodel/loader.js';
export type { LoadModelOptions, LoadedModel } from './savedmodel/loader.js';
export type { SignatureFunction, SignatureInputs } from './savedmodel/signature_function.js';
export type { TensorInfo } from './savedmodel/tensor_info.js';
export { RestoredVariable } from './savedmodel/restored_variable.js';
export { RestoredAsset, RestoredResource } from './savedmodel/object_runtime.js';
export type { RestoredFunction } from './savedmodel/restored_function.js';
export type { Progress, ProgressCallback } from './savedmodel/progress.js';
export * as v1 from './v1/index.js';
// The ops namespace (recording into v1 graphs and traced functions): exported here for the v1 API until the trace exports land.
export { ops } from './trace/index.js';
