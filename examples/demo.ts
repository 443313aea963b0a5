/**
 * `npm run demo`: the guide "Migrate the SavedModel workflow" end to end in TypeScript. Each
 * step is its own example file, run in order in a fresh process into one folder (a temporary
 * one, or the folder given): save add_two with SavedModelBuilder, with simple_save, with an
 * Estimator-style export and as a TF2 module; load all four with the TF1 loader and with
 * loadModel (5.0 → 7.0); the meta graph + Saver + import story and the wrap_function story (15.0).
 *
 *   npm run demo [-- DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'savedmodel-demo-')));
const tsx = join(here, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

const steps: Array<[string, string]> = [
  ['TF1: SavedModelBuilder', 'v1_builder.ts'],
  ['TF1: simple_save', 'v1_simple_save.ts'],
  ['TF1: Estimator export', 'v1_estimator.ts'],
  ['TF2: tf.Module + saveModel', 'tf2_save.ts'],
  ['Loading each SavedModel (TF1 loader, then loadModel)', 'v1_load.ts'],
  ['GraphDef and MetaGraphDef: Saver + import_meta_graph', 'v1_meta_graph.ts'],
  ['TF2 bridge: wrap_function + prune', 'v1_wrap_function.ts'],
];

mkdirSync(dir, { recursive: true });
console.log(`Writing into ${dir}`);
let failed = 0;
for (const [title, file] of steps) {
  console.log(`\n== ${title} (examples/${file})`);
  const args = file === 'tf2_save.ts' ? [join(dir, 'tf2-save')] : [dir];
  const r = spawnSync(process.execPath, [tsx, join(here, file), ...args], { stdio: 'inherit', cwd: dir });
  if (r.status !== 0) {
    failed++;
    console.log(`(step failed: ${r.error ? r.error.message : `exit status ${r.status}`})`);
  }
}
process.exit(failed ? 1 : 0);
