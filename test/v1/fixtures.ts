/** The TensorFlow-written models of test/fixtures/tf-generated (committed with the repo) as the v1 tests use them: by version, copied, read. */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryFileSystem } from '../../src/io/index.js';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { TF_GENERATED } from '../support/fixtures.js';


/** TensorFlow versions that wrote fixtures. */
export const TF_VERSIONS = readdirSync(TF_GENERATED).filter((d) => /^\d+\.\d+\.\d+$/.test(d)).sort();

/** Path of fixture `name` written by TensorFlow `version`. */
export function fixture(version: string, name: string): string {
  return join(TF_GENERATED, version, name);
}

/** Versions that wrote fixture `name` (tf.estimator exists only up to 2.15). */
export function versionsWith(name: string): string[] {
  return TF_VERSIONS.filter((v) => existsSync(fixture(v, name)));
}

/** A copy of fixture directory `src` in a MemoryFileSystem under `dest`. */
export async function memoryCopy(src: string, dest = '/model'): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  const walk = async (from: string, to: string) => {
    await fs.mkdir(to);
    for (const e of readdirSync(from)) {
      const p = join(from, e);
      if (statSync(p).isDirectory()) await walk(p, `${to}/${e}`);
      else await fs.writeFile(`${to}/${e}`, new Uint8Array(readFileSync(p)));
    }
  };
  await walk(src, dest);
  return fs;
}

/** A temporary directory (removed by the returned cleanup), optionally holding a copy of `src`. */
export function tempDir(src?: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'savedmodel-v1-'));
  if (src) cpSync(src, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The meta graphs of the SavedModel in `dir`, loosely typed: the tests walk deep into decoded
 * messages whose every field the generated types mark optional, and assert the structure anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function metaGraphs(dir: string): Promise<any[]> {
  return (await readSavedModel(dir)).metaGraphs;
}
