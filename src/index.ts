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
