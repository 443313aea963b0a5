/**
 * Direction B, TypeScript side: runs every write case into OUT_DIR/<case>/ and records
 * OUT_DIR/cases.json — per case its save path, status ('written' with the checks for Python,
 * 'pending' with the exports still missing, or 'error' with the message) — for
 * interop/check/check_all.py and interop/run.ts.
 *
 *   tsx interop/write/main.ts OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { apiCases } from './cases-api.js';
import { bundleCases } from './cases-bundle.js';
import { reexportCases } from './cases-reexport.js';
import { saveModelCases } from './cases-savemodel.js';
import { v1Cases } from './cases-v1.js';
import { missing, type Check } from './case.js';

interface CaseRecord {
  name: string;
  path: string;
  status: 'written' | 'pending' | 'error';
  missing?: string[];
  error?: string;
  checks?: Check[];
}

async function ensureBackend(): Promise<void> {
  if (tf.engine().backendNames().length === 0) {
    await import('@tensorflow/tfjs-backend-wasm');
  }
  await tf.ready();
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? '');
  if (!process.argv[2]) throw new Error('usage: tsx interop/write/main.ts OUT_DIR');
  mkdirSync(out, { recursive: true });
  const records: CaseRecord[] = [];
  // The API cases compute with tfjs: make sure the project's backend (WASM) is ready for them.
  const computing = [...apiCases, ...saveModelCases, ...reexportCases, ...v1Cases];
  if (computing.some((c) => missing(c).length === 0)) await ensureBackend();
  for (const c of [...bundleCases, ...computing]) {
    const lacking = missing(c);
    if (lacking.length) {
      records.push({ name: c.name, path: c.path, status: 'pending', missing: lacking });
      continue;
    }
    const dir = join(out, c.name);
    mkdirSync(dir, { recursive: true });
    try {
      records.push({ name: c.name, path: c.path, status: 'written', checks: await c.write(dir) });
    } catch (e) {
      const err = e as Error;
      records.push({ name: c.name, path: c.path, status: 'error', error: `${err.name}: ${err.message}` });
    }
  }
  writeFileSync(join(out, 'cases.json'), JSON.stringify({ cases: records }, null, 1) + '\n');
  for (const r of records) {
    const what = r.status === 'pending' ? `needs ${r.missing?.join(', ')}` : r.status === 'error' ? r.error : `${r.checks?.length} checks`;
    console.log(`WRITE ${r.status.padEnd(7)} ${r.name}: ${r.path} (${what})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
