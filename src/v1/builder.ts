/**
 * `v1.savedModel.Builder` (tf.compat.v1.saved_model.Builder): a SavedModel of one or more TF1
 * meta graphs sharing one set of variables and assets, written as TensorFlow writes it —
 * saved_model.pb (or .pbtxt), variables/ through the graph's own sharded Saver (so the
 * SaverDef TensorFlow's loader runs restores exactly what was written), assets/ with the
 * AssetFileDefs in the `saved_model_assets` collection, and the main op in
 * `saved_model_main_op`.
 *
 * `addMetaGraphAndVariables` captures the graph and the variables' values when it is called;
 * `save()` writes everything into a temporary folder beside `exportDir` and renames it into place.
 */
import * as tf from '@tensorflow/tfjs-core';
import Long from 'long';
import { SavedModelError } from '../errors.js';
import { basename, dirname, joinPath, resolveFileSystem, type FileSystem } from '../io/index.js';
import { google } from '../proto/gen/tensorflow.js';
import { tensorflow } from '../proto/index.js';
import { Operation, SymbolicTensor } from '../graph/symbolic.js';
import {
  ASSETS_DIRECTORY,
  ASSETS_KEY,
  INIT_OP_SIGNATURE_KEY,
  LEGACY_INIT_OP_KEY,
  MAIN_OP_KEY,
  SAVED_MODEL_FILENAME_PB,
  SAVED_MODEL_FILENAME_PBTXT,
  SAVED_MODEL_SCHEMA_VERSION,
  TRAIN_OP_KEY,
  TRAIN_OP_SIGNATURE_KEY,
  VARIABLES_DIRECTORY,
  VARIABLES_FILENAME,
} from '../savedmodel/constants.js';
import { printTextProto, TF_TEXT_STYLES } from '../textformat/index.js';
import { encodeSavedModel } from './encode.js';
import type { Graph } from './graph.js';
import { asSymbolic, type GraphTensor } from './graph_tensor.js';
import { Saver } from './saver.js';
import { Session } from './session.js';

/** Options of `addMetaGraphAndVariables` and `addMetaGraph`. */
export interface MetaGraphOptions {
  /** Signatures by key (`serving_default` …). */
  signatureDefMap?: Record<string, tensorflow.SignatureDef.$Properties>;
  /** Scalar string Const tensors holding asset file paths: copied into assets/, fed their new paths on load. */
  assetsCollection?: readonly GraphTensor[];
  /** Op run after the variables are restored (`saved_model_main_op`). */
  mainOp?: Operation;
  /** Older name of `mainOp`. */
  legacyInitOp?: Operation;
  /** Recorded in `saved_model_train_op`, not run. */
  trainOp?: Operation | GraphTensor;
  /** Drop every node's device. */
  clearDevices?: boolean;
  /** A Saver to use instead of a new sharded one over the global variables. */
  saver?: Saver;
}

/** Options of `addMetaGraph` (the graph defaults to the one of the last added meta graph). */
export interface AddMetaGraphOptions extends MetaGraphOptions {
  graph?: Graph;
}

interface PendingVariables {
  graph: Graph;
  saverDef: tensorflow.SaverDef;
  /** Values of the SaveV2 inputs when the meta graph was added, by tensor name. */
  values: Map<string, tf.Tensor>;
}

const ASSET_FILE_DEF_URL = 'type.googleapis.com/tensorflow.AssetFileDef';

/** Builds a TF1 SavedModel in `exportDir`. */
export class Builder {
  private readonly metaGraphs: tensorflow.MetaGraphDef[] = [];
  private variables: PendingVariables | null = null;
  private hasSavedVariables = false;
  private lastGraph: Graph | undefined;
  /** Asset basename in the model → source path. */
  private readonly assets = new Map<string, string>();
  private saved = false;

  constructor(readonly exportDir: string, private readonly opts: { fs?: FileSystem } = {}) {}

  /**
   * Adds the meta graph of `sess.graph` tagged `tags`, with the current values of its variables
   * (saved by `save()`). Must come first and only once.
   */
  addMetaGraphAndVariables(sess: Session, tags: readonly string[], opts: MetaGraphOptions = {}): void {
    if (this.hasSavedVariables) {
      throw new SavedModelError('FAILED_PRECONDITION', 'Graph state including variables and assets has already been saved. Please invoke `addMetaGraph()` instead.');
    }
    const graph = sess.graph;
    const saver = this.prepare(graph, opts);
    if (saver.saverDef) {
      const inputs = saveInputs(graph, saver.saverDef);
      const fetched = sess.run(inputs) as tf.Tensor[];
      this.variables = { graph, saverDef: saver.saverDef, values: new Map(inputs.map((t, i) => [t.name, tf.keep(fetched[i])])) };
    }
    this.addTagged(saver, tags, opts);
    this.hasSavedVariables = true;
    this.lastGraph = graph;
  }

  /** Adds another meta graph (of `opts.graph`, or the last one's graph) sharing the saved variables. */
  addMetaGraph(tags: readonly string[], opts: AddMetaGraphOptions = {}): void {
    if (!this.hasSavedVariables) {
      throw new SavedModelError('FAILED_PRECONDITION', 'Graph state including variables and assets has not been saved yet. Please invoke `addMetaGraphAndVariables()` first.');
    }
    const graph = opts.graph ?? this.lastGraph!;
    this.addTagged(this.prepare(graph, opts), tags, opts);
    this.lastGraph = graph;
  }

  private prepare(graph: Graph, opts: MetaGraphOptions): Saver {
    validateSignatureDefMap(opts.signatureDefMap ?? {});
    for (const t of opts.assetsCollection ?? []) this.addAsset(graph, t);
    const main = opts.mainOp ?? opts.legacyInitOp;
    if (main) {
      if (!(main instanceof Operation)) throw new SavedModelError('INVALID_ARGUMENT', `Expected ${String(main)} to be an Operation`);
      for (const key of [MAIN_OP_KEY, LEGACY_INIT_OP_KEY]) {
        if (graph.getCollection(key).length) throw new SavedModelError('INVALID_ARGUMENT', `Graph already contains one or more main ops under the collection ${key}.`);
      }
      graph.addToCollection(MAIN_OP_KEY, main);
    }
    if (opts.trainOp) graph.addToCollection(TRAIN_OP_KEY, opts.trainOp instanceof Operation ? opts.trainOp : asSymbolic(opts.trainOp, 'trainOp'));
    return opts.saver ?? new Saver({ graph, sharded: true, allowEmpty: true, fs: this.opts.fs });
  }

  private addAsset(graph: Graph, tensor: GraphTensor): void {
    const t = asSymbolic(tensor, 'assetsCollection');
    const source = assetSourcePath(t);
    const base = basename(source);
    let name = base;
    const known = this.assets.get(name);
    if (known !== undefined && known !== source) {
      for (let i = 1; this.assets.has(name); i++) name = `${base}_${i}`;
    }
    this.assets.set(name, source);
    const def = tensorflow.AssetFileDef.encode({ tensorInfo: { name: t.name }, filename: name }).finish();
    graph.addToCollection(ASSETS_KEY, google.protobuf.Any.create({ type_url: ASSET_FILE_DEF_URL, value: def }));
  }

  private addTagged(saver: Saver, tags: readonly string[], opts: MetaGraphOptions): void {
    const mg = saver.metaGraphDef({ clearDevices: opts.clearDevices, tags });
    const sigs = opts.signatureDefMap ?? {};
    for (const key of Object.keys(sigs).sort()) mg.signatureDef[key] = tensorflow.SignatureDef.create(sigs[key]);
    this.metaGraphs.push(mg);
  }

  /** The SavedModel message as it will be written. */
  savedModel(): tensorflow.SavedModel {
    return tensorflow.SavedModel.create({ savedModelSchemaVersion: Long.fromNumber(SAVED_MODEL_SCHEMA_VERSION), metaGraphs: this.metaGraphs });
  }

  /**
   * Writes the SavedModel (binary, or text with `asText`) with its variables and assets into
   * `exportDir`, which must not exist or be empty. Returns the path of the SavedModel file.
   */
  async save(opts: { asText?: boolean } = {}): Promise<string> {
    if (this.saved) throw new SavedModelError('FAILED_PRECONDITION', `the SavedModel of this Builder was already written to ${this.exportDir}`);
    if (this.metaGraphs.length === 0) throw new SavedModelError('FAILED_PRECONDITION', 'nothing to save: call addMetaGraphAndVariables() first');
    const fs = await resolveFileSystem(this.opts.fs, this.exportDir);
    if ((await fs.exists(this.exportDir)) && (!(await fs.isDirectory(this.exportDir)) || (await fs.list(this.exportDir)).length > 0)) {
      throw new SavedModelError('FAILED_PRECONDITION', `Export directory already exists, and isn't empty. Please choose a different export directory, or delete all the contents of the specified directory: ${this.exportDir}`);
    }
    const tmp = joinPath(dirname(this.exportDir) || '.', `.${basename(this.exportDir)}.tmp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
    try {
      await fs.mkdir(joinPath(tmp, VARIABLES_DIRECTORY));
      if (this.variables) await writeVariables(this.variables, joinPath(tmp, VARIABLES_DIRECTORY, VARIABLES_FILENAME), fs);
      if (this.assets.size) {
        await fs.mkdir(joinPath(tmp, ASSETS_DIRECTORY));
        for (const [name, source] of this.assets) await fs.writeFile(joinPath(tmp, ASSETS_DIRECTORY, name), await fs.readFile(source));
      }
      const sm = this.savedModel();
      const file = opts.asText ? SAVED_MODEL_FILENAME_PBTXT : SAVED_MODEL_FILENAME_PB;
      await fs.writeFile(joinPath(tmp, file), opts.asText ? printTextProto('tensorflow.SavedModel', sm, TF_TEXT_STYLES.savedModelPbtxt) : encodeSavedModel(sm));
      if (await fs.exists(this.exportDir)) await fs.remove(this.exportDir);
      await fs.rename(tmp, this.exportDir);
      this.saved = true;
      this.dispose();
      return joinPath(this.exportDir, file);
    } catch (e) {
      await fs.remove(tmp).catch(() => undefined);
      throw e;
    }
  }

  /** Frees the captured variable values (done by a successful `save`). */
  dispose(): void {
    for (const t of this.variables?.values.values() ?? []) t.dispose();
    this.variables = null;
  }
}

/** The data inputs of every SaveV2 op the save tensor depends on: what the checkpoint stores. */
export function saveInputs(graph: Graph, saverDef: tensorflow.SaverDef): SymbolicTensor[] {
  const start = graph.getTensorByName(saverDef.saveTensorName).op;
  const seen = new Set<Operation>();
  const out: SymbolicTensor[] = [];
  const stack = [start];
  while (stack.length) {
    const op = stack.pop()!;
    if (seen.has(op)) continue;
    seen.add(op);
    if (op.type === 'SaveV2') {
      out.push(...op.inputs.slice(3));
      continue;
    }
    for (const t of op.inputs) stack.push(t.op);
    stack.push(...op.controlInputs);
  }
  return out;
}

/** Runs the saver's save op with the captured values fed, writing the checkpoint at `prefix`. */
async function writeVariables(v: PendingVariables, prefix: string, fs: FileSystem): Promise<void> {
  const sess = new Session(v.graph, { fs });
  const name = tf.scalar(prefix, 'string');
  try {
    const feeds = new Map<string, tf.Tensor>([[v.saverDef.filenameTensorName, name], ...v.values]);
    const out = await sess.runAsync(v.saverDef.saveTensorName, feeds);
    (out as tf.Tensor).dispose();
  } finally {
    name.dispose();
    sess.close();
  }
}

/** The file path a scalar string Const asset tensor holds (TF's `_asset_path_from_tensor`). */
function assetSourcePath(t: SymbolicTensor): string {
  if (!(t instanceof SymbolicTensor)) throw new SavedModelError('INVALID_ARGUMENT', `Asset path tensor ${String(t)} must be a Tensor.`);
  if (t.op.type !== 'Const') throw new SavedModelError('INVALID_ARGUMENT', `Asset path tensor ${t.name} must be of type constant. Has type ${t.op.type} instead.`);
  if (t.dtype !== 'string') throw new SavedModelError('INVALID_ARGUMENT', `Asset path tensor ${t.name} must be of dtype string. Has type ${t.dtype} instead.`);
  const vals = t.op.attrs.value?.tensor?.stringVal ?? [];
  if (vals.length !== 1) throw new SavedModelError('INVALID_ARGUMENT', `Asset path tensor ${t.name} must be a scalar.`);
  return new TextDecoder().decode(vals[0]);
}

/** TF's `_validate_signature_def_map`: every TensorInfo named and typed, reserved keys refused. */
export function validateSignatureDefMap(map: Record<string, tensorflow.SignatureDef.$Properties>): void {
  for (const [key, sig] of Object.entries(map)) {
    for (const [k, info] of [...Object.entries(sig.inputs ?? {}), ...Object.entries(sig.outputs ?? {})]) {
      if (!info.name && !info.cooSparse && !info.compositeTensor) {
        throw new SavedModelError('INVALID_ARGUMENT', `Invalid \`tensor_info\` '${k}' of signature '${key}': All TensorInfo protos used in the SignatureDefs must have one of the 'encoding' fields (e.g., name or coo_sparse) set.`);
      }
      if (!info.compositeTensor && !info.dtype) {
        throw new SavedModelError('INVALID_ARGUMENT', `Invalid \`tensor_info\` '${k}' of signature '${key}': All TensorInfo protos used in the SignatureDefs must have the dtype field set.`);
      }
    }
  }
  for (const reserved of [INIT_OP_SIGNATURE_KEY, TRAIN_OP_SIGNATURE_KEY]) {
    if (reserved in map) throw new SavedModelError('INVALID_ARGUMENT', `SignatureDef map key "${reserved}" is reserved for ${reserved === INIT_OP_SIGNATURE_KEY ? 'initialization' : 'the train op'}. Please use a different key.`);
  }
}
