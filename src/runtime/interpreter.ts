/**
 * Runs a Plan: calls each step's kernel on the values in its input slots, stores the outputs,
 * frees values after their last reader, propagates TF1 dead branches, and dereferences TF1
 * reference edges where a non-ref input reads them. Sync and async forms share the step logic.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError, isSavedModelError } from '../errors.js';
import type { NodeContext } from './context.js';
import type { IndexedNode } from './graph_index.js';
import type { AsyncKernel, Kernel, KernelResult } from './kernel.js';
import type { Plan, PlanStep } from './plan.js';
import type { ResourceManager } from './resources.js';
import { DEAD, RefValue, ResourceHandle, RuntimeObject, type Value } from './values.js';
import { runFused } from './fusion.js';

/** A step's executable parts (per node, shared by all plans over one graph). */
export interface BoundNode {
  readonly sync?: Kernel;
  readonly async?: AsyncKernel;
  readonly ctx: NodeContext;
  /** Receives dead inputs instead of being skipped (Merge). */
  readonly acceptsDead: boolean;
}

/**
 * Per-run state. A synchronous run that ends normally hands it back to its plan (`recycleState`)
 * and the plan's next run reuses it (`newRunState` is only called when the plan has none idle:
 * first run, or a run of the same plan nested in one still going).
 */
export interface RunState {
  readonly plan: Plan;
  readonly bound: readonly BoundNode[];
  readonly values: (Value | undefined)[];
  /** Dead flags per node index, when the plan may produce dead values. */
  readonly deadNodes: Uint8Array | null;
  /** Slots holding caller-owned values (feeds), never freed. */
  readonly borrowed: Uint8Array;
  /** Tensors held by more than one slot (pass-through kernels), with their holder count (made on first use). */
  shared: Map<tf.Tensor, number> | null;
  readonly resources: ResourceManager;
  /** Input array of each step (by step number), made on the step's first run and refilled by later ones. */
  readonly inputs: (Value[] | undefined)[];
  /** Temporaries of the step running (dereferenced TF1 refs), freed after it. */
  readonly temps: tf.Tensor[];
}

/** A fresh state for a run of `plan` (no values yet). */
export function newRunState(plan: Plan, bound: readonly BoundNode[], resources: ResourceManager, numNodes: number): RunState {
  return {
    plan, bound, resources, shared: null,
    values: new Array<Value | undefined>(plan.numSlots),
    borrowed: new Uint8Array(plan.numSlots),
    deadNodes: plan.mayBeDead ? new Uint8Array(numNodes) : null,
    inputs: new Array<Value[] | undefined>(plan.steps.length),
    temps: [],
  };
}

/**
 * Hands a finished state (every slot already emptied by `releaseAll`) back to its plan for the
 * next run. Step input arrays keep their last references until refilled (the tensors were freed
 * or belong to the caller; only the JS objects stay reachable).
 */
export function recycleState(st: RunState): void {
  st.borrowed.fill(0);
  st.deadNodes?.fill(0);
  st.shared = null;
  st.temps.length = 0;
  st.plan.idle = st;
}

/** Wraps a kernel failure in a SavedModelError naming the node. */
export function nodeError(n: IndexedNode, e: unknown): SavedModelError {
  if (isSavedModelError(e)) return e as SavedModelError;
  const msg = e instanceof Error ? e.message : String(e);
  return new SavedModelError('INVALID_ARGUMENT', `node '${n.name}' (${n.op}): ${msg}`, { cause: e });
}

/** Collects a step's inputs; `null` when the node is dead (a dead input or control input). */
function gather(st: RunState, step: PlanStep, stepNo: number, temps: tf.Tensor[]): Value[] | null {
  const { values } = st;
  const slots = step.inputSlots;
  let ins = st.inputs[stepNo];
  if (ins === undefined) st.inputs[stepNo] = ins = new Array<Value>(slots.length);
  const accepts = st.bound[step.node.index].acceptsDead;
  let dead = false;
  for (let k = 0; k < slots.length; k++) {
    const v = values[slots[k]];
    if (v === undefined) throw new SavedModelError('INTERNAL', `node '${step.node.name}': input ${k} was not computed`);
    if (v === DEAD) dead = true;
    ins[k] = v;
  }
  if (st.deadNodes) {
    for (const c of step.controls) if (st.deadNodes[c]) dead = true;
    if (dead && !accepts) return null;
  }
  if (step.deref) {
    for (const k of step.deref) {
      const v = ins[k];
      if (v instanceof RefValue) {
        const t = st.resources.variable(v.handle).read();
        temps.push(t);
        ins[k] = t;
      }
    }
  }
  return ins;
}

/** Frees a value a slot owned: kept tensors (memoised constants) stay, shared ones lose a holder. */
function releaseOwned(st: RunState, v: Value): void {
  // (`instanceof RuntimeObject` is a plain prototype check; tf.Tensor's instanceof runs a function.)
  if (!(v instanceof RuntimeObject)) {
    if (v.kept) return;
    const shared = st.shared;
    const n = shared === null ? undefined : shared.get(v);
    if (n !== undefined) {
      if (n > 2) shared!.set(v, n - 1);
      else shared!.delete(v);
      return;
    }
    v.dispose();
  } else v.release();
}

/** Empties slot `s`, freeing its value if the slot owned it. */
export function dropSlot(st: RunState, s: number): void {
  const v = st.values[s];
  st.values[s] = undefined;
  if (v !== undefined && !st.borrowed[s]) releaseOwned(st, v);
}

/**
 * Stores a kernel's outputs into slots. An output that is one of the inputs (a pass-through
 * such as Identity) is shared: it inherits a borrowed input's status, takes over a temporary,
 * or gets one more holder, so it is freed only when its last holder lets go.
 */
function scatter(st: RunState, step: PlanStep, ins: readonly Value[], result: KernelResult, temps: tf.Tensor[]): void {
  const outs = step.outputSlots;
  // The common case: one new output value.
  if (!Array.isArray(result) && outs.length === 1 && result !== DEAD && ins.indexOf(result) < 0) {
    if (outs[0] < 0) releaseOwned(st, result);
    else st.values[outs[0]] = result;
    return;
  }
  const list = Array.isArray(result) ? result : [result];
  if (list.length !== outs.length) {
    list.forEach((v) => (ins.includes(v) ? undefined : releaseOwned(st, v)));
    throw new SavedModelError('INTERNAL', `node '${step.node.name}' (${step.node.op}): kernel returned ${list.length} outputs, the op has ${outs.length}`);
  }
  let dead = list.length > 0;
  for (let o = 0; o < list.length; o++) {
    const v = list[o];
    if (v !== DEAD) dead = false;
    const s = outs[o];
    const k = ins.indexOf(v);
    const earlier = list.indexOf(v);
    if (k < 0 && earlier === o) {
      if (s < 0) releaseOwned(st, v);
      else st.values[s] = v;
      continue;
    }
    if (s < 0) continue;
    st.values[s] = v;
    if (v === DEAD) continue;
    // A second holder: of an input (pass-through) or of an earlier output of this step.
    const prior = k >= 0 ? step.inputSlots[k] : outs[earlier];
    if (v instanceof RuntimeObject) v.retain();
    else if (k >= 0 && temps.includes(v)) temps.splice(temps.indexOf(v), 1);
    else if (prior >= 0 && st.borrowed[prior]) st.borrowed[s] = 1;
    else if (!v.kept && (k >= 0 || prior >= 0)) {
      const shared = (st.shared ??= new Map());
      shared.set(v, (shared.get(v) ?? 1) + 1);
    }
  }
  if (st.deadNodes && dead) st.deadNodes[step.node.index] = 1;
}

function markDead(st: RunState, step: PlanStep): void {
  for (const s of step.outputSlots) if (s >= 0) st.values[s] = DEAD;
  st.deadNodes![step.node.index] = 1;
}

function free(st: RunState, step: PlanStep, temps: tf.Tensor[]): void {
  const frees = step.frees;
  for (let k = 0; k < frees.length; k++) dropSlot(st, frees[k]);
  if (temps.length) {
    for (const t of temps) t.dispose();
    temps.length = 0;
  }
}

/**
 * A `ReadVariableOp` of a plan that cannot mutate variables, run synchronously: the variable's
 * own tensor goes into the output slot as a borrowed value (never freed by the run; fetched, it
 * is aliased). False when the handle is not an initialized variable: the kernel then runs and
 * reports it.
 */
function borrowRead(st: RunState, step: PlanStep): boolean {
  const h = st.values[step.inputSlots[0]];
  if (!(h instanceof ResourceHandle)) return false;
  const v = st.resources.initializedVariable(h);
  if (!v) return false;
  const out = step.outputSlots[0];
  if (out >= 0) {
    st.values[out] = v;
    st.borrowed[out] = 1;
  }
  return true;
}

/** Runs every step synchronously. Throws UNIMPLEMENTED for async-only kernels. */
export function runSync(st: RunState): void {
  const temps = st.temps;
  // Not while gradients are recorded: the tape keeps what it saw until the backward pass.
  const borrowReads = st.plan.borrowReads === true && st.deadNodes === null && !tf.engine().isTapeOn();
  const steps = st.plan.steps;
  const bound = st.bound;
  let k = 0;
  try {
    for (; k < steps.length; k++) {
      const step = steps[k];
      if (!(borrowReads && step.readsVariable && borrowRead(st, step))) {
        const ins = gather(st, step, k, temps);
        if (ins === null) markDead(st, step);
        else if (step.fused) scatter(st, step, ins, runFused(step.fused, ins as tf.Tensor[]), temps);
        else {
          const b = bound[step.node.index];
          if (!b.sync) throw new SavedModelError('UNIMPLEMENTED', `node '${step.node.name}' (${step.node.op}) only runs asynchronously (use runAsync)`);
          scatter(st, step, ins, b.sync(ins as tf.Tensor[], b.ctx), temps);
        }
      }
      free(st, step, temps);
    }
  } catch (e) {
    const step = steps[k];
    try {
      free(st, step, temps);
    } catch {
      // the step's own failure is the one reported
    }
    throw nodeError(step.node, e);
  }
}

/** Runs every step, awaiting async kernels. */
export async function runAsync(st: RunState): Promise<void> {
  const temps = st.temps;
  const steps = st.plan.steps;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    const b = st.bound[step.node.index];
    try {
      const ins = gather(st, step, k, temps);
      if (ins === null) markDead(st, step);
      else if (step.fused) scatter(st, step, ins, runFused(step.fused, ins as tf.Tensor[]), temps);
      else if (b.async) scatter(st, step, ins, await b.async(ins as tf.Tensor[], b.ctx), temps);
      else scatter(st, step, ins, b.sync!(ins as tf.Tensor[], b.ctx), temps);
    } catch (e) {
      throw nodeError(step.node, e);
    } finally {
      free(st, step, temps);
    }
  }
}

/** Releases every value still held in the slots except borrowed ones and, when `keepFetches`, the fetched slots. */
export function releaseAll(st: RunState, keepFetches = false): void {
  const values = st.values;
  if (keepFetches) {
    const fetched = st.plan.fetchSlots;
    for (let i = 0; i < fetched.length; i++) values[fetched[i]] = undefined;
  }
  for (let s = 0; s < values.length; s++) if (values[s] !== undefined) dropSlot(st, s);
}

