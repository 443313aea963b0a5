/**
 * TF1-style loading of a meta graph into an Executor, as TensorFlow's C++ loader does: run the
 * SaverDef's restore op with the variables prefix fed (RestoreV2 reads the model's checkpoint
 * through a restore-only CheckpointService), then the init op (`__saved_model_init_op`,
 * `saved_model_main_op` or `legacy_init_op`; else the table initialisers) with each asset
 * tensor fed its file's path inside the model. `v1.savedModel.load` is a thin wrapper of this.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/index.js';
import type { tensorflow } from '../proto/index.js';
import { Executor } from '../runtime/executor.js';
import type { ResourceManager } from '../runtime/resources.js';
import { ModelCheckpoint, hasCheckpoint, refuseV1Checkpoint } from './checkpoint_reader.js';
import { INIT_OP_SIGNATURE_KEY, LEGACY_INIT_OP_KEY, MAIN_OP_KEY } from './constants.js';
import { assetFileDefs, assetPath } from './model_dir.js';
import { OpReachability, nodeNameOf, type UnsafeOpsAllowance } from './op_check.js';
import type { ProgressCallback } from './progress.js';
import { ModelRestoreService } from './restore_service.js';

/** Collection of TF1 table initialisers (tf.compat.v1.GraphKeys.TABLE_INITIALIZERS). */
const TABLE_INITIALIZERS_KEY = 'table_initializer';

/** The nodes that initialise the graph after restore (usually one), or none. */
export function initOpNames(mg: tensorflow.MetaGraphDef.$Properties): string[] {
  const sig = mg.signatureDef?.[INIT_OP_SIGNATURE_KEY]?.outputs?.[INIT_OP_SIGNATURE_KEY]?.name;
  if (sig) return [nodeNameOf(sig)];
  const collections = mg.collectionDef ?? {};
  for (const key of [MAIN_OP_KEY, LEGACY_INIT_OP_KEY]) {
    const nodes = collections[key]?.nodeList?.value ?? [];
    if (nodes.length > 1) throw new SavedModelError('FAILED_PRECONDITION', `expected exactly one ${key} in the meta graph, found ${nodes.length}`);
    if (nodes.length === 1) return [nodeNameOf(nodes[0])];
  }
  return (collections[TABLE_INITIALIZERS_KEY]?.nodeList?.value ?? []).map(nodeNameOf);
}

/** Asset tensor name → path of its file inside the model (PERMISSION_DENIED for escaping names). */
export function assetPathsByTensor(mg: tensorflow.MetaGraphDef.$Properties, exportDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of assetFileDefs(mg as tensorflow.MetaGraphDef)) {
    const name = def.tensorInfo?.name;
    if (name) out.set(name, assetPath(exportDir, def.filename ?? ''));
  }
  return out;
}

/** Graph nodes the restore and init steps run (for the unsupported-op check). */
export function restoreRoots(mg: tensorflow.MetaGraphDef.$Properties): string[] {
  const restore = mg.saverDef?.restoreOpName;
  return [...(restore ? [restore] : []), ...initOpNames(mg)];
}

/** Options of `loadMetaGraphIntoExecutor`. */
export interface GraphLoadOptions {
  fs: FileSystem;
  onProgress?: ProgressCallback;
  /** State to load into (a new ResourceManager by default). */
  resources?: ResourceManager;
  /** Ops reaching outside the model the init op may run (see LoadModelOptions.allowUnsafeOps). */
  allowUnsafeOps?: UnsafeOpsAllowance;
}

/**
 * Restores the meta graph's variables and runs its init op in `executor` (which must have been
 * built with a CheckpointService over `ckpt`, see `loadMetaGraphIntoExecutor`).
 */
export async function restoreAndInitialize(executor: Executor, mg: tensorflow.MetaGraphDef.$Properties, exportDir: string, ckpt: ModelCheckpoint | null): Promise<void> {
  const saver = mg.saverDef;
  if (ckpt && saver?.restoreOpName && saver.filenameTensorName) {
    const prefix = tf.scalar(ckpt.prefix, 'string');
    try {
      await executor.runAsync({ [saver.filenameTensorName]: prefix }, [], [saver.restoreOpName]);
    } finally {
      prefix.dispose();
    }
  }
  const inits = initOpNames(mg);
  if (inits.length === 0) return;
  const feeds: Record<string, tf.Tensor> = {};
  for (const [tensor, path] of assetPathsByTensor(mg, exportDir)) feeds[tensor] = tf.scalar(path, 'string');
  try {
    await executor.runAsync(feeds, [], inits);
  } finally {
    tf.dispose(Object.values(feeds));
  }
}

/**
 * A new Executor over `mg` with its variables restored from `<exportDir>/variables` and its init
 * op run: the state `v1.savedModel.load` hands to a Session. Unsupported ops on the restore and
 * init paths are reported at once (UNIMPLEMENTED).
 */
export async function loadMetaGraphIntoExecutor(exportDir: string, mg: tensorflow.MetaGraphDef.$Properties, opts: GraphLoadOptions): Promise<Executor> {
  const graph = mg.graphDef;
  if (!graph) throw new SavedModelError('DATA_LOSS', `${exportDir}: the meta graph has no graph_def`);
  new OpReachability(graph).addNodes(restoreRoots(mg)).throwIfMissing(`loading ${exportDir}`);
  new OpReachability(graph).addNodes(initOpNames(mg)).throwIfUnsafe(`loading ${exportDir}: the init op`, opts.allowUnsafeOps);
  await refuseV1Checkpoint(opts.fs, exportDir);
  const ckpt = (await hasCheckpoint(opts.fs, exportDir)) ? await ModelCheckpoint.open(opts.fs, exportDir) : null;
  const executor = new Executor(graph, {
    fs: opts.fs, resources: opts.resources, checkpoints: new ModelRestoreService(ckpt, opts.onProgress),
  });
  try {
    await restoreAndInitialize(executor, mg, exportDir, ckpt);
  } catch (e) {
    if (!opts.resources) executor.resources.dispose();
    executor.dispose();
    throw e;
  }
  return executor;
}
