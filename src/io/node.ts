/** The Node.js FileSystem: range reads through file handles, atomic writes via temp file + fsync + rename. */
import { promises as fsp, constants as fsConstants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { SavedModelError } from '../errors.js';
import type { FileSystem, FileWriter } from './filesystem.js';
import { basename, dirname, joinPath } from './path.js';

function toError(e: unknown, path: string, what: string): SavedModelError {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return new SavedModelError('NOT_FOUND', `${what}: no such file or directory: ${path}`, { cause: e });
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return new SavedModelError('PERMISSION_DENIED', `${what}: permission denied: ${path}`, { cause: e });
  if (err?.code === 'EISDIR') return new SavedModelError('INVALID_ARGUMENT', `${what}: expected a file but found a directory: ${path}`, { cause: e });
  if (err?.code === 'ENOTDIR') return new SavedModelError('NOT_FOUND', `${what}: a component of the path is not a directory: ${path}`, { cause: e });
  return new SavedModelError('INTERNAL', `${what} ${path}: ${err?.message ?? String(e)}`, { cause: e });
}

function tempSibling(path: string): string {
  return joinPath(dirname(path) || '.', `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const h = await fsp.open(dir || '.', fsConstants.O_RDONLY);
    try { await h.sync(); } finally { await h.close(); }
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  }
}

class NodeFileWriter implements FileWriter {
  position = 0;
  private constructor(private readonly handle: fsp.FileHandle, private readonly temp: string, private readonly target: string) {}

  static async open(target: string): Promise<NodeFileWriter> {
    const temp = tempSibling(target);
    try {
      return new NodeFileWriter(await fsp.open(temp, 'wx'), temp, target);
    } catch (e) {
      throw toError(e, target, 'cannot create');
    }
  }

  async write(chunk: Uint8Array): Promise<void> {
    let done = 0;
    while (done < chunk.byteLength) {
      const { bytesWritten } = await this.handle.write(chunk, done, chunk.byteLength - done);
      done += bytesWritten;
    }
    this.position += chunk.byteLength;
  }

  async close(): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      await fsp.rename(this.temp, this.target);
      await fsyncDir(dirname(this.target));
    } catch (e) {
      await fsp.rm(this.temp, { force: true });
      throw toError(e, this.target, 'cannot write');
    }
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fsp.rm(this.temp, { force: true });
  }
}

/** FileSystem over Node's `fs/promises`. The default in Node. */
export class NodeFileSystem implements FileSystem {
  async readFile(path: string): Promise<Uint8Array> {
    try {
      const b = await fsp.readFile(path);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      throw toError(e, path, 'cannot read');
    }
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    await this.readRangeInto(path, offset, out);
    return out;
  }

  async readRangeInto(path: string, offset: number, target: Uint8Array, onChunk?: (chunk: Uint8Array) => void, chunkBytes?: number): Promise<void> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(path, 'r');
    } catch (e) {
      throw toError(e, path, 'cannot read');
    }
    try {
      const length = target.byteLength;
      const step = onChunk ? Math.max(1, chunkBytes ?? length) : length;
      const readPiece = async (from: number): Promise<void> => {
        const end = Math.min(from + step, length);
        for (let done = from; done < end; ) {
          const { bytesRead } = await handle.read(target, done, end - done, offset + done);
          if (bytesRead === 0) {
            throw new SavedModelError('DATA_LOSS', `unexpected end of file ${path}: wanted ${length} bytes at offset ${offset}, file ends after ${offset + done}`);
          }
          done += bytesRead;
        }
      };
      // One piece in flight while the previous one is handed to onChunk.
      let pending: Promise<void> | null = length > 0 ? readPiece(0) : null;
      for (let at = 0; at < length; at += step) {
        await pending;
        const end = Math.min(at + step, length);
        pending = end < length ? readPiece(end) : null;
        pending?.catch(() => undefined); // awaited in the next round; no unhandled rejection if onChunk throws
        onChunk?.(target.subarray(at, end));
      }
    } finally {
      await handle.close();
    }
  }

  async size(path: string): Promise<number> {
    try {
      const st = await fsp.stat(path);
      if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      return st.size;
    } catch (e) {
      throw toError(e, path, 'cannot stat');
    }
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const w = await this.openWriter(path);
    try {
      await w.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    } catch (e) {
      await w.abort();
      throw toError(e, path, 'cannot write');
    }
    await w.close();
  }

  openWriter(path: string): Promise<FileWriter> {
    return NodeFileWriter.open(path);
  }

  async list(dir: string): Promise<string[]> {
    try {
      return (await fsp.readdir(dir)).sort();
    } catch (e) {
      throw toError(e, dir, 'cannot list');
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await fsp.lstat(path);
      return true;
    } catch {
      return false;
    }
  }

  async isDirectory(path: string): Promise<boolean> {
    try {
      return (await fsp.stat(path)).isDirectory();
    } catch {
      return false;
    }
  }

  async mkdir(path: string): Promise<void> {
    try {
      await fsp.mkdir(path, { recursive: true });
    } catch (e) {
      throw toError(e, path, 'cannot create directory');
    }
  }

  async remove(path: string): Promise<void> {
    try {
      await fsp.rm(path, { recursive: true, force: true });
    } catch (e) {
      throw toError(e, path, 'cannot remove');
    }
  }

  async rename(from: string, to: string): Promise<void> {
    try {
      await fsp.rename(from, to);
      await fsyncDir(dirname(to));
    } catch (e) {
      throw toError(e, from, `cannot rename to ${to}:`);
    }
  }
}
