/** Picks the FileSystem a call uses: the caller's, else Node's fs when running in Node. */
import { SavedModelError } from '../errors.js';
import type { FileSystem } from './filesystem.js';

let nodeFs: FileSystem | undefined;

/** Resolves `fs` or the platform default (Node's file system in Node). */
export async function resolveFileSystem(fs?: FileSystem): Promise<FileSystem> {
  if (fs) return fs;
  if (typeof process !== 'undefined' && process.versions?.node) {
    if (!nodeFs) {
      const { NodeFileSystem } = await import('./node.js');
      nodeFs = new NodeFileSystem();
    }
    return nodeFs;
  }
  throw new SavedModelError('INVALID_ARGUMENT', 'no default file system outside Node: pass { fs } (for example a MemoryFileSystem)');
}
