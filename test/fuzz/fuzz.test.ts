/** The quick fuzz set run by `npm test`; `npm run fuzz` runs the same targets for ≥ 100 000 cases. */
import fc from 'fast-check';
import { S, TARGETS } from './targets.js';

const RUNS = 300;

describe('fuzz (quick set)', () => {
  test('seeds are real TensorFlow-written files', () => {
    const { pbs, bundles, checkpointStates } = S();
    expect(pbs.length).toBeGreaterThanOrEqual(10);
    expect(bundles.length).toBeGreaterThanOrEqual(10);
    expect(checkpointStates.length).toBeGreaterThanOrEqual(1);
  });

  test.each(TARGETS.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    await fc.assert(target.property(), { numRuns: RUNS, seed: 20261129 });
  });
});
