/**
 * MetaGraphDef assembly: meta_info_def (tags, the TensorFlow version whose formats we write,
 * `stripped_op_list` with TensorFlow's OpDefs of every op the graph and its functions use,
 * `stripped_default_attrs`), the GraphDef with its function library and versions, the SaverDef,
 * the `saved_model_main_op` collection, SignatureDefs, asset files and the object graph.
 */
import { SavedModelError } from '../errors.js';
import { parseAttr, type AttrJs } from '../graph/attrs.js';
import { toFunctionDef } from '../graph/function_def.js';
import type { FuncGraph } from '../graph/func_graph.js';
import { toNodeDefs } from '../graph/graph_def.js';
import type { GraphBuilder } from '../graph/graph_builder.js';
import { MAIN_OP_KEY, SAVED_MODEL_SCHEMA_VERSION } from './constants.js';
import { fromProtoJson } from './proto_json.js';
import { OP_LIST_DATA, TF_VERSION_OF_OP_LIST } from './op_list_data.js';
import type { ExportedGraph } from './writer_graph.js';
import type { ProtoObject } from './writer_struct.js';

/** The TensorFlow release whose SavedModel format and op set the writer targets. */
export const TARGET_TF_VERSION = TF_VERSION_OF_OP_LIST;
/** `tensorflow_git_version` recorded in meta_info_def: says which writer produced the file. */
export const WRITER_GIT_VERSION = 'savedmodel-ts-0.1.0';
/** GraphDef producer version of TensorFlow 2.15 (TF_GRAPH_DEF_VERSION) and its min consumer. */
export const GRAPH_DEF_VERSIONS = { producer: 1645, minConsumer: 12 };

const tfDefaults = new Map<string, Map<string, AttrJs | undefined>>();

/** The default TensorFlow's OpDef gives an attr (what TF's importer adds back), or undefined. */
export function tfAttrDefault(opType: string, attrName: string): AttrJs | undefined {
  let m = tfDefaults.get(opType);
  if (!m) {
    m = new Map();
    const data = OP_LIST_DATA[opType];
    const op = data ? (fromProtoJson('tensorflow.OpDef', data) as { attr?: { name: string; defaultValue?: object }[] }) : undefined;
    for (const a of op?.attr ?? []) m.set(a.name, a.defaultValue ? parseAttr(a.defaultValue) : undefined);
    tfDefaults.set(opType, m);
  }
  return m.get(attrName);
}

/** OpDefs (TensorFlow's, documentation stripped) of every op type used, sorted by name. */
export function strippedOpList(opTypes: Iterable<string>): ProtoObject {
  const ops = [...new Set(opTypes)].sort().map((name) => {
    const data = OP_LIST_DATA[name];
    if (!data) throw new SavedModelError('UNIMPLEMENTED', `op ${name} is not in TensorFlow ${TARGET_TF_VERSION}'s op registry; it cannot be saved`);
    return fromProtoJson('tensorflow.OpDef', data);
  });
  return { op: ops };
}

/** Op types used by a graph and functions. */
export function opTypesOf(graph: GraphBuilder, functions: readonly FuncGraph[]): Set<string> {
  const out = new Set<string>();
  for (const op of graph.operations) out.add(op.type);
  for (const f of functions) for (const op of f.operations) if (!f.inputs.includes(op.outputs[0]) && !f.captures.some((c) => c.placeholder.op === op)) out.add(op.type);
  return out;
}

/** The SavedModel message: one MetaGraphDef tagged `tags`. */
export function savedModelMessage(
  exported: ExportedGraph,
  functions: readonly FuncGraph[],
  objectGraphDef: ProtoObject,
  tags: readonly string[],
): ProtoObject {
  const graphDef = {
    node: toNodeDefs(exported.graph, { defaults: tfAttrDefault }),
    library: { function: functions.map((f) => toFunctionDef(f, { defaults: tfAttrDefault })) },
    versions: GRAPH_DEF_VERSIONS,
  };
  const metaInfoDef = {
    strippedOpList: strippedOpList(opTypesOf(exported.graph, functions)),
    tags: [...tags],
    tensorflowVersion: TARGET_TF_VERSION,
    tensorflowGitVersion: WRITER_GIT_VERSION,
    strippedDefaultAttrs: true,
  };
  const metaGraph: ProtoObject = {
    metaInfoDef,
    graphDef,
    saverDef: exported.saverDef,
    collectionDef: { [MAIN_OP_KEY]: { nodeList: { value: [exported.initOp] } } },
    signatureDef: exported.signatureDefs,
    objectGraphDef,
  };
  if (exported.assetFileDefs.length) metaGraph.assetFileDef = exported.assetFileDefs;
  return { savedModelSchemaVersion: SAVED_MODEL_SCHEMA_VERSION, metaGraphs: [metaGraph] };
}
