/**
 * The `checkpoint` state file of a checkpoint directory and the files of V2 checkpoints, with
 * TensorFlow's semantics (checkpoint_management.py): `latestCheckpoint`, `getCheckpointState`,
 * `updateCheckpointState`, `checkpointExists`, and deleting a checkpoint's files.
 */
import { SavedModelError, isSavedModelError } from '../errors.js';
import { basename, dirname, joinPath, resolveFileSystem, type FileSystem } from '../io/index.js';
import { isHttpUrl } from '../io/index.js';
import { tensorflow } from '../proto/index.js';
import { CHECKPOINT_STATE_FILENAME, formatCheckpointState, parseCheckpointState, TF_TEXT_STYLES } from '../textformat/index.js';

/** Options shared by the checkpoint state helpers. */
export interface CheckpointStateOptions {
  fs?: FileSystem;
  /** Name of the state file inside the directory (default `checkpoint`). */
  latestFilename?: string;
}

/** True for absolute paths (POSIX root or a URL). */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || isHttpUrl(p) || /^[a-z][a-z0-9+.-]*:\/\//i.test(p);
}

function normalizeParts(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out;
}

/**
 * `os.path.relpath(path, start)` for two paths that are both absolute or both relative (to the
 * same working directory); otherwise `path` unchanged.
 */
export function relativePath(path: string, start: string): string {
  if (isAbsolutePath(path) !== isAbsolutePath(start) || isHttpUrl(path)) return path;
  const a = normalizeParts(path);
  const b = normalizeParts(start);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rel = [...b.slice(i).map(() => '..'), ...a.slice(i)];
  return rel.length ? rel.join('/') : '.';
}

/** Path of the state file of `dir`. */
export function checkpointStatePath(dir: string, latestFilename = CHECKPOINT_STATE_FILENAME): string {
  return dir ? joinPath(dir, latestFilename) : latestFilename;
}

/**
 * `tf.train.get_checkpoint_state(dir)`: the parsed state file with relative paths joined to
 * `dir`, or null when there is none. A malformed file is INVALID_ARGUMENT (TensorFlow logs and
 * ignores it; here the caller decides).
 */
export async function getCheckpointState(dir: string, opts: CheckpointStateOptions = {}): Promise<tensorflow.CheckpointState | null> {
  const fs = await resolveFileSystem(opts.fs, dir);
  const path = checkpointStatePath(dir, opts.latestFilename);
  if (!(await fs.exists(path))) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await fs.readFile(path));
  let state: tensorflow.CheckpointState;
  try {
    state = parseCheckpointState(text);
  } catch (e) {
    if (isSavedModelError(e)) throw new SavedModelError(e.code, `${path}: ${e.message}`, { cause: e });
    throw e;
  }
  if (!state.modelCheckpointPath) throw new SavedModelError('INVALID_ARGUMENT', `Invalid checkpoint state loaded from ${dir}: ${path} has no model_checkpoint_path`);
  const resolve = (p: string) => (isAbsolutePath(p) || !dir ? p : joinPath(dir, p));
  state.modelCheckpointPath = resolve(state.modelCheckpointPath);
  state.allModelCheckpointPaths = (state.allModelCheckpointPaths ?? []).map(resolve);
  return state;
}

/** True when a V2 checkpoint (`<prefix>.index`) or a V1 one (the file `prefix`) exists. */
export async function checkpointExists(prefix: string, fs?: FileSystem): Promise<boolean> {
  const f = await resolveFileSystem(fs, prefix);
  return (await f.exists(`${prefix}.index`)) || ((await f.exists(prefix)) && !(await f.isDirectory(prefix)));
}

/**
 * `tf.train.latest_checkpoint(dir)`: the prefix of the newest checkpoint recorded in `dir`'s
 * state file, or null when there is no state file or its checkpoint files are gone.
 */
export async function latestCheckpoint(dir: string, opts: CheckpointStateOptions = {}): Promise<string | null> {
  const fs = await resolveFileSystem(opts.fs, dir);
  const state = await getCheckpointState(dir, { ...opts, fs });
  if (!state?.modelCheckpointPath) return null;
  return (await checkpointExists(state.modelCheckpointPath, fs)) ? state.modelCheckpointPath : null;
}

/** Options of updateCheckpointState. */
export interface UpdateCheckpointStateOptions extends CheckpointStateOptions {
  /** Record absolute paths relative to `saveDir` (Saver's `save_relative_paths`). */
  saveRelativePaths?: boolean;
  /** Seconds since the epoch, one per path of `allModelCheckpointPaths`. */
  allModelCheckpointTimestamps?: number[];
  lastPreservedTimestamp?: number;
}

/**
 * Writes `saveDir`'s state file (atomically) the way TensorFlow's
 * `update_checkpoint_state_internal` does: `modelCheckpointPath` last in the list, paths relative
 * to a relative `saveDir` rewritten relative to it. Returns the state written.
 */
export async function updateCheckpointState(
  saveDir: string,
  modelCheckpointPath: string,
  allModelCheckpointPaths: readonly string[] = [],
  opts: UpdateCheckpointStateOptions = {},
): Promise<tensorflow.CheckpointState> {
  const fs = await resolveFileSystem(opts.fs, saveDir);
  let model = modelCheckpointPath;
  let all = [...allModelCheckpointPaths];
  if (opts.saveRelativePaths) {
    const rel = (p: string) => (isAbsolutePath(p) ? relativePath(p, saveDir) : p);
    model = rel(model);
    all = all.map(rel);
  }
  if (all.length === 0 || all[all.length - 1] !== model) all.push(model);
  const timestamps = opts.allModelCheckpointTimestamps ?? [];
  if (timestamps.length && timestamps.length !== all.length) {
    throw new SavedModelError('INVALID_ARGUMENT', `Checkpoint timestamps, if provided, must match checkpoint paths (got ${all.length} paths and ${timestamps.length} timestamps)`);
  }
  if (!isAbsolutePath(saveDir)) {
    const rel = (p: string) => (isAbsolutePath(p) ? p : relativePath(p, saveDir));
    model = rel(model);
    all = all.map(rel);
  }
  const path = checkpointStatePath(saveDir, opts.latestFilename);
  if (path === model) {
    throw new SavedModelError('INVALID_ARGUMENT', `Save path '${modelCheckpointPath}' conflicts with path used for checkpoint state.  Please use a different save path.`);
  }
  const state = tensorflow.CheckpointState.create({
    modelCheckpointPath: model,
    allModelCheckpointPaths: all,
    allModelCheckpointTimestamps: timestamps,
    lastPreservedTimestamp: opts.lastPreservedTimestamp ?? 0,
  });
  if (saveDir) await fs.mkdir(saveDir);
  await fs.writeFile(path, formatCheckpointState(state, TF_TEXT_STYLES.checkpointState));
  return state;
}

const DATA_FILE = /^(.*)\.data-\d{5}-of-\d{5}$/;

/** The files of the V2 checkpoint at `prefix` that exist: `.index`, `.data-*`, and `<prefix><metaSuffix>` if asked. */
export async function checkpointFiles(prefix: string, fs: FileSystem, metaSuffix?: string): Promise<string[]> {
  const dir = dirname(prefix);
  const base = basename(prefix);
  const names = (await fs.exists(dir || '.')) ? await fs.list(dir || '.') : [];
  const out: string[] = [];
  for (const n of names) {
    const m = DATA_FILE.exec(n);
    if (n === `${base}.index` || (m && m[1] === base) || (metaSuffix && n === `${base}${metaSuffix}`)) out.push(dir ? joinPath(dir, n) : n);
  }
  return out;
}

/** Deletes the files of the checkpoint at `prefix` (what Saver does beyond `max_to_keep`). */
export async function deleteCheckpoint(prefix: string, fs: FileSystem, metaSuffix = '.meta'): Promise<void> {
  for (const f of await checkpointFiles(prefix, fs, metaSuffix)) await fs.remove(f);
}
