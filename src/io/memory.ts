/** An in-memory FileSystem: for tests, and for saving in a page and handing the user the files. */
import { SavedModelError } from '../errors.js';
import type { FileSystem, FileWriter } from './filesystem.js';
import { dirname } from './path.js';

function normalize(path: string): string {
  const parts: string[] = [];
  for (const c of path.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') parts.pop();
    else parts.push(c);
  }
  return '/' + parts.join('/');
}

/** Keeps files as byte arrays keyed by normalized absolute path; directories are implied or explicit. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>(['/']);

  /** All files, path → bytes (a snapshot; the arrays are shared). */
  entries(): Map<string, Uint8Array> {
    return new Map(this.files);
  }

  private file(path: string): Uint8Array {
    const f = this.files.get(normalize(path));
    if (!f) throw new SavedModelError('NOT_FOUND', `no such file: ${path}`);
    return f;
  }

  async readFile(path: string): Promise<Uint8Array> {
    return this.file(path);
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    const f = this.file(path);
    if (offset < 0 || length < 0 || offset + length > f.byteLength) {
      throw new SavedModelError('DATA_LOSS', `unexpected end of file ${path}: wanted ${length} bytes at offset ${offset}, file has ${f.byteLength}`);
    }
    return f.subarray(offset, offset + length);
  }

  async readRangeInto(path: string, offset: number, target: Uint8Array, onChunk?: (chunk: Uint8Array) => void, chunkBytes?: number): Promise<void> {
    target.set(await this.readRange(path, offset, target.byteLength));
    const step = Math.max(1, chunkBytes ?? target.byteLength);
    if (onChunk) for (let at = 0; at < target.byteLength; at += step) onChunk(target.subarray(at, Math.min(at + step, target.byteLength)));
  }

  async size(path: string): Promise<number> {
    return this.file(path).byteLength;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data.slice();
    await this.mkdir(dirname(normalize(path)));
    this.files.set(normalize(path), bytes);
  }

  async openWriter(path: string): Promise<FileWriter> {
    const chunks: Uint8Array[] = [];
    const fs = this;
    let position = 0;
    let open = true;
    return {
      get position() { return position; },
      async write(chunk: Uint8Array) {
        if (!open) throw new SavedModelError('FAILED_PRECONDITION', `writer for ${path} is closed`);
        chunks.push(chunk.slice());
        position += chunk.byteLength;
      },
      async close() {
        open = false;
        const out = new Uint8Array(position);
        let at = 0;
        for (const c of chunks) { out.set(c, at); at += c.byteLength; }
        await fs.mkdir(dirname(normalize(path)));
        fs.files.set(normalize(path), out);
      },
      async abort() { open = false; chunks.length = 0; },
    };
  }

  async list(dir: string): Promise<string[]> {
    const d = normalize(dir);
    if (!(await this.isDirectory(d))) throw new SavedModelError('NOT_FOUND', `no such directory: ${dir}`);
    const prefix = d === '/' ? '/' : d + '/';
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  async exists(path: string): Promise<boolean> {
    const p = normalize(path);
    return this.files.has(p) || (await this.isDirectory(p));
  }

  async isDirectory(path: string): Promise<boolean> {
    const p = normalize(path);
    if (this.dirs.has(p)) return true;
    const prefix = p + '/';
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    return false;
  }

  async mkdir(path: string): Promise<void> {
    let p = normalize(path);
    while (p !== '/' && !this.dirs.has(p)) {
      if (this.files.has(p)) throw new SavedModelError('FAILED_PRECONDITION', `cannot create directory ${path}: a file is in the way`);
      this.dirs.add(p);
      p = dirname(p);
    }
  }

  async remove(path: string): Promise<void> {
    const p = normalize(path);
    const prefix = p + '/';
    this.files.delete(p);
    this.dirs.delete(p);
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d.startsWith(prefix)) this.dirs.delete(d);
  }

  async rename(from: string, to: string): Promise<void> {
    const a = normalize(from);
    const b = normalize(to);
    if (this.files.has(a)) {
      this.files.set(b, this.files.get(a)!);
      this.files.delete(a);
      return;
    }
    if (!(await this.isDirectory(a))) throw new SavedModelError('NOT_FOUND', `cannot rename ${from}: no such file or directory`);
    await this.remove(b);
    const prefix = a + '/';
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) { this.files.set(b + f.slice(a.length), this.files.get(f)!); this.files.delete(f); }
    for (const d of [...this.dirs]) if (d === a || d.startsWith(prefix)) { this.dirs.delete(d); this.dirs.add(b + d.slice(a.length)); }
    await this.mkdir(dirname(b));
  }
}
