/**
 * A MetaGraphDef into a v1 Graph (`import_meta_graph` without the Saver): the GraphDef's nodes,
 * then the collections — variables rebuilt from their VariableDefs (one GraphVariable per
 * variable, shared by every collection listing it), node lists as operations or tensors, and
 * bytes, numbers and Any values as they are.
 */
import { SavedModelError } from '../errors.js';
import type { Operation, SymbolicTensor } from '../graph/symbolic.js';
import { tensorflow } from '../proto/index.js';
import { importGraphDef, type ImportGraphDefOptions } from './graph_import.js';
import type { CollectionItem, Graph } from './graph.js';
import { GraphVariable } from './variables.js';

/** Collections whose bytes are VariableDefs. */
const VARIABLE_COLLECTIONS = new Set(['variables', 'trainable_variables', 'local_variables', 'model_variables', 'global_step', 'moving_average_variables', 'metric_variables']);

/** What `importMetaGraphDef` brought in. */
export interface ImportedMetaGraph {
  /** The imported operations by their names in the MetaGraphDef. */
  operations: Map<string, Operation>;
  /** The SaverDef with names adjusted to the import scope, if the meta graph has one. */
  saverDef: tensorflow.SaverDef | null;
}

function scoped(scope: string, name: string): string {
  return scope ? `${scope.replace(/\/+$/, '')}/${name}` : name;
}

function variableFrom(g: Graph, def: tensorflow.VariableDef, scope: string): GraphVariable {
  const opName = scoped(scope, def.variableName.replace(/:\d+$/, ''));
  const known = g.variableByOpName(opName);
  if (known) return known;
  const tensor = (n: string): SymbolicTensor => g.getTensorByName(scoped(scope, n));
  const v = new GraphVariable(g, {
    op: g.getOperationByName(opName),
    initializer: g.getOperationByName(scoped(scope, def.initializerName)),
    snapshot: tensor(def.snapshotName),
    initialValue: def.initialValueName ? tensor(def.initialValueName) : null,
    isResource: def.isResource,
    trainable: def.trainable,
    aggregation: def.aggregation,
    imported: true,
  });
  g.registerVariable(v);
  return v;
}

function collectionItems(g: Graph, key: string, def: tensorflow.CollectionDef, scope: string): CollectionItem[] {
  if (def.nodeList) {
    return (def.nodeList.value ?? []).map((n) => (/:\d+$/.test(n) ? g.getTensorByName(scoped(scope, n)) : g.getOperationByName(scoped(scope, n.replace(/^\^/, '')))));
  }
  if (def.bytesList) {
    if (VARIABLE_COLLECTIONS.has(key)) return (def.bytesList.value ?? []).map((b) => variableFrom(g, tensorflow.VariableDef.decode(b), scope));
    return [...(def.bytesList.value ?? [])];
  }
  if (def.int64List) return (def.int64List.value ?? []).map((x) => Number(x));
  if (def.floatList) return [...(def.floatList.value ?? [])];
  if (def.anyList) return [...(def.anyList.value ?? [])] as CollectionItem[];
  return [];
}

/** Imports `mg` into `g` (see the module comment). */
export function importMetaGraphDef(g: Graph, mg: tensorflow.MetaGraphDef.$Properties, opts: ImportGraphDefOptions = {}): ImportedMetaGraph {
  if (!mg.graphDef) throw new SavedModelError('INVALID_ARGUMENT', 'the MetaGraphDef has no graph_def');
  const scope = opts.importScope ?? '';
  const operations = importGraphDef(g, mg.graphDef, opts);
  for (const [key, def] of Object.entries(mg.collectionDef ?? {}).sort(([a], [b]) => (VARIABLE_COLLECTIONS.has(b) ? 1 : 0) - (VARIABLE_COLLECTIONS.has(a) ? 1 : 0) || (a < b ? -1 : 1))) {
    let items: CollectionItem[];
    try {
      items = collectionItems(g, key, tensorflow.CollectionDef.create(def), scope);
    } catch (e) {
      throw new SavedModelError('INVALID_ARGUMENT', `collection '${key}' of the meta graph names something the graph lacks: ${(e as Error).message}`, { cause: e });
    }
    for (const it of items) g.addToCollection(key, it);
  }
  const s = mg.saverDef;
  const saverDef = s
    ? tensorflow.SaverDef.create({
      ...s,
      filenameTensorName: scoped(scope, s.filenameTensorName ?? ''),
      saveTensorName: scoped(scope, s.saveTensorName ?? ''),
      restoreOpName: scoped(scope, s.restoreOpName ?? ''),
    })
    : null;
  return { operations, saverDef };
}
