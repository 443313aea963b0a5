/** savedmodel: read, run and write TensorFlow SavedModels in TypeScript. */
export { SavedModelError, isSavedModelError } from './errors.js';
export type { SavedModelErrorCode } from './errors.js';
export type { FileSystem, FileWriter } from './io/index.js';
export { MemoryFileSystem } from './io/index.js';
export { tensorflow } from './proto/index.js';
export * from './savedmodel/constants.js';
export { readSavedModel, readFingerprint, decodeSavedModel } from './savedmodel/reader.js';
export type { ReadSavedModelOptions } from './savedmodel/reader.js';
export { supportedOps } from './runtime/registry.js';
