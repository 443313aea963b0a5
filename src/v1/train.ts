/**
 * `v1.train`: Saver, `importMetaGraph` (tf.compat.v1.train.import_meta_graph) and the checkpoint
 * state helpers (`latestCheckpoint`, `getCheckpointState`, `updateCheckpointState`).
 */
import type { FileSystem } from '../io/index.js';
import type { tensorflow } from '../proto/index.js';
import { defaultGraph } from '../trace/context.js';
import { Graph } from './graph.js';
import { readMetaGraphFile } from './meta_graph_file.js';
import { importMetaGraphDef } from './meta_graph_import.js';
import { Saver } from './saver.js';

export { Saver } from './saver.js';
export type { SaverOptions, SaveOptions } from './saver.js';
export { latestCheckpoint, getCheckpointState, updateCheckpointState, checkpointExists } from './checkpoint_management.js';

/** Options of `importMetaGraph`. */
export interface ImportMetaGraphOptions {
  /** Graph to import into (default: the current default graph, else a new one). */
  graph?: Graph;
  /** Prefix for every imported name. */
  importScope?: string;
  /** Drop the nodes' devices. */
  clearDevices?: boolean;
  fs?: FileSystem;
}

/**
 * `tf.compat.v1.train.import_meta_graph(file)`: imports a meta graph file (binary or text) or a
 * MetaGraphDef into a graph and returns a Saver wired to its save/restore ops — or a new Saver
 * when it has variables but no SaverDef, or null when it has neither.
 */
export async function importMetaGraph(file: string | tensorflow.MetaGraphDef, opts: ImportMetaGraphOptions = {}): Promise<Saver | null> {
  // The default graph is read before any await: a wrapFunction body's graph is default only synchronously.
  const current = defaultGraph();
  const mg = typeof file === 'string' ? await readMetaGraphFile(file, { fs: opts.fs }) : file;
  const graph = opts.graph ?? (current instanceof Graph ? current : new Graph());
  const { saverDef } = importMetaGraphDef(graph, mg, { importScope: opts.importScope, clearDevices: opts.clearDevices });
  if (saverDef) return new Saver({ graph, saverDef, fs: opts.fs });
  return graph.globalVariables().length ? new Saver({ graph, fs: opts.fs }) : null;
}
