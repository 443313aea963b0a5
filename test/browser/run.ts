// `npm run test:browser`: serves the repository (and ../shared/fixtures when present) on
// 127.0.0.1, opens examples/browser/ in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and checks the numbers the page computes against TensorFlow's.
// Prints `browser: N passed, M failed` and exits non-zero on any failure.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const ROOT = process.cwd();
const SHARED = resolve(ROOT, '..', 'shared', 'fixtures', 'tf');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json' };

/** Static files with Range support; /shared/… maps to ../shared/fixtures/tf. */
function serve(): Promise<{ url: string; close: () => void; ranges: () => number }> {
  let ranges = 0;
  const server = createServer((req, res) => {
    const urlPath = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const file = urlPath.startsWith('/shared/') ? join(SHARED, urlPath.slice('/shared/'.length)) : join(ROOT, urlPath);
    if (!file.startsWith(ROOT) && !file.startsWith(SHARED)) return void res.writeHead(403).end();
    if (!existsSync(file) || !/\.[a-z]+$|[^/]$/.test(file)) return void res.writeHead(404).end();
    let body: Buffer;
    try { body = readFileSync(file); } catch { return void res.writeHead(404).end(); }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (m) {
      ranges++;
      const start = Number(m[1]);
      const end = Math.min(Number(m[2]), body.length - 1);
      res.writeHead(206, { 'content-type': type, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${body.length}` });
      return void res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
    }
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    r({ url: `http://127.0.0.1:${port}`, close: () => server.close(), ranges: () => ranges });
  }));
}

interface PageResult { status: string; result: Record<string, unknown> }

async function runPage(page: Page, url: string): Promise<PageResult> {
  await page.goto(url);
  await page.waitForFunction(() => ['done', 'error'].includes(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60_000 });
  return {
    status: (await page.textContent('#status')) ?? '',
    result: JSON.parse((await page.textContent('#result')) ?? '{}') as Record<string, unknown>,
  };
}

function close(actual: readonly number[], expected: readonly number[], rtol: number): boolean {
  return actual.length === expected.length && actual.every((a, i) => Math.abs(a - expected[i]) <= rtol * Math.abs(expected[i]) + 1e-6);
}

type Outputs = Record<string, { shape: number[]; values: number[] }>;
const results: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail: string): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${detail}`}`);
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const open = (q: Record<string, string>) => runPage(page, `${server.url}/examples/browser/index.html?${new URLSearchParams(q)}`);

  // A TF 2.14 tf.Module model from ../shared (y = 0.5·x + 2).
  if (existsSync(SHARED)) {
    const r = await open({ model: '/shared/half_plus_two_v2/', signature: 'serving_default', inputs: JSON.stringify({ x: [1] }), autorun: '1' });
    const y = (r.result.outputs as Outputs | undefined)?.y;
    check('half_plus_two_v2 (TF 2.14) serving_default over HTTP', r.status === 'done' && !!y && close(y.values, [2.5], 1e-6), JSON.stringify(r));
  } else {
    console.log(`skip half_plus_two_v2: ${SHARED} is absent`);
  }

  // Keras models written by TF (committed interop fixtures), checked against TF's golden outputs.
  for (const model of ['keras_mlp', 'keras_cnn']) {
    const dir = `test/fixtures/tf-generated/2.21.0/${model}`;
    const golden = JSON.parse(readFileSync(join(ROOT, dir, 'golden.json'), 'utf8')) as { rtol?: number; calls: { signature: string; inputs: Record<string, { values: number[]; shape: number[] }>; outputs: Outputs }[] };
    const call = golden.calls[0];
    const nest = (v: { values: number[]; shape: number[] }): unknown => {
      const build = (at: number, dims: number[]): unknown => {
        if (dims.length === 0) return v.values[at];
        const stride = dims.slice(1).reduce((a, b) => a * b, 1);
        return Array.from({ length: dims[0] }, (_, i) => build(at + i * stride, dims.slice(1)));
      };
      return build(0, v.shape);
    };
    const inputs = Object.fromEntries(Object.entries(call.inputs).map(([k, v]) => [k, nest(v)]));
    const r = await open({ model: `/${dir}/`, signature: call.signature, inputs: JSON.stringify(inputs), autorun: '1' });
    const outs = (r.result.outputs ?? {}) as Outputs;
    const ok = r.status === 'done' && Object.entries(call.outputs).every(([k, v]) => outs[k] && close(outs[k].values, v.values, golden.rtol ?? 1e-5) && JSON.stringify(outs[k].shape) === JSON.stringify(v.shape));
    check(`${model} (TF 2.21 Keras) ${call.signature} matches TensorFlow`, ok, JSON.stringify(r).slice(0, 600));
  }
  check('variables were range-read', server.ranges() > 0, `${server.ranges()} range requests`);

  // A model saved in the page (MemoryFileSystem), reloaded from memory, offered as a tar.
  const saved = await open({ save: '1' });
  const y = (saved.result.outputs as Outputs | undefined)?.output_0;
  check('a model saved in the page reloads and computes x·w + b', saved.status === 'done' && !!y && close(y.values, [6, 5], 1e-6), JSON.stringify(saved));
  check('no uncaught page errors', errors.length === 0, errors.join('; '));
} finally {
  await browser.close();
  server.close();
}
const failed = results.filter((r) => !r.ok).length;
console.log(`browser: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
