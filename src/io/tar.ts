/**
 * A POSIX ustar archive of a folder of a MemoryFileSystem: how a page hands a SavedModel it saved
 * to the user (one Blob to download; `tar -xf` unpacks it into the model directory).
 */
import { SavedModelError } from '../errors.js';
import type { MemoryFileSystem } from './memory.js';

const BLOCK = 512;
const utf8 = new TextEncoder();

function writeString(h: Uint8Array, at: number, len: number, s: string): void {
  const b = utf8.encode(s);
  if (b.length > len) throw new SavedModelError('INVALID_ARGUMENT', `tar: '${s}' is longer than the ${len} bytes its field holds`);
  h.set(b, at);
}

function writeOctal(h: Uint8Array, at: number, len: number, n: number): void {
  writeString(h, at, len, n.toString(8).padStart(len - 1, '0'));
}

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a '/'. */
function splitName(path: string): [string, string] {
  if (utf8.encode(path).length <= 100) return ['', path];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (utf8.encode(prefix).length <= 155 && utf8.encode(name).length <= 100) return [prefix, name];
  }
  throw new SavedModelError('INVALID_ARGUMENT', `tar: the path '${path}' is too long for a ustar archive`);
}

function header(path: string, size: number, type: '0' | '5'): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const [prefix, name] = splitName(path);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, type === '5' ? 0o755 : 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, 0);
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  h[156] = type.charCodeAt(0);
  writeString(h, 257, 6, 'ustar');
  writeString(h, 263, 2, '00');
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 7, sum.toString(8).padStart(6, '0') + '\0');
  return h;
}

/**
 * Archives every file under `dir` of `fs` as `<basename of dir>/…` (directories first, files in
 * path order). Returns the archive bytes.
 */
export function toTar(fs: MemoryFileSystem, dir: string): Uint8Array {
  const base = '/' + dir.split('/').filter((c) => c && c !== '.').join('/');
  const top = base.slice(base.lastIndexOf('/') + 1) || 'model';
  const files = [...fs.entries()].filter(([p]) => p.startsWith(base + '/')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new SavedModelError('NOT_FOUND', `tar: no files under ${dir}`);
  const dirs = new Set<string>([top]);
  for (const [p] of files) {
    const parts = (top + p.slice(base.length)).split('/');
    for (let i = 1; i < parts.length - 1; i++) dirs.add(parts.slice(0, i + 1).join('/'));
  }
  const chunks: Uint8Array[] = [];
  for (const d of [...dirs].sort()) chunks.push(header(d + '/', 0, '5'));
  for (const [p, data] of files) {
    chunks.push(header(top + p.slice(base.length), data.byteLength, '0'), data);
    const pad = (BLOCK - (data.byteLength % BLOCK)) % BLOCK;
    if (pad) chunks.push(new Uint8Array(pad));
  }
  chunks.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}
