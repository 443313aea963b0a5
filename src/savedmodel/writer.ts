/**
 * `saveModel(module, dir, { signatures, asText, fs, onProgress })`: writes what
 * `tf.saved_model.save` writes — saved_model.pb (or .pbtxt) with one MetaGraphDef tagged `serve`,
 * variables/ (TF2 checkpoint with the object graph), assets/ and fingerprint.pb — into a
 * temporary sibling directory that replaces `dir` when complete.
 */
import { resolveFileSystem, type FileSystem } from '../io/index.js';
import { joinPath } from '../io/path.js';
import { tensorflow } from '../proto/index.js';
import { printTextProto, TF_TEXT_STYLES } from '../textformat/index.js';
import type { FuncGraph } from '../graph/func_graph.js';
import type { Module } from '../trace/module.js';
import { SavedModelError } from '../errors.js';
import type { LoadedModel } from './loader.js';
import { isLoadedModel, writeReexport } from './writer_reexport.js';
import { Variable } from '../trace/variable.js';
import { encodeCanonical } from './canonical.js';
import {
  ASSETS_DIRECTORY, FINGERPRINT_FILENAME, SAVED_MODEL_FILENAME_PB, SAVED_MODEL_FILENAME_PBTXT, SERVING,
} from './constants.js';
import { computeFingerprint, fingerprintMessage } from './fingerprint.js';
import { writeCheckpoint } from './writer_checkpoint.js';
import { writeDirectoryAtomically } from './writer_fs.js';
import { buildExportedGraph, libraryClosure, type VariableToSave } from './writer_graph.js';
import { savedModelMessage } from './writer_meta.js';
import { assetNodes, savedObjectGraph, trackableObjectGraph } from './writer_object_protos.js';
import { SignatureMap, variableKey, walkObjectGraph } from './writer_objects.js';
import { makeSignatureWrapper, resolveSignatures, type SignaturesOption } from './writer_signatures.js';
import type { Asset } from '../trace/asset.js';
import type { ProgressCallback } from './progress.js';

/** Options of saveModel. */
export interface SaveModelOptions {
  /** Signature functions: a tfFunction with an input signature, a ConcreteFunction, or a record of them by key. */
  signatures?: SignaturesOption;
  /** Write saved_model.pbtxt (text format) instead of saved_model.pb (no fingerprint.pb then, as TensorFlow). */
  asText?: boolean;
  /** Where to write (and read asset files from); Node's file system by default. */
  fs?: FileSystem;
  /** Called after each variable is written (phase 'save', bytes and tensors done of total). */
  onProgress?: ProgressCallback;
  /** Tags of the meta graph (default ['serve']). */
  tags?: string[];
}

/**
 * Saves `obj` and everything reachable from it as a SavedModel in `exportDir`. A model returned
 * by `loadModel` is re-exported: its graphs as loaded, its variables' current values.
 */
export async function saveModel(obj: Module | LoadedModel, exportDir: string, opts: SaveModelOptions = {}): Promise<void> {
  const fs = await resolveFileSystem(opts.fs);
  if (isLoadedModel(obj)) {
    if (opts.signatures !== undefined) throw new SavedModelError('INVALID_ARGUMENT', 'saveModel of a loaded model keeps its signatures; the signatures option cannot be used');
    await writeDirectoryAtomically(fs, exportDir, (dir) => writeReexport(fs, obj, dir, opts.asText ?? false, opts.onProgress));
    return;
  }
  const wrappers = resolveSignatures(obj, opts.signatures).map(([key, cf]) => makeSignatureWrapper(key, cf));
  const objects = walkObjectGraph(obj, new SignatureMap(wrappers.map((w) => [w.key, w.wrapper] as const)));
  const variables: VariableToSave[] = objects.nodes.filter((n) => n.value instanceof Variable).map((n) => ({ variable: n.value as Variable, key: variableKey(n) }));
  const assets = assetNodes(objects).map((n) => n.value as Asset);
  const objectGraphDef = savedObjectGraph(objects);
  const checkpointGraph = encodeCanonical('tensorflow.TrackableObjectGraph', trackableObjectGraph(objects));
  const exported = buildExportedGraph(variables, wrappers, assets, checkpointGraph);
  const traced: FuncGraph[] = [];
  for (const n of objects.nodes) {
    if (n.kind.kind === 'function') traced.push(...n.kind.concrete.map((cf) => cf.graph));
    if (n.kind.kind === 'bare') traced.push(n.kind.cf.graph);
  }
  const functions = libraryClosure([...traced, ...exported.graph.calledFunctions.values()], exported.saverFunctions);
  const message = savedModelMessage(exported, functions, objectGraphDef, opts.tags ?? [SERVING]);
  const bytes = encodeCanonical('tensorflow.SavedModel', message);

  await writeDirectoryAtomically(fs, exportDir, async (dir) => {
    const index = await writeCheckpoint(fs, dir, variables, checkpointGraph, opts.onProgress);
    if (assets.length) {
      await fs.mkdir(joinPath(dir, ASSETS_DIRECTORY));
      for (const a of assets) {
        await fs.writeFile(joinPath(dir, ASSETS_DIRECTORY, a.filename), await fs.readFile(a.path));
      }
    }
    if (opts.asText) {
      const text = printTextProto('tensorflow.SavedModel', tensorflow.SavedModel.decode(bytes), TF_TEXT_STYLES.savedModelPbtxt);
      await fs.writeFile(joinPath(dir, SAVED_MODEL_FILENAME_PBTXT), text);
    } else {
      await fs.writeFile(joinPath(dir, SAVED_MODEL_FILENAME_PB), bytes);
      const fingerprint = computeFingerprint(message, bytes, await fs.readFile(index));
      await fs.writeFile(joinPath(dir, FINGERPRINT_FILENAME), tensorflow.FingerprintDef.encode(fingerprintMessage(fingerprint) as never).finish());
    }
  });
}
