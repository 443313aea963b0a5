/**
 * `v1.savedModel.simpleSave` (tf.compat.v1.saved_model.simple_save): the one-call export of a
 * session's graph for serving — one meta graph tagged `serve`, a `serving_default` predict
 * signature over `inputs` and `outputs`, the ASSET_FILEPATHS collection as assets, devices
 * cleared.
 */
import type { FileSystem } from '../io/index.js';
import type { Operation, SymbolicTensor } from '../graph/symbolic.js';
import type { GraphTensor } from './graph_tensor.js';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY, SERVING } from '../savedmodel/constants.js';
import { Builder } from './builder.js';
import { GraphKeys } from './graph.js';
import type { Session } from './session.js';
import { predictSignatureDef } from './signature_def_utils.js';

/** Options of simpleSave. */
export interface SimpleSaveOptions {
  /** Op run after restore on load (`legacy_init_op`). */
  legacyInitOp?: Operation;
  fs?: FileSystem;
}

/** Writes `sess`'s graph and variables to `exportDir` as a SavedModel TF Serving can serve; returns the SavedModel file's path. */
export async function simpleSave(
  sess: Session,
  exportDir: string,
  inputs: Record<string, GraphTensor>,
  outputs: Record<string, GraphTensor>,
  opts: SimpleSaveOptions = {},
): Promise<string> {
  const builder = new Builder(exportDir, { fs: opts.fs ?? sess.fs });
  const assets = sess.graph.getCollection(GraphKeys.ASSET_FILEPATHS) as SymbolicTensor[];
  builder.addMetaGraphAndVariables(sess, [SERVING], {
    signatureDefMap: { [DEFAULT_SERVING_SIGNATURE_DEF_KEY]: predictSignatureDef({ inputs, outputs }) },
    assetsCollection: assets,
    mainOp: opts.legacyInitOp,
    clearDevices: true,
  });
  return builder.save();
}
