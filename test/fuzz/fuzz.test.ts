/** The quick fuzz set run by `npm test`; `npm run fuzz` runs the same targets for ≥ 100 000 cases. */
import fc from 'fast-check';
import { S, TARGETS, loadAndCall } from './targets.js';

const RUNS = 300;

describe('fuzz (quick set)', () => {
  test('seeds are real TensorFlow-written files', () => {
    const { pbs, bundles, checkpointStates, models } = S();
    expect(pbs.length).toBeGreaterThanOrEqual(10);
    expect(bundles.length).toBeGreaterThanOrEqual(10);
    expect(checkpointStates.length).toBeGreaterThanOrEqual(1);
    expect(models.length).toBeGreaterThanOrEqual(5);
  });

  test('the loader target starts from models that load and run unmutated', async () => {
    const { models } = S();
    const results: string[] = [];
    for (const m of models) results.push(await loadAndCall(m.files, m.calls).then(() => 'ok', (e: Error) => `${m.dir}: ${e.message}`));
    const ok = results.filter((r) => r === 'ok').length;
    expect(ok).toBeGreaterThanOrEqual(Math.ceil(models.length * 0.75));
    expect(models.reduce((n, m) => n + m.calls.length, 0)).toBeGreaterThanOrEqual(10);
  });

  test.each(TARGETS.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    await fc.assert(target.property(), { numRuns: RUNS, seed: 20261129, verbose: 1 });
  });
});
