/**
 * Kernels: function calls and control flow (definitions: src/graph/ops/control.ts). Functional
 * control flow is written once as a generator that yields function calls; `sync`/`async` drive
 * it with the executor's synchronous or asynchronous function call.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelResult, KernelSpec, KernelTable } from '../kernel.js';
import { isTrue, loopSteps } from '../loop.js';
import { DEAD, type Value } from '../values.js';

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
      while (!r.done) {
        let out: Value[];
        try {
          out = ctx.runtime.callFunction(r.value.fn, r.value.args);
        } catch (e) {
          r = g.throw(e);
          continue;
        }
        r = g.next(out);
      }
      return r.value;
    },
    async: async (ins, ctx) => {
      const g = flow(ins, ctx);
      let r = g.next();
      while (!r.done) {
        let out: Value[];
        try {
          out = await ctx.runtime.callFunctionAsync(r.value.fn, r.value.args);
        } catch (e) {
          r = g.throw(e);
          continue;
        }
        r = g.next(out);
      }
      return r.value;
    },
  };
}

/** TF's truth value of a condition tensor (see loop.ts). */
export function truthy(v: Value, ctx: KernelContext): boolean {
  return isTrue(v, `node '${ctx.node}' (${ctx.op})`);
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
  const fns = { cond: ctx.func('cond').name, body: ctx.func('body').name };
  const loop = loopSteps(ins, ctx.runtime.maxLoopIterations, `node '${ctx.node}' (${ctx.op}): While loop`);
  let r = loop.next();
  while (!r.done) {
    let out: Value[];
    try {
      out = yield { fn: fns[r.value.kind], args: r.value.vars };
    } catch (e) {
      r = loop.throw(e);
      continue;
    }
    r = loop.next(out);
  }
  // A loop that never ran hands back its inputs (the executor shares them).
  return r.value;
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
