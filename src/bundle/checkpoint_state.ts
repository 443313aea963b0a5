/**
 * The `checkpoint` state file of a checkpoint directory: a CheckpointState in protobuf text
 * format, naming the latest checkpoint prefix and the ones kept, e.g.
 *
 *   model_checkpoint_path: "ckpt-3"
 *   all_model_checkpoint_paths: "ckpt-2"
 *   all_model_checkpoint_paths: "ckpt-3"
 *
 * Paths may be relative to the directory (TF2's CheckpointManager, Saver with
 * save_relative_paths) or absolute (TF1's Saver by default). Reading resolves relative paths
 * against the directory, as tf.train.get_checkpoint_state does; writing prints the paths as given,
 * exactly as TensorFlow's `text_format.MessageToString` would.
 */
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/filesystem.js';
import { resolveFileSystem } from '../io/default.js';
import { joinPath } from '../io/path.js';
import type { tensorflow } from '../proto/index.js';
import { TF_TEXT_STYLES, parseTextProto, printTextProto } from '../textformat/index.js';
import { indexFilename } from './naming.js';

/** The contents of a `checkpoint` state file. */
export interface CheckpointState {
  /** The latest checkpoint prefix. */
  modelCheckpointPath: string;
  /** Checkpoint prefixes kept, oldest first (the last one is the latest). */
  allModelCheckpointPaths: string[];
  /** Seconds since the epoch at which each of `allModelCheckpointPaths` was saved (TF2). */
  allModelCheckpointTimestamps?: number[];
  /** Time of the newest checkpoint deleted under keep_checkpoint_every_n_hours (TF2). */
  lastPreservedTimestamp?: number;
}

/** Options of the state-file functions. */
export interface CheckpointStateOptions {
  fs?: FileSystem;
  /** Name of the state file in the directory (TF's `latest_filename`); default 'checkpoint'. */
  latestFilename?: string;
}

const isAbsolute = (p: string) => p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || /^[a-z][a-z0-9+.-]*:\/\//i.test(p);

/** Parses the text of a state file (paths as written, not resolved). */
export function parseCheckpointState(text: string, what = 'checkpoint state'): CheckpointState {
  const m = parseTextProto<tensorflow.CheckpointState>('tensorflow.CheckpointState', text);
  if (!m.modelCheckpointPath) {
    throw new SavedModelError('DATA_LOSS', `invalid ${what}: model_checkpoint_path is empty`);
  }
  const state: CheckpointState = { modelCheckpointPath: m.modelCheckpointPath, allModelCheckpointPaths: [...(m.allModelCheckpointPaths ?? [])] };
  if (m.allModelCheckpointTimestamps?.length) state.allModelCheckpointTimestamps = [...m.allModelCheckpointTimestamps];
  if (m.lastPreservedTimestamp) state.lastPreservedTimestamp = m.lastPreservedTimestamp;
  return state;
}

/** The text TensorFlow writes for `state` (Python's text_format.MessageToString). */
export function formatCheckpointState(state: CheckpointState): string {
  const message: tensorflow.CheckpointState.$Properties = {
    modelCheckpointPath: state.modelCheckpointPath,
    allModelCheckpointPaths: state.allModelCheckpointPaths,
    allModelCheckpointTimestamps: state.allModelCheckpointTimestamps ?? [],
  };
  if (state.lastPreservedTimestamp !== undefined) message.lastPreservedTimestamp = state.lastPreservedTimestamp;
  return printTextProto('tensorflow.CheckpointState', message, TF_TEXT_STYLES.checkpointState);
}

/**
 * Reads the state file of checkpoint directory `dir`, with relative paths resolved against `dir`
 * (like tf.train.get_checkpoint_state). Returns null when there is no state file.
 */
export async function readCheckpointState(dir: string, options: CheckpointStateOptions = {}): Promise<CheckpointState | null> {
  const fs = await resolveFileSystem(options.fs, dir);
  const path = joinPath(dir, options.latestFilename ?? 'checkpoint');
  if (!(await fs.exists(path))) return null;
  const state = parseCheckpointState(new TextDecoder().decode(await fs.readFile(path)), path);
  const resolve = (p: string) => (isAbsolute(p) ? p : joinPath(dir, p));
  return { ...state, modelCheckpointPath: resolve(state.modelCheckpointPath), allModelCheckpointPaths: state.allModelCheckpointPaths.map(resolve) };
}

/** Writes the state file of `dir` atomically, paths exactly as given. */
export async function writeCheckpointState(dir: string, state: CheckpointState, options: CheckpointStateOptions = {}): Promise<void> {
  const fs = await resolveFileSystem(options.fs, dir);
  if (!state.modelCheckpointPath) throw new SavedModelError('INVALID_ARGUMENT', 'modelCheckpointPath must not be empty');
  await fs.mkdir(dir);
  await fs.writeFile(joinPath(dir, options.latestFilename ?? 'checkpoint'), formatCheckpointState(state));
}

/**
 * The prefix of the latest checkpoint in `dir` (like tf.train.latest_checkpoint): the state
 * file's model_checkpoint_path, resolved, provided its files exist (`P.index`, or `P` itself for
 * a V1 checkpoint); null otherwise.
 */
export async function latestCheckpoint(dir: string, options: CheckpointStateOptions = {}): Promise<string | null> {
  const fs = await resolveFileSystem(options.fs, dir);
  const state = await readCheckpointState(dir, { ...options, fs });
  if (!state) return null;
  const p = state.modelCheckpointPath;
  if ((await fs.exists(indexFilename(p))) || ((await fs.exists(p)) && !(await fs.isDirectory(p)))) return p;
  return null;
}
