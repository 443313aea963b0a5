/**
 * A v1 Graph as a MetaGraphDef (`export_meta_graph`): meta info, the GraphDef, the SaverDef and
 * the graph's collections — variables as VariableDef bytes, operations and tensors as node
 * names, strings as bytes, numbers as int64/float lists, AssetFileDefs packed in Any.
 */
import Long from 'long';
import { SavedModelError } from '../errors.js';
import { Operation, SymbolicTensor } from '../graph/symbolic.js';
import { google } from '../proto/gen/tensorflow.js';
import { tensorflow } from '../proto/index.js';
import { OP_LIST_DATA } from '../savedmodel/op_list_data.js';
import { fromProtoJson } from '../savedmodel/proto_json.js';
import { TARGET_TF_VERSION, WRITER_GIT_VERSION } from '../savedmodel/writer_meta.js';
import { GraphVariable } from './variables.js';
import type { CollectionItem, Graph } from './graph.js';

/** OpDefs (TensorFlow's) of the op types a GraphDef and its library use, sorted; op types TensorFlow does not register are left out. */
export function strippedOpList(graphDef: tensorflow.GraphDef.$Properties): tensorflow.OpList {
  const types = new Set<string>();
  for (const n of graphDef.node ?? []) if (n.op) types.add(n.op);
  const fnNames = new Set((graphDef.library?.function ?? []).map((f) => f.signature?.name ?? ''));
  for (const f of graphDef.library?.function ?? []) for (const n of f.nodeDef ?? []) if (n.op && !fnNames.has(n.op)) types.add(n.op);
  const op = [...types].sort().filter((t) => OP_LIST_DATA[t]).map((t) => fromProtoJson('tensorflow.OpDef', OP_LIST_DATA[t]) as tensorflow.OpDef.$Properties);
  return tensorflow.OpList.create({ op });
}

/** Options of `exportMetaGraphDef`. */
export interface ExportMetaGraphOptions {
  saverDef?: tensorflow.SaverDef | null;
  /** Drop devices from every node. */
  clearDevices?: boolean;
  /** Collections to export (default: all of the graph's). */
  collectionList?: readonly string[];
  /** Tags for `meta_info_def.tags`. */
  tags?: readonly string[];
}

const encoder = new TextEncoder();

/** The CollectionDef of a collection's items, or null when TF could not serialize them either. */
export function collectionDef(key: string, items: readonly CollectionItem[]): tensorflow.CollectionDef | null {
  if (items.length === 0) return null;
  const first = items[0];
  const all = <T>(pred: (x: CollectionItem) => x is CollectionItem & T): boolean => items.every(pred);
  if (first instanceof GraphVariable && all((x): x is GraphVariable => x instanceof GraphVariable)) {
    return tensorflow.CollectionDef.create({ bytesList: { value: (items as GraphVariable[]).map((v) => tensorflow.VariableDef.encode(v.toVariableDef()).finish()) } });
  }
  if ((first instanceof Operation || first instanceof SymbolicTensor) && all((x): x is Operation | SymbolicTensor => x instanceof Operation || x instanceof SymbolicTensor)) {
    return tensorflow.CollectionDef.create({ nodeList: { value: (items as Array<Operation | SymbolicTensor>).map((x) => x.name) } });
  }
  if ((typeof first === 'string' || first instanceof Uint8Array) && all((x): x is string | Uint8Array => typeof x === 'string' || x instanceof Uint8Array)) {
    return tensorflow.CollectionDef.create({ bytesList: { value: (items as Array<string | Uint8Array>).map((x) => (typeof x === 'string' ? encoder.encode(x) : x)) } });
  }
  if (typeof first === 'number' && all((x): x is number => typeof x === 'number')) {
    const nums = items as number[];
    return nums.every(Number.isInteger)
      ? tensorflow.CollectionDef.create({ int64List: { value: nums.map((n) => Long.fromNumber(n)) } })
      : tensorflow.CollectionDef.create({ floatList: { value: nums } });
  }
  if (first instanceof google.protobuf.Any && all((x): x is google.protobuf.Any => x instanceof google.protobuf.Any)) {
    return tensorflow.CollectionDef.create({ anyList: { value: items as google.protobuf.Any[] } });
  }
  throw new SavedModelError('INVALID_ARGUMENT', `collection '${key}' mixes kinds of items (or holds ones a MetaGraphDef cannot store)`);
}

/** `export_meta_graph()`: the MetaGraphDef of `graph` as it is now. */
export function exportMetaGraphDef(graph: Graph, opts: ExportMetaGraphOptions = {}): tensorflow.MetaGraphDef {
  const graphDef = graph.toGraphDef({ clearDevices: opts.clearDevices });
  const collections: Record<string, tensorflow.CollectionDef> = {};
  for (const key of [...(opts.collectionList ?? graph.collectionKeys())].sort()) {
    const def = collectionDef(key, graph.getCollection(key));
    if (def) collections[key] = def;
  }
  return tensorflow.MetaGraphDef.create({
    metaInfoDef: {
      strippedOpList: strippedOpList(graphDef),
      tags: [...(opts.tags ?? [])],
      tensorflowVersion: TARGET_TF_VERSION,
      tensorflowGitVersion: WRITER_GIT_VERSION,
      strippedDefaultAttrs: true,
    },
    graphDef,
    ...(opts.saverDef ? { saverDef: opts.saverDef } : {}),
    collectionDef: collections,
  });
}
