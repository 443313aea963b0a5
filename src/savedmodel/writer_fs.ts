/**
 * Atomic directory writes: a SavedModel is written into a temporary sibling directory (each file
 * itself written atomically and synced by the FileSystem), which is then renamed into place; an
 * existing directory is moved aside first (`<dir>.old-<tag>`) and removed only after the new one
 * is in place, so a reader sees either the old model or the new one, never a mix, and a failure
 * leaves no traces.
 *
 * A process killed between the two renames leaves no `<dir>` but a complete `<dir>.old-<tag>`:
 * `interruptedSaveBackup` finds it (the loader then reads the old model from there) and the next
 * save puts it back (`recoverInterruptedSave`) before anything else, also removing temporary
 * directories of saves that were killed while writing.
 */
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/filesystem.js';
import { basename, dirname, joinPath } from '../io/path.js';

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
  await recoverInterruptedSave(fs, clean);
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

/** Siblings of `dir` left by interrupted saves: backups of the old model, and unfinished new ones. */
async function leftovers(fs: FileSystem, dir: string): Promise<{ backups: string[]; temps: string[] }> {
  const parent = dirname(dir) || '.';
  const name = basename(dir);
  if (fs.directoriesVisible === false || !(await fs.isDirectory(parent))) return { backups: [], temps: [] };
  const names = await fs.list(parent);
  const pick = (kind: string) => names.filter((n) => n.startsWith(`${name}.${kind}-`)).sort().map((n) => joinPath(parent, n));
  return { backups: pick('old'), temps: pick('tmp') };
}

/**
 * When `dir` is missing because a save was killed between moving the old model aside and moving
 * the new one in, the path of the old model's backup (the newest, if several); else undefined.
 */
export async function interruptedSaveBackup(fs: FileSystem, dir: string): Promise<string | undefined> {
  const clean = dir.replace(/\/+$/, '') || dir;
  if (await fs.exists(clean)) return undefined;
  const { backups } = await leftovers(fs, clean);
  return backups.at(-1);
}

/**
 * Repairs what an interrupted save left: puts the old model back when `dir` is missing, then
 * removes other backups and unfinished temporary directories of `dir`.
 */
export async function recoverInterruptedSave(fs: FileSystem, dir: string): Promise<void> {
  const backup = await interruptedSaveBackup(fs, dir);
  if (backup !== undefined) await fs.rename(backup, dir);
  const { backups, temps } = await leftovers(fs, dir);
  for (const p of [...backups, ...temps]) await fs.remove(p);
}
