/** Locates the TensorFlow-written fixtures (../shared/fixtures/tf) and their variables/ bundles. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const FIXTURES = resolve(process.cwd(), '../shared/fixtures/tf');
export const HAVE_FIXTURES = existsSync(FIXTURES);

if (!HAVE_FIXTURES) {
  // eslint-disable-next-line no-console
  console.warn(`bundle tests: ${FIXTURES} is absent; tests on TensorFlow-written checkpoints are skipped`);
}

/** `test` when the fixtures exist, else `test.skip`. */
export const fixtureTest = HAVE_FIXTURES ? test : test.skip;

/** Every `variables/variables.index` under the fixtures, as [name relative to FIXTURES, bundle prefix]. */
export function fixtureBundles(): [string, string][] {
  if (!HAVE_FIXTURES) return [];
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'variables.index') out.push([relative(FIXTURES, dir), join(dir, 'variables')]);
    }
  };
  walk(FIXTURES);
  return out;
}
