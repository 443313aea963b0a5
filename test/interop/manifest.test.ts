/**
 * Direction A, completeness: each TensorFlow version's manifest lists every generator script of
 * interop/gen/models/ as generated ("ok", with a golden.json made by that TensorFlow) or as
 * unavailable in that version with the reason (Estimator after 2.15); none failed. The committed
 * fixtures hold the pinned old oracle (2.15.1) and a newer TensorFlow.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_ROOT, versions, type Golden } from './golden.js';

const GENERATORS = join(__dirname, '..', '..', 'interop', 'gen', 'models');
const scripts = readdirSync(GENERATORS)
  .filter((f) => f.endsWith('.py'))
  .map((f) => f.slice(0, -3))
  .sort();
const found = versions();

test(`TensorFlow versions are present under ${GENERATED_ROOT}`, () => {
  expect(found.length).toBeGreaterThanOrEqual(process.env.SAVEDMODEL_INTEROP_DIR ? 1 : 2);
  if (!process.env.SAVEDMODEL_INTEROP_DIR) {
    const names = found.map((v) => v.version);
    expect(names).toContain('2.15.1');
    expect(names.some((n) => Number(n.split('.')[1]) >= 16)).toBe(true);
  }
});

describe.each(found.map((v) => [v.version, v] as const))('TensorFlow %s', (version, v) => {
  test('the manifest is for this version', () => {
    expect(v.manifest.tensorflow).toBe(version);
  });
  test('every generator script has an outcome, and none failed', () => {
    expect(Object.keys(v.manifest.models).sort()).toEqual(scripts);
    const failed = Object.entries(v.manifest.models).filter(([, e]) => e.status === 'failed');
    expect(failed).toEqual([]);
  });
  test.each(Object.entries(v.manifest.models))('%s', (name, entry) => {
    const dir = join(v.dir, name);
    if (entry.status === 'unavailable') {
      expect(entry.reason ?? '').toMatch(/\S/);
      expect(existsSync(dir)).toBe(false);
      return;
    }
    const golden = JSON.parse(readFileSync(join(dir, 'golden.json'), 'utf8')) as Golden;
    expect(golden.model).toBe(name);
    expect(golden.tensorflow).toBe(version);
    expect(golden.rtol).toBeLessThanOrEqual(1e-4);
  });
});
