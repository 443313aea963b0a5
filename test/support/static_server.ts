/** A tiny static file server on 127.0.0.1 for tests: optional Range support, request log. */
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface StaticServer {
  url: string;
  /** Request lines seen, e.g. 'GET /m/saved_model.pb bytes=0-9'. */
  log: string[];
  close(): Promise<void>;
}

/** Serves files under `root`; with `ranges: false` it ignores Range headers (answers 200 with the whole file). */
export async function startStaticServer(root: string, opts: { ranges?: boolean } = {}): Promise<StaticServer> {
  const log: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const range = req.headers.range;
    log.push(`${req.method} ${path}${range ? ' ' + range.replace('bytes=', 'bytes=') : ''}`);
    const file = join(root, path);
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    const m = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
    if (m && opts.ranges !== false) {
      const start = Number(m[1]);
      const end = Math.min(Number(m[2]), size - 1);
      const body = req.method === 'HEAD' ? Buffer.alloc(0) : readFileSync(file).subarray(start, end + 1);
      res.writeHead(206, { 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` }).end(body);
      return;
    }
    res.writeHead(200, { 'content-length': size }).end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(() => r())) };
}
