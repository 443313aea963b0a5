/**
 * The save/restore subgraph a TF1 `Saver` adds to its graph, node for node as TensorFlow's
 * BaseSaverBuilder builds it (V2 checkpoints), and the SaverDef naming its entry points:
 *
 * - common: `save/filename/input` ("model") → `save/filename` → `save/Const` (the filename
 *   tensor, PlaceholderWithDefault);
 * - plain: `save/SaveV2` writes straight to the prefix, `save/control_dependency` returns it;
 * - sharded (what SavedModelBuilder uses): each shard writes `<prefix>_temp/part-00000-of-00001`
 *   (`save/StringJoin`, `save/ShardedFilename`), `save/MergeV2Checkpoints` merges into the
 *   prefix, `save/Identity` returns it;
 * - restore: `save/RestoreV2` then, per variable in key order, `Assign` (reference variables) or
 *   `Identity` + `AssignVariableOp` (resource variables), grouped into `save/restore_all`.
 */
import { SavedModelError } from '../errors.js';
import { attr } from '../graph/build.js';
import { CPU0, addCheckpointKeys, addTempShardFilename } from '../graph/saver_ops.js';
import type { Operation, SymbolicTensor } from '../graph/symbolic.js';
import { tensorflow } from '../proto/index.js';
import type { Graph } from './graph.js';
import type { GraphVariable } from './variables.js';

/** Options of `buildSaverGraph`. */
export interface SaverGraphOptions {
  /** Name scope (default 'save', made unique). */
  name?: string;
  /** Shard by device and merge (V2 sharded write); SavedModelBuilder's savers are sharded. */
  sharded?: boolean;
  maxToKeep?: number;
  keepCheckpointEveryNHours?: number;
}

/** Checkpoint key → variable, the way savers name what they save. */
export type SaveableMap = ReadonlyMap<string, GraphVariable>;

/** The saveables of a var list: an array (keyed by variable op name) or a record of explicit keys. */
export function saveablesOf(varList: readonly GraphVariable[] | Readonly<Record<string, GraphVariable>>): Map<string, GraphVariable> {
  const out = new Map<string, GraphVariable>();
  const entries: Array<[string, GraphVariable]> = Array.isArray(varList)
    ? (varList as readonly GraphVariable[]).map((v) => [v.saveName, v])
    : Object.entries(varList as Record<string, GraphVariable>);
  for (const [key, v] of entries) {
    if (out.has(key) && out.get(key) !== v) throw new SavedModelError('INVALID_ARGUMENT', `At least two variables have the same name: ${key}`);
    out.set(key, v);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** SaveV2 of `saveables` to `prefix`, inside the current scope; returns the SaveV2 op. */
function addSave(g: Graph, prefix: SymbolicTensor, saveables: SaveableMap, device?: string): Operation {
  return g.nameScope('SaveV2', (scope) => {
    const [names, slices] = addCheckpointKeys(g, [...saveables.keys()], device);
    const tensors = [...saveables.values()].map((v) => (v.isResource ? v.snapshot : v.handle));
    return g.addOp('SaveV2', [prefix, names, slices, tensors], { exactName: scope, device, attrs: { dtypes: attr.types(tensors.map((t) => t.dtype)) } });
  });
}

/** RestoreV2 of `saveables` from `prefix` and one assign per variable; returns the assign ops. */
function addRestore(g: Graph, prefix: SymbolicTensor, saveables: SaveableMap): Operation[] {
  const vars = [...saveables.values()];
  const restore = g.nameScope('RestoreV2', (scope) => {
    const [names, slices] = addCheckpointKeys(g, [...saveables.keys()], CPU0);
    return g.addOp('RestoreV2', [prefix, names, slices], {
      exactName: scope, device: CPU0, attrs: { dtypes: attr.types(vars.map((v) => v.dtype)) }, outputShapes: vars.map(() => null),
    });
  });
  return vars.map((v, i) => {
    const value = restore.output(i);
    if (!v.isResource) return g.addOp('Assign', [v.handle, value], { name: 'Assign', outputShapes: [v.snapshot.shape] });
    const id = g.addOp('Identity', [value], { name: 'Identity' }).output(0);
    return g.addOp('AssignVariableOp', [v.handle, id], { name: 'AssignVariableOp', attrs: { dtype: attr.type(v.dtype) } });
  });
}

/**
 * Adds the save and restore ops for `saveables` to `g` and returns the SaverDef. Without
 * saveables nothing is added and null returned (an empty Saver).
 */
export function buildSaverGraph(g: Graph, saveables: SaveableMap, opts: SaverGraphOptions = {}): tensorflow.SaverDef | null {
  if (saveables.size === 0) return null;
  for (const [key, v] of saveables) {
    if (v.graph !== g) throw new SavedModelError('INVALID_ARGUMENT', `variable '${v.name}' (key '${key}') does not belong to the saver's graph`);
  }
  const sharded = opts.sharded ?? false;
  return g.nameScope(opts.name ?? 'save', () => {
    const filename = g.placeholderWithDefault('model', [], 'filename');
    const prefix = g.placeholderWithDefault(filename, [], 'Const');
    let saveTensor: SymbolicTensor;
    let restoreAll: Operation;
    if (!sharded) {
      const save = addSave(g, prefix, saveables);
      saveTensor = g.addOp('Identity', [prefix], { name: 'control_dependency', controlInputs: [save] }).output(0);
      const assigns = addRestore(g, prefix, saveables);
      restoreAll = g.addOp('NoOp', [], { name: 'restore_all', controlInputs: assigns });
    } else {
      const shardFile = addTempShardFilename(g, prefix);
      const save = addSave(g, shardFile, saveables, CPU0);
      const saved = g.addOp('Identity', [shardFile], { name: 'control_dependency', device: CPU0, controlInputs: [save] });
      const merge = g.nameScope('MergeV2Checkpoints', (s) => {
        const prefixes = g.addOp('Pack', [[shardFile]], { name: 'checkpoint_prefixes', device: CPU0, controlInputs: [saved] }).output(0);
        return g.addOp('MergeV2Checkpoints', [prefixes, prefix], { exactName: s, device: CPU0 });
      });
      saveTensor = g.addOp('Identity', [prefix], { name: 'Identity', device: CPU0, controlInputs: [merge, saved] }).output(0);
      const assigns = addRestore(g, prefix, saveables);
      const shard = g.addOp('NoOp', [], { name: 'restore_shard', controlInputs: assigns });
      restoreAll = g.addOp('NoOp', [], { name: 'restore_all', controlInputs: [shard] });
    }
    return tensorflow.SaverDef.create({
      filenameTensorName: prefix.name,
      saveTensorName: saveTensor.name,
      restoreOpName: restoreAll.name,
      maxToKeep: opts.maxToKeep ?? 5,
      sharded,
      keepCheckpointEveryNHours: opts.keepCheckpointEveryNHours ?? 10000,
      version: tensorflow.SaverDef.CheckpointFormatVersion.V2,
    });
  });
}
