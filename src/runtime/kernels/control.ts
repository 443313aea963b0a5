/**
 * Kernels: function calls and control flow (definitions: src/graph/ops/control.ts). Functional
 * control flow is written once as a generator that yields function calls; `sync`/`async` drive
 * it with the executor's synchronous or asynchronous function call.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelResult, KernelSpec, KernelTable } from '../kernel.js';
import { DEAD, releaseValue, type Value } from '../values.js';

/** A function call a control kernel asks its driver to make. */
interface Call {
  readonly fn: string;
  readonly args: readonly Value[];
}

type Flow = Generator<Call, KernelResult, Value[]>;

function drive(flow: (ins: Value[], ctx: KernelContext) => Flow): KernelSpec {
  return {
    kernel: (ins, ctx) => {
      const g = flow(ins, ctx);
      let r = g.next();
      while (!r.done) r = g.next(ctx.runtime.callFunction(r.value.fn, r.value.args));
      return r.value;
    },
    async: async (ins, ctx) => {
      const g = flow(ins, ctx);
      let r = g.next();
      while (!r.done) r = g.next(await ctx.runtime.callFunctionAsync(r.value.fn, r.value.args));
      return r.value;
    },
  };
}

/**
 * TF's truth value of a condition tensor: a scalar is true when non-zero (strings: non-empty);
 * a non-scalar is true when it has elements.
 */
export function truthy(v: Value, ctx: KernelContext): boolean {
  if (!(v instanceof tf.Tensor)) throw ctx.error('INVALID_ARGUMENT', `condition must be a tensor, found a ${v.kind}`);
  if (v.rank > 0) return v.size > 0;
  if (v.dtype === 'string') return (v.dataSync() as unknown as Uint8Array[])[0]?.length > 0;
  return v.dataSync()[0] !== 0;
}

function* call(ins: Value[], ctx: KernelContext): Flow {
  return yield { fn: ctx.func('f').name, args: ins };
}

function* ifFlow(ins: Value[], ctx: KernelContext): Flow {
  const branch = truthy(ins[0], ctx) ? 'then_branch' : 'else_branch';
  return yield { fn: ctx.func(branch).name, args: ins.slice(1) };
}

function* caseFlow(ins: Value[], ctx: KernelContext): Flow {
  const branches = ctx.attrs.branches;
  if (!Array.isArray(branches) || branches.length === 0) throw ctx.error('INVALID_ARGUMENT', 'Case needs at least one branch');
  const idx = (ins[0] as tf.Tensor).dataSync()[0];
  // Out-of-range indices run the last branch, as in TF.
  const fn = branches[idx >= 0 && idx < branches.length ? idx : branches.length - 1] as { name: string };
  return yield { fn: fn.name, args: ins.slice(1) };
}

function* whileFlow(ins: Value[], ctx: KernelContext): Flow {
  const cond = ctx.func('cond').name;
  const body = ctx.func('body').name;
  let vars: Value[] = ins;
  let owned = false;
  const drop = (old: Value[], keep: Value[]): void => {
    if (owned) for (const v of old) if (!keep.includes(v)) releaseValue(v);
  };
  try {
    for (let i = 0; ; i++) {
      const [c] = yield { fn: cond, args: vars };
      const go = truthy(c, ctx);
      releaseValue(c);
      if (!go) break;
      if (i >= ctx.runtime.maxLoopIterations) {
        throw ctx.error('RESOURCE_EXHAUSTED', `While loop ran ${i} iterations, the limit (maxLoopIterations) is ${ctx.runtime.maxLoopIterations}`);
      }
      const next = yield { fn: body, args: vars };
      drop(vars, next);
      vars = next;
      owned = true;
    }
  } catch (e) {
    drop(vars, []);
    throw e;
  }
  // A loop that never ran hands back its inputs (the executor shares them).
  return vars;
}

/** Forwards `data` to one output of a Switch, the other one is dead. */
function switchKernel(ins: tf.Tensor[], ctx: KernelContext): Value[] {
  const data = ins[0] as Value;
  return truthy(ins[1], ctx) ? [DEAD, data] : [data, DEAD];
}

/** First live input of a Merge, with its index. */
function mergeKernel(ins: tf.Tensor[]): Value[] {
  const vals = ins as Value[];
  const i = vals.findIndex((v) => v !== DEAD);
  if (i < 0) return [DEAD, DEAD];
  return [vals[i], tf.scalar(i, 'int32')];
}

const forward = ([x]: tf.Tensor[]): Value => x;

export const controlKernels: KernelTable = {
  NoOp: () => [],
  ControlTrigger: () => [],
  PartitionedCall: drive(call),
  StatefulPartitionedCall: drive(call),
  If: drive(ifFlow),
  StatelessIf: drive(ifFlow),
  While: drive(whileFlow),
  StatelessWhile: drive(whileFlow),
  Case: drive(caseFlow),
  StatelessCase: drive(caseFlow),
  Switch: switchKernel,
  RefSwitch: switchKernel,
  Merge: mergeKernel,
  RefMerge: mergeKernel,
  Enter: forward,
  RefEnter: forward,
  Exit: forward,
  RefExit: forward,
  NextIteration: forward,
  RefNextIteration: forward,
  LoopCond: forward,
};
