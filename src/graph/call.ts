/**
 * Calls of traced functions inside a graph, as tf.function records them: a `PartitionedCall`
 * (or `StatefulPartitionedCall` when the callee has side effects) whose inputs are the arguments
 * followed by the callee's captured values, resolved in the calling graph (a variable handle, or
 * a tensor captured in turn).
 */
import { SavedModelError } from '../errors.js';
import { attr } from './build.js';
import type { FuncGraph } from './func_graph.js';
import type { GraphBuilder } from './graph_builder.js';
import type { AttrValueLike } from './node.js';
import { describeDims, type Operation, type SymbolicTensor } from './symbolic.js';

/**
 * The `config_proto` attr TF 2.15 writes on function calls: a serialized ConfigProto with
 * device_count {CPU: 1, GPU: 0}, gpu_options.experimental {}, allow_soft_placement, experimental {}.
 */
export const CALL_CONFIG_PROTO = new Uint8Array([
  0x0a, 0x07, 0x0a, 0x03, 0x43, 0x50, 0x55, 0x10, 0x01, 0x0a, 0x07, 0x0a, 0x03, 0x47, 0x50, 0x55, 0x10, 0x00,
  0x32, 0x02, 0x4a, 0x00, 0x38, 0x01, 0x82, 0x01, 0x00,
]);

/** Options of a function call. */
export interface CallOptions {
  /** Base name (default: the call op's type). */
  name?: string;
  /** Full name already reserved by a name scope. */
  exactName?: string;
  /** Name given to values the caller must capture in turn (default 'unknown'). */
  captureName?: string;
}

function shapesCompatible(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return true;
  return a.length === b.length && a.every((d, i) => d < 0 || b[i] < 0 || d === b[i]);
}

/** The tensors `g` passes for `fn`'s captures. */
export function resolveCaptures(g: GraphBuilder, fn: FuncGraph, captureName = 'unknown'): SymbolicTensor[] {
  return fn.captures.map((c) => ('variable' in c.source ? g.variableHandle(c.source.variable, captureName) : g.importTensor(c.source.tensor, captureName)));
}

/** Records a call of the finished function `fn` in `g`; returns the call operation. */
export function addFunctionCall(g: GraphBuilder, fn: FuncGraph, args: readonly SymbolicTensor[], opts: CallOptions = {}): Operation {
  if (args.length !== fn.inputs.length) {
    throw new SavedModelError('INVALID_ARGUMENT', `${fn.description} takes ${fn.inputs.length} arguments, got ${args.length}`);
  }
  args.forEach((a, i) => {
    const p = fn.inputs[i];
    if (a.dtype !== p.dtype || !shapesCompatible(a.shape, p.shape)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${fn.description}: argument ${i} must be ${p.dtype} ${describeDims(p.shape)}, got ${a.dtype} ${describeDims(a.shape)}`);
    }
  });
  const inputs = [...args, ...resolveCaptures(g, fn, opts.captureName)];
  const type = fn.isStateful ? 'StatefulPartitionedCall' : 'PartitionedCall';
  const attrs: Record<string, AttrValueLike> = {
    Tout: attr.types(fn.outputs.map((t) => t.dtype)),
    f: attr.func(fn.name),
    config_proto: attr.s(CALL_CONFIG_PROTO),
    _collective_manager_ids: { list: {} },
    _read_only_resource_inputs: { list: { i: fn.readOnlyResourceInputs() } },
  };
  g.calledFunctions.set(fn.name, fn);
  return g.addOp(type, [inputs], { name: opts.name, exactName: opts.exactName, attrs, outputShapes: fn.outputs.map((t) => t.shape) });
}
