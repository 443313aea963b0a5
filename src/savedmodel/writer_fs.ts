/**
 * Atomic directory writes: a SavedModel is written into a temporary sibling directory (each file
 * itself written atomically and synced by the FileSystem), which is then renamed into place; an
 * existing directory is moved aside first and removed only after the new one is in place, so a
 * reader sees either the old model or the new one, never a mix, and a failure leaves no traces.
 */
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/filesystem.js';
import { dirname } from '../io/path.js';

function tag(): string {
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}

/** Runs `fill(tmpDir)`, then moves `tmpDir` to `dir` (replacing what was there). */
export async function writeDirectoryAtomically(fs: FileSystem, dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const clean = dir.replace(/\/+$/, '') || dir;
  if ((await fs.exists(clean)) && !(await fs.isDirectory(clean))) {
    throw new SavedModelError('FAILED_PRECONDITION', `cannot save to ${dir}: a file is in the way`);
  }
  await fs.mkdir(dirname(clean));
  const tmp = `${clean}.tmp-${tag()}`;
  try {
    await fs.mkdir(tmp);
    await fill(tmp);
  } catch (e) {
    await fs.remove(tmp).catch(() => undefined);
    throw e;
  }
  if (await fs.exists(clean)) {
    const old = `${clean}.old-${tag()}`;
    await fs.rename(clean, old);
    try {
      await fs.rename(tmp, clean);
    } catch (e) {
      await fs.rename(old, clean).catch(() => undefined);
      await fs.remove(tmp).catch(() => undefined);
      throw e;
    }
    await fs.remove(old);
  } else {
    await fs.rename(tmp, clean);
  }
}
