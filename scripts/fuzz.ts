// Long fuzz runs: `npm run fuzz [-- --runs N] [-- --target substring]`. Runs every target of
// test/fuzz/targets.ts for N cases each (default 25 000, so ≥ 100 000 in all), with a random seed
// that is printed so a failure can be replayed (`--seed S`). Exits non-zero on any failure.
import fc from 'fast-check';
import { TARGETS } from '../test/fuzz/targets.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(opt('runs') ?? 25000);
const seed = Number(opt('seed') ?? Date.now() % 2 ** 31);
const only = opt('target');

let total = 0;
let failed = 0;
console.log(`fuzz: ${runs} cases per target, seed ${seed}`);
const selected = TARGETS.filter((x) => !only || x.name.includes(only));
for (const t of selected) {
  const started = performance.now();
  let slowest = 0;
  let caseStart = 0;
  const prop = (t.property() as fc.IAsyncPropertyWithHooks<unknown[]>)
    .beforeEach(async (previous) => { await previous(); caseStart = performance.now(); })
    .afterEach(async (previous) => { slowest = Math.max(slowest, performance.now() - caseStart); await previous(); });
  const result = await fc.check(prop, { numRuns: runs, seed });
  const secs = (performance.now() - started) / 1000;
  total += result.numRuns;
  const status = result.failed ? 'FAILED' : 'ok';
  if (result.failed) failed++;
  console.log(`${t.name.padEnd(36)} ${String(result.numRuns).padStart(7)} cases  ${secs.toFixed(1).padStart(6)} s  slowest case ${slowest.toFixed(1)} ms  ${status}`);
  if (result.failed) console.log(fc.defaultReportMessage(result));
}
console.log(`${total} cases in all`);
console.log(`fuzz: ${selected.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
