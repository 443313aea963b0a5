// Builds the browser bundle: dist/browser/savedmodel.js (ESM, with its dependencies) plus the
// WASM binaries of @tensorflow/tfjs-backend-wasm beside it. Node-only code (src/io/node.ts, loaded
// lazily by resolveFileSystem) is split into its own chunk that a browser never requests.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'browser');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { savedmodel: join(root, 'src', 'index.ts') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: out,
  external: ['node:*', '@node-rs/crc32'],
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  legalComments: 'linked',
  // The WASM binaries sit beside the bundle: tell the runtime where that is (src/runtime/backend.ts).
  banner: { js: "globalThis.__SAVEDMODEL_WASM_BASE__ ??= new URL('./', import.meta.url).href;" },
});

const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '..', 'wasm-out');
for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(wasmDir, f), join(out, f));
console.log(`browser bundle: ${out}`);
