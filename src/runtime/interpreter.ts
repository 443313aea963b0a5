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
import { DEAD, RefValue, releaseValue, type Value } from './values.js';

/** A step's executable parts (per node, shared by all plans over one graph). */
export interface BoundNode {
  readonly sync?: Kernel;
  readonly async?: AsyncKernel;
  readonly ctx: NodeContext;
  /** Receives dead inputs instead of being skipped (Merge). */
  readonly acceptsDead: boolean;
}

/** Per-run state. */
export interface RunState {
  readonly plan: Plan;
  readonly bound: readonly BoundNode[];
  readonly values: (Value | undefined)[];
  /** Dead flags per node index, when the plan may produce dead values. */
  readonly deadNodes: Uint8Array | null;
  /** Slots holding caller-owned values (feeds), never freed. */
  readonly borrowed: Uint8Array;
  readonly resources: ResourceManager;
}

/** Wraps a kernel failure in a SavedModelError naming the node. */
export function nodeError(n: IndexedNode, e: unknown): SavedModelError {
  if (isSavedModelError(e)) return e as SavedModelError;
  const msg = e instanceof Error ? e.message : String(e);
  return new SavedModelError('INVALID_ARGUMENT', `node '${n.name}' (${n.op}): ${msg}`, { cause: e });
}

/** Collects a step's inputs; `null` when the node is dead (a dead input or control input). */
function gather(st: RunState, step: PlanStep, temps: tf.Tensor[]): Value[] | null {
  const { values } = st;
  const slots = step.inputSlots;
  const ins: Value[] = new Array(slots.length);
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

/** Stores a kernel's outputs into slots, cloning any output that is one of the inputs. */
function scatter(st: RunState, step: PlanStep, ins: readonly Value[], result: KernelResult): void {
  const outs = step.outputSlots;
  const list = Array.isArray(result) ? result : [result];
  if (list.length !== outs.length) {
    list.forEach((v) => releaseValue(v));
    throw new SavedModelError('INTERNAL', `node '${step.node.name}' (${step.node.op}): kernel returned ${list.length} outputs, the op has ${outs.length}`);
  }
  let dead = true;
  for (let o = 0; o < list.length; o++) {
    let v = list[o];
    if (v !== DEAD) dead = false;
    if (ins.includes(v)) v = v instanceof tf.Tensor ? tf.clone(v) : v.retain();
    const s = o < outs.length ? outs[o] : -1;
    if (s < 0) releaseValue(v);
    else st.values[s] = v;
  }
  if (st.deadNodes && dead && list.length > 0) st.deadNodes[step.node.index] = 1;
}

function markDead(st: RunState, step: PlanStep): void {
  for (const s of step.outputSlots) if (s >= 0) st.values[s] = DEAD;
  st.deadNodes![step.node.index] = 1;
}

function free(st: RunState, step: PlanStep, temps: tf.Tensor[]): void {
  for (const s of step.frees) {
    if (!st.borrowed[s]) releaseValue(st.values[s]);
    st.values[s] = undefined;
  }
  for (const t of temps) t.dispose();
  temps.length = 0;
}

/** Runs every step synchronously. Throws UNIMPLEMENTED for async-only kernels. */
export function runSync(st: RunState): void {
  const temps: tf.Tensor[] = [];
  for (const step of st.plan.steps) {
    const b = st.bound[step.node.index];
    try {
      const ins = gather(st, step, temps);
      if (ins === null) markDead(st, step);
      else {
        if (!b.sync) throw new SavedModelError('UNIMPLEMENTED', `node '${step.node.name}' (${step.node.op}) only runs asynchronously (use runAsync)`);
        scatter(st, step, ins, b.sync(ins as tf.Tensor[], b.ctx));
      }
    } catch (e) {
      throw nodeError(step.node, e);
    } finally {
      free(st, step, temps);
    }
  }
}

/** Runs every step, awaiting async kernels. */
export async function runAsync(st: RunState): Promise<void> {
  const temps: tf.Tensor[] = [];
  for (const step of st.plan.steps) {
    const b = st.bound[step.node.index];
    try {
      const ins = gather(st, step, temps);
      if (ins === null) markDead(st, step);
      else if (b.async) scatter(st, step, ins, await b.async(ins as tf.Tensor[], b.ctx));
      else scatter(st, step, ins, b.sync!(ins as tf.Tensor[], b.ctx));
    } catch (e) {
      throw nodeError(step.node, e);
    } finally {
      free(st, step, temps);
    }
  }
}

/** Releases every value still held in the slots except borrowed ones and, when `keepFetches`, the fetched slots. */
export function releaseAll(st: RunState, keepFetches = false): void {
  const keep = keepFetches ? st.plan.fetchSlots : null;
  st.values.forEach((v, s) => {
    if (v !== undefined && !st.borrowed[s] && !keep?.includes(s)) releaseValue(v);
    st.values[s] = undefined;
  });
}

