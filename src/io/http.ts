/**
 * A read-only FileSystem over HTTP(S) with `fetch`: whole files by GET, byte ranges by `Range`
 * requests (falling back to one whole-file GET, kept for later ranges, when a server ignores
 * Range). Works in browsers and in Node 20. Paths are absolute URLs.
 */
import { SavedModelError } from '../errors.js';
import type { FileSystem, FileWriter } from './filesystem.js';

/** Options of an HttpFileSystem. */
export interface HttpFileSystemOptions {
  /** The fetch to use (default: globalThis.fetch). */
  fetch?: typeof fetch;
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  /** Largest whole file kept when a server ignores Range (default 512 MiB). */
  maxFallbackBytes?: number;
}

/** True for http: and https: URLs. */
export function isHttpUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

function readOnly(what: string, path: string): never {
  throw new SavedModelError('UNIMPLEMENTED', `${what} ${path}: the HTTP file system is read-only`);
}

/** Reads model files from a web server. */
export class HttpFileSystem implements FileSystem {
  readonly directoriesVisible = false;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly maxFallbackBytes: number;
  /** Whole files fetched because the server answered a Range request with the whole body. */
  private readonly wholeFiles = new Map<string, Promise<Uint8Array>>();
  private readonly sizes = new Map<string, number>();
  /** How many requests of each kind were made (for tests and diagnostics). */
  readonly requests = { get: 0, range: 0, head: 0 };

  constructor(opts: HttpFileSystemOptions = {}) {
    const f = opts.fetch ?? globalThis.fetch;
    if (!f) throw new SavedModelError('FAILED_PRECONDITION', 'no fetch() in this environment: pass { fetch } to HttpFileSystem');
    this.fetchFn = f.bind(globalThis);
    this.headers = opts.headers ?? {};
    this.maxFallbackBytes = opts.maxFallbackBytes ?? 512 * 1024 * 1024;
  }

  private async request(url: string, init: RequestInit, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchFn(url, { ...init, headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined) } });
    } catch (e) {
      throw new SavedModelError('NOT_FOUND', `${what} ${url}: request failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
    if (res.status === 404 || res.status === 410) throw new SavedModelError('NOT_FOUND', `${what} ${url}: HTTP ${res.status}`);
    if (res.status === 401 || res.status === 403) throw new SavedModelError('PERMISSION_DENIED', `${what} ${url}: HTTP ${res.status}`);
    if (!res.ok) throw new SavedModelError('INTERNAL', `${what} ${url}: HTTP ${res.status} ${res.statusText}`);
    return res;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const cached = this.wholeFiles.get(path);
    if (cached) return cached;
    this.requests.get++;
    const res = await this.request(path, { method: 'GET' }, 'cannot read');
    return new Uint8Array(await res.arrayBuffer());
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    const whole = this.wholeFiles.get(path);
    if (whole) return sliceChecked(await whole, path, offset, length);
    this.requests.range++;
    const res = await this.request(path, { method: 'GET', headers: { Range: `bytes=${offset}-${offset + length - 1}` } }, 'cannot read');
    if (res.status === 206) {
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.byteLength !== length) {
        throw new SavedModelError('DATA_LOSS', `unexpected end of file ${path}: wanted ${length} bytes at offset ${offset}, the server sent ${body.byteLength}`);
      }
      return body;
    }
    // The server ignored Range: keep the whole body (bounded) and serve this and later ranges from it.
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > this.maxFallbackBytes) {
      await res.body?.cancel();
      throw new SavedModelError('RESOURCE_EXHAUSTED', `${path}: the server ignores Range requests and the file has ${declared} bytes, more than the ${this.maxFallbackBytes} bytes kept in memory`);
    }
    const body = res.arrayBuffer().then((b) => new Uint8Array(b));
    this.wholeFiles.set(path, body);
    return sliceChecked(await body, path, offset, length);
  }

  async size(path: string): Promise<number> {
    const known = this.sizes.get(path);
    if (known !== undefined) return known;
    const whole = this.wholeFiles.get(path);
    if (whole) return (await whole).byteLength;
    this.requests.head++;
    const res = await this.request(path, { method: 'HEAD' }, 'cannot stat');
    const n = Number(res.headers.get('content-length') ?? NaN);
    if (!Number.isSafeInteger(n) || n < 0) {
      // No length on HEAD (compressed or chunked responses): fetch the file once and keep it.
      const body = this.readFile(path);
      this.wholeFiles.set(path, body);
      return (await body).byteLength;
    }
    this.sizes.set(path, n);
    return n;
  }

  async exists(path: string): Promise<boolean> {
    try {
      await this.size(path);
      return true;
    } catch (e) {
      if (e instanceof SavedModelError && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  }

  /** Servers do not tell folders from files: every URL may be one (see `directoriesVisible`). */
  async isDirectory(): Promise<boolean> {
    return true;
  }

  async list(dir: string): Promise<string[]> {
    throw new SavedModelError('UNIMPLEMENTED', `cannot list ${dir}: HTTP servers do not list directories; give the model's own URL (not a TF Serving base path)`);
  }

  async writeFile(path: string, _data?: Uint8Array | string): Promise<void> { readOnly('cannot write', path); }
  async openWriter(path: string): Promise<FileWriter> { return readOnly('cannot write', path); }
  async mkdir(path: string): Promise<void> { readOnly('cannot create directory', path); }
  async remove(path: string): Promise<void> { readOnly('cannot remove', path); }
  async rename(from: string, _to?: string): Promise<void> { readOnly('cannot rename', from); }
}

function sliceChecked(whole: Uint8Array, path: string, offset: number, length: number): Uint8Array {
  if (offset < 0 || offset + length > whole.byteLength) {
    throw new SavedModelError('DATA_LOSS', `unexpected end of file ${path}: wanted ${length} bytes at offset ${offset}, file has ${whole.byteLength}`);
  }
  return whole.subarray(offset, offset + length);
}
