/**
 * `v1.estimator.exportSavedModel`: what `Estimator.export_saved_model` writes, for a graph the
 * caller built — a `serve` meta graph with the global step, the serving input receiver's
 * placeholders, one signature per export output (`serving_default` plus the keyed ones), the
 * Estimator's default main op (`group_deps` over the local-variable, table and resource
 * initializers), a sharded Saver, and the variables' values (from a session, a checkpoint,
 * or their initializers).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../errors.js';
import type { FileSystem } from '../../io/index.js';
import type { Operation, SymbolicTensor } from '../../graph/symbolic.js';
import type { tensorflow } from '../../proto/index.js';
import { ensureBackend } from '../../runtime/backend.js';
import { SERVING } from '../../savedmodel/constants.js';
import { Builder } from '../builder.js';
import { GraphKeys, type Graph } from '../graph.js';
import { variablesInitializer } from '../initializers.js';
import { Saver } from '../saver.js';
import { Session } from '../session.js';
import type { GraphVariable } from '../variables.js';
import { buildAllSignatureDefs, withDefaultServingOutput, type ExportOutput } from './export_output.js';
import { wrapInputTensors, type ServingInputReceiver } from './serving_input.js';

/** Where the exported variables' values come from. */
export type ExportVariables = Session | { checkpoint: string } | Readonly<Record<string, tf.Tensor | tf.TensorLike>>;

/** Options of exportSavedModel. */
export interface ExportSavedModelOptions {
  servingInputReceiver: ServingInputReceiver;
  /** Export outputs by signature key; a single one is also `serving_default`. */
  exportOutputs: Record<string, ExportOutput>;
  /**
   * Variable values: a Session of the graph, a checkpoint (`{ checkpoint: prefix }`, restored by
   * variable name), or values by variable name; unset variables take their initial values.
   */
  variables?: ExportVariables;
  /** Replaces the Estimator's default main op. */
  mainOp?: Operation;
  /** Global step value when the graph has none yet (default 0). */
  globalStep?: number;
  fs?: FileSystem;
  /** Receives the signatures left out, with why (TensorFlow logs them). */
  onExcluded?: (excluded: Record<string, string>) => void;
}

/** `tf.compat.v1.train.get_or_create_global_step(graph)`: the int64 `global_step` variable. */
export function getOrCreateGlobalStep(graph: Graph, initial = 0): GraphVariable {
  const existing = graph.getCollection(GraphKeys.GLOBAL_STEP)[0] as GraphVariable | undefined;
  if (existing) return existing;
  return graph.variable(tf.scalar(initial, 'int32'), {
    name: 'global_step', dtype: 'int64', trainable: false, collections: [GraphKeys.GLOBAL_STEP], aggregation: 3, initialValueName: 'zeros',
  });
}

/** Scaffold.default_local_init_op: `group_deps` of the local variables', tables' and local resources' initializers. */
function defaultLocalInitOp(graph: Graph): Operation {
  const locals = graph.getCollection(GraphKeys.LOCAL_VARIABLES) as GraphVariable[];
  const init = variablesInitializer(graph, locals);
  const tables = graph.addOp('NoOp', [], { name: 'init_all_tables', controlInputs: graph.getCollection(GraphKeys.TABLE_INITIALIZERS) as Operation[] });
  const resources = graph.addOp('NoOp', [], { name: 'init' });
  return graph.addOp('NoOp', [], { name: 'group_deps', controlInputs: [init, resources, tables] });
}

function graphOf(receiver: ServingInputReceiver): Graph {
  const first = Object.values(wrapInputTensors(receiver.receiverTensors, 'input', 'receiver_tensor'))[0];
  return first.graph as Graph;
}

/** A session of `graph` holding the values to export. */
async function valuesSession(graph: Graph, vars: ExportVariables | undefined, fs: FileSystem | undefined): Promise<Session> {
  if (vars instanceof Session) {
    if (vars.graph !== graph) throw new SavedModelError('INVALID_ARGUMENT', 'exportSavedModel: the variables session runs another graph than the serving input receiver\'s');
    return vars;
  }
  const sess = new Session(graph, { fs });
  const all = graph.globalVariables();
  sess.run(all.map((v) => v.initializer));
  if (vars && 'checkpoint' in vars && typeof vars.checkpoint === 'string') {
    await new Saver({ graph, varList: all, fs }).restore(sess, vars.checkpoint);
  } else if (vars) {
    const byName = new Map(all.map((v) => [v.saveName, v]));
    for (const [name, value] of Object.entries(vars as Record<string, tf.Tensor | tf.TensorLike>)) {
      const v = byName.get(name);
      if (!v) throw new SavedModelError('NOT_FOUND', `exportSavedModel: no variable named '${name}' (variables: ${[...byName.keys()].join(', ')})`);
      sess.run(v.assign(value as never));
    }
  }
  return sess;
}

/**
 * Exports the receiver's graph as a SavedModel in `exportDir` (which must not exist or be
 * empty) the way an Estimator does; returns the SavedModel file's path.
 */
export async function exportSavedModel(exportDir: string, opts: ExportSavedModelOptions): Promise<string> {
  await ensureBackend();
  const receiver = opts.servingInputReceiver;
  const receiverTensors = wrapInputTensors(receiver.receiverTensors, 'input', 'receiver_tensor');
  wrapInputTensors(receiver.features, 'feature', 'feature');
  const alternatives = Object.fromEntries(Object.entries(receiver.receiverTensorsAlternatives ?? {}).map(([k, v]) => [k, wrapInputTensors(v, 'input', 'receiver_tensors_alternative')]));
  const graph = graphOf(receiver);
  for (const t of [...Object.values(receiverTensors), ...Object.values(alternatives).flatMap((r) => Object.values(r))]) {
    if ((t as SymbolicTensor).graph !== graph) throw new SavedModelError('INVALID_ARGUMENT', `receiver tensor ${t.name} belongs to another graph`);
  }
  const { signatureDefs, excluded } = buildAllSignatureDefs(receiverTensors, withDefaultServingOutput(opts.exportOutputs), alternatives);
  if (Object.keys(excluded).length) opts.onExcluded?.(excluded);
  if (Object.keys(signatureDefs).length === 0) {
    throw new SavedModelError('INVALID_ARGUMENT', `no valid serving signature could be built: ${Object.entries(excluded).map(([k, why]) => `${k}: ${why}`).join('; ')}`);
  }
  const hadGlobalStep = graph.getCollection(GraphKeys.GLOBAL_STEP).length > 0;
  const globalStep = getOrCreateGlobalStep(graph, opts.globalStep ?? 0);
  const sess = await valuesSession(graph, opts.variables, opts.fs);
  if (!hadGlobalStep && sess === opts.variables) sess.run(globalStep.initializer);
  try {
    const mainOp = opts.mainOp ?? defaultLocalInitOp(graph);
    const builder = new Builder(exportDir, { fs: opts.fs });
    builder.addMetaGraphAndVariables(sess, [SERVING], {
      signatureDefMap: signatureDefs as Record<string, tensorflow.SignatureDef>,
      assetsCollection: graph.getCollection(GraphKeys.ASSET_FILEPATHS) as SymbolicTensor[],
      mainOp,
      saver: new Saver({ graph, sharded: true, allowEmpty: true, fs: opts.fs }),
    });
    return await builder.save();
  } finally {
    if (sess !== opts.variables) sess.close();
  }
}
