/**
 * Planning: from a GraphIndex, the fed tensors, the fetched tensors and the target nodes, the
 * ordered list of steps that computes the fetches. Pruned to what fetches and targets need
 * (through data and control edges), stopping at fed tensors; topologically ordered; every value
 * gets a slot, and each step lists the slots whose last reader it is, so they are freed at once.
 */
import { SavedModelError } from '../errors.js';
import type { DataType } from '@tensorflow/tfjs-core';
import type { TfDType } from '../graph/dtypes.js';
import type { GraphIndex, IndexedNode, TensorRef } from './graph_index.js';
import type { RunState } from './interpreter.js';

/** One node to execute. */
export interface PlanStep {
  readonly node: IndexedNode;
  /** Value slot per data input. */
  readonly inputSlots: Int32Array;
  /** Value slot per output; -1 when no one reads it (the output is freed at once). */
  readonly outputSlots: Int32Array;
  /** Slots freed after this step (their last reader). */
  readonly frees: Int32Array;
  /** Inputs to dereference (a TF1 ref edge read by a non-ref arg); `null` when none. */
  readonly deref: Int32Array | null;
  /** Node indices of control inputs (for dead-branch propagation); empty unless the plan has Switch. */
  readonly controls: Int32Array;
  /** A `ReadVariableOp`: a synchronous run of a plan with `borrowReads` lends the variable's tensor. */
  readonly readsVariable: boolean;
  /** Set on a fused chain (see fusion.ts): inputs are (input, weights, bias), `node` is the chain's head. */
  readonly fused?: FusedOp;
}

/** The product of a fused chain (see fusion.ts). */
export type FusedHead =
  | { readonly kind: 'matmul'; readonly transposeA: boolean; readonly transposeB: boolean }
  | { readonly kind: 'conv2d'; readonly strides: [number, number]; readonly dilations: [number, number]; readonly pad: 'same' | 'valid' };

/** A product, its bias and activation run as one kernel (see fusion.ts). */
export type FusedOp = FusedHead & { readonly activation: 'linear' | 'relu' | 'relu6' };

/** An executable plan. */
export interface Plan {
  readonly steps: readonly PlanStep[];
  readonly numSlots: number;
  /** Slot of each feed, in the order the feeds were given. */
  readonly feedSlots: Int32Array;
  /** Slot of each fetch, in order. */
  readonly fetchSlots: Int32Array;
  /** True when the plan contains Switch (values may be dead). */
  readonly mayBeDead: boolean;
  /** Nodes executed (for diagnostics). */
  readonly size: number;
  /** Expected TF and tfjs dtype per feed, filled in by the executor. */
  feedDtypes?: ([TfDType, DataType] | undefined)[];
  /**
   * Set by the executor when no step can mutate a variable (see mutation.ts): synchronous runs
   * then hand variable reads out as borrowed tensors (no new tensor per read).
   */
  borrowReads?: boolean;
  /** A finished synchronous run's state, reused by the plan's next run (see interpreter.ts `recycleState`). */
  idle?: RunState;
}

const REF_PRODUCERS = new Set(['VariableV2', 'Variable', 'TemporaryVariable', 'RefIdentity', 'RefSwitch', 'RefMerge', 'RefEnter', 'RefExit', 'RefNextIteration', 'Assign', 'AssignAdd', 'AssignSub', 'ScatterUpdate', 'ScatterAdd', 'ScatterSub']);

function key(r: TensorRef): number {
  return r.node * 65536 + r.output;
}

/**
 * Builds the plan. Throws INVALID_ARGUMENT on cycles (TF1 loops are collapsed beforehand).
 * `done` names nodes treated as already run (their control edges are satisfied, their fed
 * outputs available): a loop body's Merge and Switch nodes.
 */
export function buildPlan(g: GraphIndex, feeds: readonly TensorRef[], fetches: readonly TensorRef[], targets: readonly number[], done?: ReadonlySet<number>): Plan {
  const fed = new Set(feeds.map(key));
  const nodes = g.nodes;
  // 1. Prune: nodes needed by fetches and targets, not crossing fed tensors.
  const needed = new Uint8Array(nodes.length);
  const stack: number[] = [];
  const need = (i: number): void => {
    if (!needed[i] && !done?.has(i)) {
      needed[i] = 1;
      stack.push(i);
    }
  };
  for (const f of fetches) if (!fed.has(key(f))) need(f.node);
  for (const t of targets) need(t);
  while (stack.length) {
    const n = nodes[stack.pop()!];
    for (const r of n.inputs) if (!fed.has(key(r))) need(r.node);
    for (const c of n.controls) need(c);
  }
  // 2. Topological order (Kahn over needed nodes; edges from fed tensors do not count).
  const indeg = new Int32Array(nodes.length);
  const consumers: number[][] = nodes.map(() => []);
  let count = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (!needed[i]) continue;
    count++;
    const n = nodes[i];
    for (const r of n.inputs) {
      if (fed.has(key(r))) continue;
      indeg[i]++;
      consumers[r.node].push(i);
    }
    for (const c of n.controls) {
      if (done?.has(c)) continue;
      indeg[i]++;
      consumers[c].push(i);
    }
  }
  const order: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (needed[i] && indeg[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    for (const c of consumers[order[k]]) if (--indeg[c] === 0) order.push(c);
  }
  if (order.length !== count) {
    const stuck = nodes.filter((n, i) => needed[i] && indeg[i] > 0).map((n) => n.name);
    throw new SavedModelError('INVALID_ARGUMENT', `${g.what}: the nodes needed form a cycle (${stuck.slice(0, 5).join(', ')}${stuck.length > 5 ? ', …' : ''})`);
  }
  // 3. Slots: feeds first, then every output someone reads or fetches.
  const slotOf = new Map<number, number>();
  let numSlots = 0;
  const slot = (r: TensorRef): number => {
    const k = key(r);
    let s = slotOf.get(k);
    if (s === undefined) {
      s = numSlots++;
      slotOf.set(k, s);
    }
    return s;
  };
  const feedSlots = Int32Array.from(feeds, slot);
  const fetchSlots = Int32Array.from(fetches, slot);
  const lastUse = new Map<number, number>();
  order.forEach((i, stepNo) => {
    for (const r of nodes[i].inputs) lastUse.set(slot(r), stepNo);
  });
  const pinned = new Set<number>([...fetchSlots, ...feedSlots]);
  const freesAt: number[][] = order.map(() => []);
  for (const [s, stepNo] of lastUse) if (!pinned.has(s)) freesAt[stepNo].push(s);
  const mayBeDead = order.some((i) => nodes[i].op === 'Switch' || nodes[i].op === 'RefSwitch');
  const steps: PlanStep[] = order.map((i, stepNo) => {
    const n = nodes[i];
    const outputSlots = new Int32Array(n.numOutputs).fill(-1);
    for (let o = 0; o < n.numOutputs; o++) {
      const s = slotOf.get(key({ node: i, output: o }));
      if (s !== undefined && !fed.has(key({ node: i, output: o }))) outputSlots[o] = s;
    }
    const deref: number[] = [];
    n.inputs.forEach((r, k) => {
      if (!n.refInputs[k] && REF_PRODUCERS.has(nodes[r.node].op)) deref.push(k);
    });
    return {
      node: n,
      inputSlots: Int32Array.from(n.inputs, (r) => slotOf.get(key(r))!),
      outputSlots,
      frees: Int32Array.from(freesAt[stepNo]),
      deref: deref.length ? Int32Array.from(deref) : null,
      controls: mayBeDead ? Int32Array.from(n.controls) : new Int32Array(0),
      readsVariable: n.op === 'ReadVariableOp' && n.inputs.length === 1,
    };
  });
  return { steps, numSlots, feedSlots, fetchSlots, mayBeDead, size: order.length };
}
