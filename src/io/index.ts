export type { FileSystem, FileWriter } from './filesystem.js';
export { MemoryFileSystem } from './memory.js';
export { resolveFileSystem } from './default.js';
export { joinPath, dirname, basename, isContainedRelativePath } from './path.js';
export { HttpFileSystem, isHttpUrl } from './http.js';
export type { HttpFileSystemOptions } from './http.js';
export { toTar } from './tar.js';
