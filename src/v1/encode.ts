/**
 * Binary encoding of SavedModel and MetaGraphDef messages in the key order TensorFlow's
 * deterministic serialization writes: string map keys ascending (callers build maps sorted) and
 * the uint32-keyed maps of FunctionDef (`arg_attr`, `resource_arg_unique_id`) descending, as
 * Python's upb serializer orders them. JavaScript objects always list integer keys ascending,
 * so those two maps are presented to the encoder through a view listing them in TF's order.
 */
import { tensorflow } from '../proto/index.js';

type IntKeyed = Record<string, unknown>;

/** A view of `map` whose keys enumerate in descending numeric order. */
function descendingKeys<T extends IntKeyed>(map: T): T {
  const keys = Object.keys(map).sort((a, b) => Number(b) - Number(a));
  return new Proxy(map, { ownKeys: () => keys });
}

/** FunctionDefs with their integer-keyed maps in TF's order (shallow copies; the input is untouched). */
function libraryInTfOrder(lib: tensorflow.FunctionDefLibrary.$Properties | null | undefined): tensorflow.FunctionDefLibrary.$Properties | null | undefined {
  if (!lib?.function?.length) return lib;
  const fns = lib.function.map((f) => {
    const argAttr = f.argAttr && Object.keys(f.argAttr).length > 1 ? descendingKeys(f.argAttr) : f.argAttr;
    const ids = f.resourceArgUniqueId && Object.keys(f.resourceArgUniqueId).length > 1 ? descendingKeys(f.resourceArgUniqueId) : f.resourceArgUniqueId;
    return argAttr === f.argAttr && ids === f.resourceArgUniqueId ? f : { ...f, argAttr, resourceArgUniqueId: ids };
  });
  return { ...lib, function: fns };
}

function metaGraphInTfOrder(mg: tensorflow.MetaGraphDef.$Properties): tensorflow.MetaGraphDef.$Properties {
  const lib = mg.graphDef?.library;
  const ordered = libraryInTfOrder(lib);
  return ordered === lib ? mg : { ...mg, graphDef: { ...mg.graphDef, library: ordered } };
}

/** Encodes a MetaGraphDef as TensorFlow serializes it. */
export function encodeMetaGraph(mg: tensorflow.MetaGraphDef.$Properties): Uint8Array {
  return tensorflow.MetaGraphDef.encode(metaGraphInTfOrder(mg)).finish();
}

/** Encodes a SavedModel as TensorFlow serializes it. */
export function encodeSavedModel(sm: tensorflow.SavedModel.$Properties): Uint8Array {
  return tensorflow.SavedModel.encode({ ...sm, metaGraphs: (sm.metaGraphs ?? []).map(metaGraphInTfOrder) }).finish();
}
