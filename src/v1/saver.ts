/**
 * `v1.train.Saver` (tf.compat.v1.train.Saver): saves and restores a graph's variables as V2
 * checkpoints by running the save/restore subgraph it adds to the graph (so TensorFlow's own
 * `import_meta_graph` + `restore` work on what it writes), keeps the `checkpoint` state file
 * and `max_to_keep`, and exports the graph as a meta graph file.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { basename, dirname, resolveFileSystem, type FileSystem } from '../io/index.js';
import type { tensorflow } from '../proto/index.js';
import { hostStrings } from '../runtime/kernels/host.js';
import { CHECKPOINT_STATE_FILENAME } from '../textformat/index.js';
import { checkpointExists, deleteCheckpoint, updateCheckpointState } from './checkpoint_management.js';
import { exportMetaGraphDef, type ExportMetaGraphOptions } from './meta_graph.js';
import { writeMetaGraphFile } from './meta_graph_file.js';
import { buildSaverGraph, saveablesOf } from './saver_graph.js';
import type { Graph } from './graph.js';
import { sessionForGraph, type Session } from './session.js';
import type { GraphVariable } from './variables.js';

/** Options of `new Saver`. */
export interface SaverOptions {
  /** The graph (default: the variables' graph). */
  graph?: Graph;
  /** Variables to save: an array (keyed by op name) or a record of checkpoint keys (default: the graph's global variables). */
  varList?: readonly GraphVariable[] | Readonly<Record<string, GraphVariable>>;
  /** Checkpoints kept on disk (default 5; 0 keeps all, recording only the latest). */
  maxToKeep?: number;
  /** Recorded in the SaverDef (default 10000). */
  keepCheckpointEveryNHours?: number;
  /** Sharded V2 write (temporary part files merged into the prefix), as SavedModelBuilder does. */
  sharded?: boolean;
  /** Record paths relative to the checkpoint folder in the state file. */
  saveRelativePaths?: boolean;
  /** Allow a Saver without variables (it then saves nothing). */
  allowEmpty?: boolean;
  /** Name scope of the saver's ops (default 'save'). */
  name?: string;
  /** An existing SaverDef to use instead of building ops (import_meta_graph). */
  saverDef?: tensorflow.SaverDef;
  /** File system for checkpoints and meta graph files (default: the session's, else Node's). */
  fs?: FileSystem;
}

/** Options of `Saver.save`. */
export interface SaveOptions {
  /** Appends `-<step>` to the prefix. */
  globalStep?: number;
  /** State file name (default `checkpoint`). */
  latestFilename?: string;
  /** Also write `<prefix>.meta` (default true). */
  writeMetaGraph?: boolean;
  /** Update the state file and apply max_to_keep (default true). */
  writeState?: boolean;
}

/** Saves and restores variables of one graph. */
export class Saver {
  readonly graph: Graph;
  /** The SaverDef (null for an empty saver). */
  readonly saverDef: tensorflow.SaverDef | null;
  /** Prefixes of the checkpoints this saver keeps, oldest first. */
  lastCheckpoints: string[] = [];
  private readonly opts: SaverOptions;

  constructor(opts: SaverOptions = {}) {
    this.opts = opts;
    const vars = opts.varList ? saveablesOf(opts.varList) : undefined;
    const graph = opts.graph ?? (vars && vars.size ? ([...vars.values()][0].graph as Graph) : undefined);
    if (!graph) throw new SavedModelError('INVALID_ARGUMENT', 'Saver needs a graph or variables (options graph / varList)');
    this.graph = graph;
    if (opts.saverDef) {
      this.saverDef = opts.saverDef;
      return;
    }
    const saveables = vars ?? saveablesOf(graph.globalVariables());
    if (saveables.size === 0 && !opts.allowEmpty) throw new SavedModelError('INVALID_ARGUMENT', 'No variables to save');
    this.saverDef = buildSaverGraph(graph, saveables, {
      name: opts.name, sharded: opts.sharded, maxToKeep: opts.maxToKeep ?? 5, keepCheckpointEveryNHours: opts.keepCheckpointEveryNHours,
    });
  }

  private async fs(sess: Session | null, path: string): Promise<FileSystem> {
    return resolveFileSystem(this.opts.fs ?? sess?.fs, path);
  }

  private session(sess: Session | null, what: string): Session {
    const s = sess ?? sessionForGraph(this.graph);
    if (!s) throw new SavedModelError('INVALID_ARGUMENT', `Saver.${what} needs a Session (sess is null and the graph has no session of its own, as wrapFunction graphs do)`);
    if (s.graph !== this.graph) throw new SavedModelError('INVALID_ARGUMENT', `Saver.${what}: the session runs another graph than the saver's`);
    return s;
  }

  /**
   * Writes the variables' values to the V2 checkpoint `prefix` (`prefix.index`,
   * `prefix.data-00000-of-00001`), updates the state file, deletes checkpoints beyond
   * max_to_keep and writes `prefix.meta`. Returns the checkpoint's prefix.
   */
  async save(sess: Session, savePath: string, opts: SaveOptions = {}): Promise<string> {
    const s = this.session(sess, 'save');
    const fs = await this.fs(s, savePath);
    const latest = opts.latestFilename ?? CHECKPOINT_STATE_FILENAME;
    const file = opts.globalStep === undefined ? savePath : `${savePath}-${opts.globalStep}`;
    if (opts.globalStep === undefined && basename(savePath) === latest && !this.saverDef?.sharded) {
      throw new SavedModelError('INVALID_ARGUMENT', `'latest_filename' collides with 'save_path': '${latest}' and '${savePath}'`);
    }
    const parent = dirname(savePath);
    if (parent && !(await fs.isDirectory(parent))) throw new SavedModelError('NOT_FOUND', `Parent directory of ${savePath} doesn't exist, can't save.`);
    let path = file;
    if (this.saverDef) {
      const prefix = tf.scalar(file, 'string');
      try {
        const out = (await s.runAsync(this.saverDef.saveTensorName, new Map([[this.saverDef.filenameTensorName, prefix]]))) as tf.Tensor;
        path = new TextDecoder().decode(hostStrings(out)[0]);
        out.dispose();
      } finally {
        prefix.dispose();
      }
      if (opts.writeState ?? true) {
        this.recordLastCheckpoint(path);
        await updateCheckpointState(parent, path, this.lastCheckpoints, { fs, latestFilename: latest, saveRelativePaths: this.opts.saveRelativePaths });
        await this.deleteOld(fs);
      }
    }
    if (opts.writeMetaGraph ?? true) await this.exportMetaGraph(`${file}.meta`, { fs });
    return path;
  }

  private readonly toDelete: string[] = [];

  private recordLastCheckpoint(path: string): void {
    if (!this.saverDef?.maxToKeep) return;
    this.lastCheckpoints = this.lastCheckpoints.filter((p) => p !== path);
    this.lastCheckpoints.push(path);
    while (this.lastCheckpoints.length > this.saverDef.maxToKeep) this.toDelete.push(this.lastCheckpoints.shift()!);
  }

  private async deleteOld(fs: FileSystem): Promise<void> {
    for (const p of this.toDelete.splice(0)) await deleteCheckpoint(p, fs, '.meta');
  }

  /**
   * Restores the variables from checkpoint `prefix` by running the restore op. `sess` may be
   * null for the variables of a `wrapFunction` graph (restored into its own session).
   */
  async restore(sess: Session | null, savePath: string): Promise<void> {
    if (!savePath) throw new SavedModelError('INVALID_ARGUMENT', "Can't load save_path when it is None.");
    const s = this.session(sess, 'restore');
    const fs = await this.fs(s, savePath);
    if (!(await checkpointExists(savePath, fs))) throw new SavedModelError('NOT_FOUND', `The passed save_path is not a valid checkpoint: ${savePath}`);
    if (!this.saverDef) return;
    const prefix = tf.scalar(savePath, 'string');
    try {
      await s.runAsync(this.saverDef.restoreOpName, new Map([[this.saverDef.filenameTensorName, prefix]]));
    } finally {
      prefix.dispose();
    }
  }

  /** The MetaGraphDef of the saver's graph with its SaverDef. */
  metaGraphDef(opts: Omit<ExportMetaGraphOptions, 'saverDef'> = {}): tensorflow.MetaGraphDef {
    return exportMetaGraphDef(this.graph, { ...opts, saverDef: this.saverDef });
  }

  /**
   * `export_meta_graph(filename, as_text)`: writes the graph with its SaverDef and collections
   * (binary, or text with `asText`) and returns the MetaGraphDef.
   */
  async exportMetaGraph(filename?: string, opts: Omit<ExportMetaGraphOptions, 'saverDef'> & { asText?: boolean; fs?: FileSystem } = {}): Promise<tensorflow.MetaGraphDef> {
    const mg = this.metaGraphDef(opts);
    if (filename) await writeMetaGraphFile(filename, mg, { fs: opts.fs ?? this.opts.fs, asText: opts.asText });
    return mg;
  }
}
