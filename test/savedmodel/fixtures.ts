/** Locating the TensorFlow-written fixtures in ../shared/fixtures/tf (tests skip when absent). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Absolute path of ../shared/fixtures/tf relative to the repository root. */
export const FIXTURES_TF = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'tf');

/** True when the fixtures folder exists. */
export const HAVE_FIXTURES = existsSync(FIXTURES_TF);

/** `describe` when the fixtures exist, else a skipped describe that says why. */
export function describeWithFixtures(name: string, body: () => void): void {
  if (HAVE_FIXTURES) {
    describe(name, body);
  } else {
    describe.skip(`${name} (skipped: ${FIXTURES_TF} is absent)`, body);
  }
}

/** Paths (relative to FIXTURES_TF) of every file named `fileName` under the fixtures. */
export function fixtureFiles(fileName: string): string[] {
  if (!HAVE_FIXTURES) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e === fileName) out.push(relative(FIXTURES_TF, p));
    }
  };
  walk(FIXTURES_TF);
  return out;
}
