/**
 * The MetaGraphDef's own graph, as `tf.saved_model.save` exports it: a VarHandleOp per variable,
 * per signature a Placeholder per input (`serving_default_x`) fed to a call of the signature
 * wrapper (whose outputs the SignatureDef names, `StatefulPartitionedCall:0`), the init `NoOp`,
 * the serialized object graph constant, and the `saver_filename` placeholder with the calls of
 * the save and restore functions the SaverDef points at.
 */
import { attr } from '../graph/build.js';
import { addFunctionCall } from '../graph/call.js';
import { addConstant, shapeProto } from '../graph/constant.js';
import { dtypeToEnum } from '../graph/dtypes.js';
import type { FuncGraph } from '../graph/func_graph.js';
import { GraphBuilder } from '../graph/graph_builder.js';
import type { Variable } from '../trace/variable.js';
import type { SignatureEntry } from './writer_signatures.js';
import { buildTracedRestore, buildTracedSave, type SavedVariableSlot } from './writer_saver.js';
import type { ProtoObject } from './writer_struct.js';
import { INIT_OP_SIGNATURE_KEY, PREDICT_METHOD_NAME } from './constants.js';

/** A variable to export with its checkpoint key. */
export interface VariableToSave {
  readonly variable: Variable;
  readonly key: string;
}

/** An asset file to export (its index in asset_file_def is its position). */
export interface AssetToSave {
  readonly filename: string;
}

/** The exported graph and what points into it. */
export interface ExportedGraph {
  readonly graph: GraphBuilder;
  readonly signatureDefs: Record<string, ProtoObject>;
  readonly saverDef: ProtoObject;
  readonly assetFileDefs: ProtoObject[];
  /** The save and restore functions (library members besides the traced ones). */
  readonly saverFunctions: FuncGraph[];
  /** Name of the init op (`NoOp`). */
  readonly initOp: string;
}

function tensorInfo(name: string, dtype: string, dims: readonly number[] | null): ProtoObject {
  return { name, dtype: dtypeToEnum(dtype), tensorShape: shapeProto(dims === null ? null : [...dims]) };
}

function opName(base: string): string {
  const n = base.replace(/[^A-Za-z0-9_.\-/]/g, '_');
  return /^[A-Za-z0-9.]/.test(n) ? n : `v${n}`;
}

/** Builds the exported graph for `variables`, `signatures` and `assets`. */
export function buildExportedGraph(
  variables: readonly VariableToSave[],
  signatures: readonly SignatureEntry[],
  assets: readonly AssetToSave[],
  objectGraphProto: Uint8Array,
): ExportedGraph {
  const g = new GraphBuilder('exported graph');
  const slots: SavedVariableSlot[] = variables.map(({ variable, key }) => {
    const name = g.uniqueName(opName(variable.name));
    const op = g.addOp('VarHandleOp', [], {
      exactName: name,
      attrs: { dtype: attr.type(variable.tfDtype), shape: attr.shape(variable.shape), shared_name: attr.s(name) },
    });
    g.setVariableHandle(variable, op.output(0));
    return { variable, handleName: name, key };
  });

  const assetFileDefs = assets.map((a) => {
    const t = addConstant(g, [a.filename], [], 'string', 'asset_path_initializer');
    return { tensorInfo: tensorInfo(t.name, 'string', []), filename: a.filename };
  });

  const signatureDefs: Record<string, ProtoObject> = {};
  for (const { key, wrapper } of signatures) {
    const inputs: ProtoObject = {};
    const placeholders = wrapper.inputSpecs.map((spec) => {
      const ph = g.addOp('Placeholder', [], { name: opName(`${key}_${spec.name}`), attrs: { dtype: attr.type(spec.tfDtype), shape: attr.shape(spec.dims) } }).output(0);
      inputs[spec.name!] = tensorInfo(ph.name, spec.dtype, spec.dims);
      return ph;
    });
    const call = addFunctionCall(g, wrapper.graph, placeholders);
    const outputs: ProtoObject = {};
    const structured = wrapper.structuredOutputs as Record<string, { dtype: string; shape: number[] | null }>;
    Object.keys(structured).sort().forEach((k, i) => {
      const t = call.output(i);
      outputs[k] = tensorInfo(t.name, t.dtype, t.shape);
    });
    signatureDefs[key] = { inputs, outputs, methodName: PREDICT_METHOD_NAME };
  }

  const init = g.addOp('NoOp', []);
  signatureDefs[INIT_OP_SIGNATURE_KEY] = { outputs: { [INIT_OP_SIGNATURE_KEY]: { name: init.name, tensorShape: { unknownRank: true } } } };

  const objectGraph = addConstant(g, [objectGraphProto], [], 'string', 'Const', '/device:CPU:0');
  const filename = g.addOp('Placeholder', [], { name: 'saver_filename', attrs: { dtype: attr.type('string'), shape: attr.shape([]) } }).output(0);
  const save = buildTracedSave(g, slots, objectGraph);
  const saveCall = addFunctionCall(g, save, [filename]);
  const restore = buildTracedRestore(g, slots);
  const restoreCall = addFunctionCall(g, restore, [filename]);
  const saverDef = { filenameTensorName: filename.name, saveTensorName: saveCall.output(0).name, restoreOpName: restoreCall.name, version: 2 };

  return { graph: g, signatureDefs, saverDef, assetFileDefs, saverFunctions: [save, restore], initOp: init.name };
}

/** Every function `roots` need: themselves and, transitively, the functions they call. */
export function libraryClosure(roots: Iterable<FuncGraph>, extra: Iterable<FuncGraph> = []): FuncGraph[] {
  const byName = new Map<string, FuncGraph>();
  const queue = [...roots, ...extra];
  while (queue.length) {
    const f = queue.shift()!;
    if (byName.has(f.name)) continue;
    byName.set(f.name, f);
    queue.push(...f.calledFunctions.values());
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
