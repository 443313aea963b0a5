/**
 * Call forwarding: a function whose body only hands its arguments, in order, to one call of
 * another function and returns that call's results (directly or through `Identity`, with `NoOp`s
 * for control outputs) — TF2's signature wrappers around a Keras model's function — computes
 * exactly what the called function computes. The executor then calls the inner function
 * directly, skipping one run of the wrapper's plan per call.
 */
import { FuncAttr } from '../graph/attrs.js';
import type { GraphIndex, IndexedNode } from './graph_index.js';
import type { Plan } from './plan.js';

const CALL_OPS: ReadonlySet<string> = new Set(['StatefulPartitionedCall', 'PartitionedCall']);

/** The function a node calls (`op: "fn"`, or a (Stateful)PartitionedCall's `f`), else null. */
function calleeOf(n: IndexedNode): string | null {
  if (n.isFunctionCall) return n.op;
  if (!CALL_OPS.has(n.op)) return null;
  const f = n.attrs.f;
  return f instanceof FuncAttr ? f.name : null;
}

/**
 * The function that function body `g` (planned as `plan`) forwards to, or null when the body
 * does anything else: any step other than its arguments, one call, Identity and NoOp; a call
 * that does not take exactly the arguments in order or has control inputs; results that are not
 * exactly the call's outputs in order.
 */
export function forwardedFunction(g: GraphIndex, plan: Plan): string | null {
  let call: IndexedNode | null = null;
  for (const step of plan.steps) {
    const n = step.node;
    if (n.op === '_Arg' || n.op === 'Identity') continue;
    if (n.op === 'NoOp') {
      if (n.inputs.length) return null;
      continue;
    }
    if (call !== null || calleeOf(n) === null) return null;
    call = n;
  }
  if (call === null || call.controls.length || call.inputs.length !== g.args.length) return null;
  for (let k = 0; k < call.inputs.length; k++) {
    const r = call.inputs[k];
    if (r.node !== g.args[k] || r.output !== 0) return null;
  }
  if (g.rets.length !== call.numOutputs) return null;
  for (let i = 0; i < g.rets.length; i++) {
    let r = g.rets[i];
    for (let hops = 0; g.nodes[r.node].op === 'Identity' && g.nodes[r.node].inputs.length === 1 && hops < g.nodes.length; hops++) r = g.nodes[r.node].inputs[0];
    if (r.node !== call.index || r.output !== i) return null;
  }
  return calleeOf(call);
}
