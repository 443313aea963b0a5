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

/** Checkpoints TF 2.15.1 and 2.21.0 wrote for this repository (test/fixtures/tf-generated). */
export const GENERATED = resolve(process.cwd(), 'test/fixtures/tf-generated');

/** Every `*.index` below `root` whose name matches `pick`, as [path relative to root, bundle prefix]. */
function bundlesUnder(root: string, pick: (name: string) => boolean): [string, string][] {
  if (!existsSync(root)) return [];
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (pick(name)) out.push([relative(root, p).slice(0, -'.index'.length), p.slice(0, -'.index'.length)]);
    }
  };
  walk(root);
  return out;
}

/** Every `variables/variables.index` under the shared fixtures, as [name, bundle prefix]. */
export function fixtureBundles(): [string, string][] {
  return HAVE_FIXTURES ? bundlesUnder(FIXTURES, (n) => n === 'variables.index') : [];
}

/** Every checkpoint under test/fixtures/tf-generated (SavedModel variables and Saver checkpoints). */
export function generatedBundles(): [string, string][] {
  return bundlesUnder(GENERATED, (n) => n.endsWith('.index'));
}
