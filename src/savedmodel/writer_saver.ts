/**
 * The save/restore functions of the SaverDef, built the way TF 2.x's functional saver builds
 * them (`_traced_save` / `_traced_restore`): save writes every variable and the serialized
 * object graph with SaveV2 to a temporary shard (`<prefix>_temp/part-00000-of-00001`, or
 * `.part` on S3) and merges it into `<prefix>` with MergeV2Checkpoints; restore reads them with
 * RestoreV2 and assigns each variable. TF's C++ loader and TF Serving run the restore function
 * through the SaverDef's `restore_op_name`, feeding the variables path to `filename_tensor_name`.
 */
import { attr } from '../graph/build.js';
import { FuncGraph } from '../graph/func_graph.js';
import type { GraphBuilder, VariableRef } from '../graph/graph_builder.js';
import { CPU0, addCheckpointKeys, addTempShardFilename } from '../graph/saver_ops.js';
import type { SymbolicTensor } from '../graph/symbolic.js';
import { nextFunctionUid } from '../trace/tf_function.js';

/** Key of the serialized TrackableObjectGraph in a TF2 checkpoint. */
export const OBJECT_GRAPH_PROTO_KEY = '_CHECKPOINTABLE_OBJECT_GRAPH';

/** A variable to save: its handle name in the exported graph and its checkpoint key. */
export interface SavedVariableSlot {
  readonly variable: VariableRef;
  /** VarHandleOp name in the exported graph (names captured placeholders). */
  readonly handleName: string;
  readonly key: string;
}

const MANUAL_DEPS = { _has_manual_control_dependencies: attr.b(true) };

/**
 * Builds `__inference__traced_save_N(file_prefix, <variables…>, savev2_const) → file_prefix`, where
 * `objectGraph` (a string tensor of the exported graph) holds the serialized TrackableObjectGraph.
 */
export function buildTracedSave(outer: GraphBuilder, slots: readonly SavedVariableSlot[], objectGraph: SymbolicTensor): FuncGraph {
  const g = new FuncGraph(`__inference__traced_save_${nextFunctionUid()}`, outer);
  const prefix = g.addInput('string', [], 'file_prefix');
  const shardFile = addTempShardFilename(g, prefix);
  const tensors = slots.map((s) =>
    g.nameScope('Read', () => {
      const handle = g.variableHandle(s.variable, s.handleName);
      const read = g.addOp('ReadVariableOp', [handle], { device: CPU0, attrs: { dtype: attr.type(s.variable.tfDtype) }, outputShapes: [[...s.variable.shape]] });
      return read.output(0);
    }),
  ).map((t) => {
    const id = g.addOp('Identity', [t], { device: CPU0 }).output(0);
    return g.addOp('Identity', [id], { device: CPU0 }).output(0);
  });
  const keys = [...slots.map((s) => s.key), OBJECT_GRAPH_PROTO_KEY];
  const save = g.nameScope('SaveV2', (scope) => {
    const [names, slices] = addCheckpointKeys(g, keys, CPU0);
    const graphProto = g.importTensor(objectGraph, objectGraph.op.name);
    return g.addOp('SaveV2', [shardFile, names, slices, [...tensors, graphProto]], { exactName: scope, device: CPU0, attrs: { ...MANUAL_DEPS } });
  });
  const merge = g.nameScope('MergeV2Checkpoints', (scope) => {
    const prefixes = g.addOp('Pack', [[shardFile]], { name: 'checkpoint_prefixes', device: CPU0, controlInputs: [save] }).output(0);
    return g.addOp('MergeV2Checkpoints', [prefixes, prefix], { exactName: scope, device: CPU0, attrs: { ...MANUAL_DEPS } });
  });
  const done = g.addOp('Identity', [prefix], { device: CPU0, controlInputs: [merge] }).output(0);
  g.finish([done]);
  return g;
}

/** Builds `__inference__traced_restore_N(file_prefix, <variables…>) → file_prefix`. */
export function buildTracedRestore(outer: GraphBuilder, slots: readonly SavedVariableSlot[]): FuncGraph {
  const g = new FuncGraph(`__inference__traced_restore_${nextFunctionUid()}`, outer);
  const prefix = g.addInput('string', [], 'file_prefix');
  const keys = [...slots.map((s) => s.key), OBJECT_GRAPH_PROTO_KEY];
  const restore = g.nameScope('RestoreV2', (scope) => {
    const [names, slices] = addCheckpointKeys(g, keys, CPU0);
    return g.addOp('RestoreV2', [prefix, names, slices], { exactName: scope, device: CPU0, attrs: { dtypes: attr.types([...slots.map((s) => s.variable.tfDtype), 'string']) } });
  });
  const assigns = slots.map((s, i) => {
    const value = g.addOp('Identity', [restore.output(i)], { device: CPU0 }).output(0);
    return g.nameScope('AssignVariableOp', (scope) => {
      const handle = g.variableHandle(s.variable, s.handleName);
      return g.addOp('AssignVariableOp', [handle, value], { exactName: scope, device: CPU0, attrs: { ...MANUAL_DEPS } });
    });
  });
  const noop = g.addOp('NoOp', [], { device: CPU0, attrs: { ...MANUAL_DEPS } });
  const done = g.addOp('Identity', [prefix], { device: CPU0, controlInputs: [...assigns, noop] }).output(0);
  g.finish([done]);
  return g;
}
