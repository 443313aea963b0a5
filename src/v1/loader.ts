/**
 * `v1.savedModel.load(sess, tags, exportDir)` (tf.compat.v1.saved_model.load): imports the meta
 * graph tagged `tags` into the session's graph and restores its variables and runs its init op
 * into the session's state, through the loader's TF1 restore path — then `sess.run` by the
 * signature's tensor names works as in TensorFlow.
 */
import { resolveFileSystem, type FileSystem } from '../io/index.js';
import type { tensorflow } from '../proto/index.js';
import { ensureBackend } from '../runtime/backend.js';
import { loadMetaGraphIntoExecutor } from '../savedmodel/graph_restore.js';
import { resolveModelDir, selectMetaGraph } from '../savedmodel/model_dir.js';
import { readSavedModel } from '../savedmodel/reader.js';
import { importMetaGraphDef } from './meta_graph_import.js';
import type { Session } from './session.js';

/** Options of `load`. */
export interface LoadOptions {
  fs?: FileSystem;
}

/** Loads the meta graph tagged `tags` of the SavedModel in `exportDir` into `sess`; returns that MetaGraphDef. */
export async function load(sess: Session, tags: readonly string[], exportDir: string, opts: LoadOptions = {}): Promise<tensorflow.MetaGraphDef> {
  await ensureBackend();
  const fs = await resolveFileSystem(opts.fs ?? sess.fs, exportDir);
  const dir = await resolveModelDir(fs, exportDir);
  const mg = selectMetaGraph(await readSavedModel(dir, { fs }), tags);
  importMetaGraphDef(sess.graph, mg);
  const executor = await loadMetaGraphIntoExecutor(dir, mg, { fs, resources: sess.resources });
  executor.dispose();
  return mg;
}
