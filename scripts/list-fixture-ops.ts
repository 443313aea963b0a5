// Lists the TF ops each fixture SavedModel uses (graph and function library), and which of them
// the runtime lacks. Run: npx tsx scripts/list-fixture-ops.ts [fixtures dir]
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSavedModel } from '../src/savedmodel/reader.js';
import { supportedOps } from '../src/runtime/registry.js';

const root = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'fixtures', 'tf');
const dirs: string[] = [];
const walk = (d: string): void => {
  if (existsSync(join(d, 'saved_model.pb'))) dirs.push(d);
  for (const e of readdirSync(d)) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
};
walk(root);
const supported = new Set(supportedOps());
const all = new Map<string, Set<string>>();
for (const d of dirs.sort()) {
  const sm = await readSavedModel(d);
  const ops = new Set<string>();
  for (const mg of sm.metaGraphs) {
    for (const n of mg.graphDef?.node ?? []) ops.add(n.op ?? "");
    for (const f of mg.graphDef?.library?.function ?? []) for (const n of f.nodeDef ?? []) ops.add(n.op ?? "");
  }
  const name = d.slice(root.length + 1);
  for (const op of ops) {
    if (!all.has(op)) all.set(op, new Set());
    all.get(op)!.add(name);
  }
  console.log(`${name}: ${[...ops].sort().join(' ')}`);
}
console.log('\nmissing kernels:');
for (const [op, where] of [...all].sort()) if (!supported.has(op)) console.log(`  ${op}  (${[...where].join(', ')})`);
