/**
 * Where the tests find TensorFlow-written models: the shared fixtures in ../shared/fixtures/tf
 * (outside the repository, maybe absent: tests needing them skip and say why) and the models and
 * checkpoints committed in test/fixtures/tf-generated/<tf version>/.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root (this file's grandparent under Jest; the working directory of scripts run as ES modules). */
const REPO_ROOT = typeof __dirname === 'string' ? join(__dirname, '..', '..') : process.cwd();

/** Absolute path of ../shared/fixtures/tf relative to the repository root. */
export const FIXTURES_TF = join(REPO_ROOT, '..', 'shared', 'fixtures', 'tf');

/** True when the shared fixtures folder exists. */
export const HAVE_FIXTURES = existsSync(FIXTURES_TF);

/** Models and checkpoints TF 2.15.1 and 2.21.0 wrote for this repository (committed). */
export const TF_GENERATED = join(REPO_ROOT, 'test', 'fixtures', 'tf-generated');

const skipNote = (name: string) => `${name} (skipped: ${FIXTURES_TF} is absent)`;

/** `describe` when the shared fixtures exist, else a skipped describe that says why. */
export function describeWithFixtures(name: string, body: () => void): void {
  if (HAVE_FIXTURES) describe(name, body);
  else describe.skip(skipNote(name), body);
}

/** `test` when the shared fixtures exist, else a skipped test that says why. */
export function fixtureTest(name: string, fn: () => unknown, timeout?: number): void {
  if (HAVE_FIXTURES) test(name, fn as jest.ProvidesCallback, timeout);
  else test.skip(skipNote(name), fn as jest.ProvidesCallback, timeout);
}

/** Every file below `root` (sorted, depth first) whose name satisfies `pick`, as paths under `root`. */
export function filesUnder(root: string, pick: (name: string) => boolean): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (pick(name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Paths (relative to FIXTURES_TF) of every file named `fileName` under the shared fixtures. */
export function fixtureFiles(fileName: string): string[] {
  return filesUnder(FIXTURES_TF, (n) => n === fileName).map((p) => relative(FIXTURES_TF, p));
}

/** Every `*.index` below `root` whose name satisfies `pick`, as [path relative to root without `.index`, bundle prefix]. */
function bundlesUnder(root: string, pick: (name: string) => boolean): [string, string][] {
  return filesUnder(root, pick).map((p) => [relative(root, p).slice(0, -'.index'.length), p.slice(0, -'.index'.length)]);
}

/** Every `variables/variables.index` under the shared fixtures, as [name, bundle prefix]. */
export function fixtureBundles(): [string, string][] {
  return bundlesUnder(FIXTURES_TF, (n) => n === 'variables.index');
}

/** Every checkpoint under test/fixtures/tf-generated (SavedModel variables and Saver checkpoints). */
export function generatedBundles(): [string, string][] {
  return bundlesUnder(TF_GENERATED, (n) => n.endsWith('.index'));
}
