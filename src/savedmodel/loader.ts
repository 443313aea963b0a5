/**
 * `loadModel`: a SavedModel directory as a `LoadedModel` — its signatures as synchronous
 * functions, and for TF2 models the restored object graph (variables, functions, assets) as
 * properties. TF2 models are loaded like `tf.saved_model.load` (object graph, checkpoint keys,
 * resources initialised by their own functions); TF1 models like TensorFlow Serving (restore op,
 * init op with asset paths fed, signatures run on the pruned graph).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { resolveFileSystem, type FileSystem } from '../io/index.js';
import type { tensorflow } from '../proto/index.js';
import { ensureBackend } from '../runtime/backend.js';
import { Executor } from '../runtime/executor.js';
import { ModelCheckpoint, hasCheckpoint, refuseV1Checkpoint } from './checkpoint_reader.js';
import { INIT_OP_SIGNATURE_KEY, TRAIN_OP_SIGNATURE_KEY } from './constants.js';
import { initOpNames, restoreAndInitialize, restoreRoots } from './graph_restore.js';
import { assetFileDefs, resolveModelDir, selectMetaGraph } from './model_dir.js';
import { rebuildObjectGraph } from './object_graph.js';
import { ObjectRuntime } from './object_runtime.js';
import { OpReachability } from './op_check.js';
import type { ProgressCallback } from './progress.js';
import { readSavedModel } from './reader.js';
import { ModelRestoreService } from './restore_service.js';
import { makeSignatureFunction, type SignatureFunction, type SignatureRunner } from './signature_function.js';
import { functionRunner, graphRunner, signatureCall, signatureDefaults } from './signatures.js';

/** Options of `loadModel`. */
export interface LoadModelOptions {
  /** The tag set of the meta graph to load (default: the only one, else `['serve']`). */
  tags?: string[];
  /** Where files are read from (Node's file system by default). */
  fs?: FileSystem;
  /** Called as variables are read from the checkpoint (bytes and tensors done/total). */
  onProgress?: ProgressCallback;
  /**
   * Lets signatures and functions run ops that reach outside the model (files, processes, Python;
   * see UNSAFE_OPS): `true` for all, or the op names allowed. By default calling them is
   * PERMISSION_DENIED (and loading is, when an initialiser would run one).
   */
  allowUnsafeOps?: boolean | string[];
  /**
   * Runs `MatMul`/`Conv2D → BiasAdd [→ Relu|Relu6]` chains as one fused tfjs kernel, as
   * TensorFlow's grappler does on CPU (faster; results may differ from the op-by-op ones in the
   * last bits, as TensorFlow's fused kernels do). Default false.
   */
  fuseOps?: boolean;
}

/** A loaded SavedModel. Properties other than these are the restored object graph (TF2). */
export interface LoadedModel {
  /** Callable signatures by key (`serving_default` …); TF's internal init/train ops excluded. */
  signatures: Record<string, SignatureFunction>;
  /** Tags of the loaded meta graph. */
  tags: string[];
  /** The loaded MetaGraphDef, as TensorFlow wrote it. */
  metaGraph: tensorflow.MetaGraphDef;
  /** The directory loaded (the version directory for a TF Serving base directory). */
  exportDir: string;
  /** The signature keyed `key`; NOT_FOUND (listing the available keys) when there is none. */
  signature(key: string): SignatureFunction;
  /** Frees every tensor and resource of the model; it cannot be called afterwards. */
  dispose(): void;
  /** The restored object graph: `loaded.v`, `loaded.__call__(x)`, `loaded.dense.kernel` … */
  [attribute: string]: unknown;
}

const RESERVED_SIGNATURES = new Set([INIT_OP_SIGNATURE_KEY, TRAIN_OP_SIGNATURE_KEY]);

/** Loads the SavedModel at `exportDir` (or the highest version under a TF Serving base directory). */
export async function loadModel(exportDir: string, opts: LoadModelOptions = {}): Promise<LoadedModel> {
  await ensureBackend();
  const fs = await resolveFileSystem(opts.fs, exportDir);
  const dir = await resolveModelDir(fs, exportDir);
  const sm = await readSavedModel(dir, { fs });
  const mg = selectMetaGraph(sm, opts.tags);
  const graph = mg.graphDef as tensorflow.GraphDef | null | undefined;
  if (!graph) throw new SavedModelError('DATA_LOSS', `${dir}: the meta graph has no graph_def`);
  await refuseV1Checkpoint(fs, dir);

  const nodes = new Map((graph.node ?? []).map((n) => [n.name ?? '', n] as const));
  const sigDefs = Object.entries(mg.signatureDef ?? {}).filter(([k]) => !RESERVED_SIGNATURES.has(k)).sort(([a], [b]) => (a < b ? -1 : 1));
  const og = mg.objectGraphDef && (mg.objectGraphDef.nodes?.length ?? 0) > 0 ? (mg.objectGraphDef as tensorflow.SavedObjectGraph) : null;
  const calls = sigDefs.map(([, def]) => (og ? signatureCall(def, nodes, og) : null));
  const needsGraphRestore = !og || calls.some((c) => c === null);

  // Checked before any I/O: what loading runs (the restore and init ops, and for graph execution
  // every node of the graph) must have kernels, else loading fails naming all missing ops. A
  // signature reaching ops without kernels (UNIMPLEMENTED) or outside the model (PERMISSION_DENIED,
  // unless allowed) is refused when called, naming all of them.
  const refusals = sigDefs.map(([key, def], i): SavedModelError | undefined => {
    const c = calls[i];
    const own = new OpReachability(graph);
    if (c) own.addFunction(c.fn);
    else own.addNodes(Object.values(def.outputs ?? {}).map((t) => t.name ?? ''), Object.values(def.inputs ?? {}).map((t) => t.name ?? ''));
    try {
      own.throwIfMissing(`signature '${key}'`);
      own.throwIfUnsafe(`signature '${key}'`, opts.allowUnsafeOps);
      return undefined;
    } catch (e) {
      return e as SavedModelError;
    }
  });
  if (needsGraphRestore) {
    new OpReachability(graph).addNodes(restoreRoots(mg)).addWholeGraph().throwIfMissing(`loading ${dir}`);
    new OpReachability(graph).addNodes(initOpNames(mg)).throwIfUnsafe(`loading ${dir}: the init op`, opts.allowUnsafeOps);
  }

  const ckpt = (await hasCheckpoint(fs, dir)) ? await ModelCheckpoint.open(fs, dir) : null;
  const executor = new Executor(graph, { fs, checkpoints: new ModelRestoreService(ckpt, opts.onProgress), fuseOps: opts.fuseOps });
  const owned: tf.Tensor[] = [];
  const rt = og ? new ObjectRuntime(executor, og, graph, dir, assetFileDefs(mg), opts.allowUnsafeOps) : null;
  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    executor.resources.dispose();
    executor.dispose();
    rt?.dispose();
    for (const t of owned) t.dispose();
  };
  try {
    const root = rt ? await rebuildObjectGraph(rt, executor.resources, ckpt, opts.onProgress) : {};
    if (needsGraphRestore) await restoreAndInitialize(executor, mg, dir, ckpt);
    const signatures: Record<string, SignatureFunction> = {};
    sigDefs.forEach(([key, def], i) => {
      const c = calls[i];
      const run = c && rt ? functionRunner(c, rt) : graphRunner(def, executor);
      const refusal = refusals[i];
      const runner: SignatureRunner = (feeds) => {
        if (disposed) throw new SavedModelError('FAILED_PRECONDITION', `signature '${key}' called after the model was disposed`);
        if (refusal) throw refusal;
        return run(feeds);
      };
      signatures[key] = makeSignatureFunction(key, def, runner, signatureDefaults(def, nodes, owned, c === null));
    });
    const signature = (key: string): SignatureFunction => {
      const fn = Object.prototype.hasOwnProperty.call(signatures, key) ? signatures[key] : undefined;
      if (!fn) {
        const keys = Object.keys(signatures).map((k) => `'${k}'`).join(', ') || '(none)';
        throw new SavedModelError('NOT_FOUND', `signature '${key}' is not in the SavedModel's meta graph {${(mg.metaInfoDef?.tags ?? []).join(', ')}}; available signatures: ${keys}`);
      }
      return fn;
    };
    const model = root as LoadedModel;
    Object.defineProperties(model, {
      signatures: { value: signatures, enumerable: true, configurable: true, writable: true },
      tags: { value: [...(mg.metaInfoDef?.tags ?? [])], enumerable: true, configurable: true, writable: true },
      metaGraph: { value: mg, enumerable: false, configurable: true, writable: true },
      exportDir: { value: dir, enumerable: false, configurable: true, writable: true },
      signature: { value: signature, enumerable: false, configurable: true, writable: true },
      dispose: { value: dispose, enumerable: false, configurable: true, writable: true },
    });
    return model;
  } catch (e) {
    dispose();
    throw e;
  }
}
