/** Picks the FileSystem a call uses: the caller's, else Node's fs when running in Node. */
import { SavedModelError } from '../errors.js';
import type { FileSystem } from './filesystem.js';
import { HttpFileSystem, isHttpUrl } from './http.js';

let nodeFs: FileSystem | undefined;

let httpFs: FileSystem | undefined;

/**
 * Resolves `fs` or the default for `path`: an HttpFileSystem for http(s) URLs; Node's file
 * system in Node; in a browser, an HttpFileSystem (paths are URLs, relative to the page).
 */
export async function resolveFileSystem(fs?: FileSystem, path?: string): Promise<FileSystem> {
  if (fs) return fs;
  if (path !== undefined && isHttpUrl(path)) return (httpFs ??= new HttpFileSystem());
  if (typeof process !== 'undefined' && process.versions?.node) {
    if (!nodeFs) {
      const { NodeFileSystem } = await import('./node.js');
      nodeFs = new NodeFileSystem();
    }
    return nodeFs;
  }
  if (typeof globalThis.fetch === 'function') return (httpFs ??= new HttpFileSystem());
  throw new SavedModelError('INVALID_ARGUMENT', 'no default file system here (neither Node nor fetch): pass { fs }, for example a MemoryFileSystem');
}
