/**
 * `Executor`: runs a GraphDef and its function library on tfjs with TensorFlow's semantics.
 * `run(feeds, fetches, targets)` is TF1's `session.run`: any tensor can be fed (feeding overrides
 * its producer), fetches are tensor names (`name:idx`, `name` = `name:0`), targets are nodes run
 * for their effects. Plans are built once per (feeds, fetches, targets) and cached; state
 * (variables, tables) lives in the ResourceManager and persists across runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { AttrJs } from '../graph/attrs.js';
import type { TfDType } from '../graph/dtypes.js';
import type { FunctionLibraryLike, GraphDefLike, NodeDefLike } from '../graph/node.js';
import type { FileSystem } from '../io/index.js';
import { NodeContext, OwnedTensors } from './context.js';
import { GraphIndex, type IndexedNode, type TensorRef } from './graph_index.js';
import { newRunState, recycleState, runAsync, runSync, releaseAll, type BoundNode, type RunState } from './interpreter.js';
import type { CheckpointService, Kernel, RuntimeServices } from './kernel.js';
import { FunctionLibrary, functionRefs } from './library.js';
import { buildPlan, type Plan } from './plan.js';
import { forwardedFunction } from './forward.js';
import { fusePlan } from './fusion.js';
import { MutationIndex } from './mutation.js';
import { getKernel } from './registry.js';
import { registerGradients } from './gradients.js';
import { ResourceManager } from './resources.js';
import { runLoopSync } from './loop.js';
import { DEAD, RefValue, RuntimeObject, alias, describeValue, releaseValue, type Value } from './values.js';
import { tfjsDtype } from './dtypes.js';

/** Options of an Executor. */
export interface ExecutorOptions {
  /** Function library; defaults to the GraphDef's own `library`. */
  library?: FunctionLibraryLike | null;
  /** State shared with other executors of the same model; a new one by default. */
  resources?: ResourceManager;
  /** File access for ops that read files (table initialisers). */
  fs?: FileSystem;
  /** Checkpoint access for SaveV2/RestoreV2/MergeV2Checkpoints (the loader supplies it). */
  checkpoints?: CheckpointService;
  /** Cap on iterations of one While loop (default 1e6); beyond it a RESOURCE_EXHAUSTED error. */
  maxLoopIterations?: number;
  /** Fuse MatMul/Conv2D → BiasAdd [→ Relu|Relu6] chains into one kernel (see fusion.ts); default false. */
  fuseOps?: boolean;
}

/** An op the runtime cannot execute, with where it was found. */
export interface UnsupportedOp {
  readonly op: string;
  readonly node: string;
  /** `graph` or `function 'name'`. */
  readonly where: string;
}

/** A library function ready to call: its prepared body and plan, or the function it forwards to. */
interface FunctionEntry {
  readonly p: Prepared;
  readonly plan: Plan;
  /** The function called instead, when the body only passes its arguments to one call and returns its results. */
  readonly forward: string | null;
  readonly what: string;
  readonly describeOutput: (i: number) => string;
}

/** Feeds: tensor name → tensor (`'x:0'` or `'x'`). */
export type Feeds = Record<string, tf.Tensor> | ReadonlyMap<string, tf.Tensor>;

/**
 * A graph or function body prepared for execution: its index, cached plans, and kernels bound
 * lazily — only the nodes of a plan about to run, so ops no plan reaches never need a kernel.
 */
class Prepared {
  readonly plans = new Map<string, Plan>();
  private readonly boundNodes: BoundNode[];
  private readonly boundPlans = new WeakSet<Plan>();

  constructor(readonly index: GraphIndex, private readonly binder: (i: number, p: Prepared) => BoundNode) {
    this.boundNodes = new Array<BoundNode>(index.nodes.length);
  }

  /**
   * The bound nodes by node index, every step of `plan` among them (bound on first use; throws
   * the binder's UNIMPLEMENTED SavedModelError for a step whose op has no kernel).
   */
  boundFor(plan: Plan): readonly BoundNode[] {
    if (!this.boundPlans.has(plan)) {
      for (const step of plan.steps) {
        const i = step.node.index;
        this.boundNodes[i] ??= this.binder(i, this);
      }
      this.boundPlans.add(plan);
    }
    return this.boundNodes;
  }
}

const IDENTITY_FEED_OPS = new Set(['Placeholder', 'PlaceholderV2', 'PlaceholderWithDefault']);

/** Runs a GraphDef (and functions of its library) on tfjs. */
export class Executor implements RuntimeServices {
  readonly resources: ResourceManager;
  readonly fs?: FileSystem;
  readonly checkpoints?: CheckpointService;
  readonly maxLoopIterations: number;
  readonly library: FunctionLibrary;
  private readonly owned = new OwnedTensors();
  private mainGraph: Prepared | undefined;
  private readonly functions = new Map<string, Prepared>();
  private readonly entries = new Map<string, FunctionEntry>();
  private readonly mutation: MutationIndex;
  private readonly fuseOps: boolean;

  constructor(private readonly graph: GraphDefLike, opts: ExecutorOptions = {}) {
    this.library = new FunctionLibrary(opts.library ?? graph.library);
    this.resources = opts.resources ?? new ResourceManager();
    this.fs = opts.fs;
    this.checkpoints = opts.checkpoints;
    this.maxLoopIterations = opts.maxLoopIterations ?? 1_000_000;
    this.mutation = new MutationIndex(this.library);
    this.fuseOps = opts.fuseOps ?? false;
    registerGradients();
  }

  private main(): Prepared {
    this.mainGraph ??= new Prepared(GraphIndex.fromGraph(this.graph.node ?? [], this.library), (i, p) => this.bind(i, p));
    return this.mainGraph;
  }

  private fn(name: string): Prepared {
    let p = this.functions.get(name);
    if (!p) {
      p = new Prepared(GraphIndex.fromFunction(this.library.get(name), this.library), (i, p) => this.bind(i, p));
      this.functions.set(name, p);
    }
    return p;
  }

  /**
   * Every node whose op has no kernel, in the graph and in the library functions it can call
   * (through call ops and `func` attrs, transitively), plus functions reachable from `roots`
   * (e.g. the concrete functions of a TF2 object graph). Functions nothing refers to (gradient
   * functions, the CuDNN alternatives of Keras RNNs) are not checked: they never run.
   */
  unsupportedOps(roots: readonly string[] = []): UnsupportedOp[] {
    const out: UnsupportedOp[] = [];
    const seen = new Set<string>();
    const queue: string[] = [];
    const scan = (nodes: readonly NodeDefLike[], where: string): void => {
      for (const n of nodes) {
        const op = n.op ?? '';
        if (!getKernel(op) && !this.library.has(op)) out.push({ op, node: n.name ?? '', where });
        for (const f of functionRefs(n, this.library)) if (!seen.has(f)) seen.add(f) && queue.push(f);
      }
    };
    scan(this.graph.node ?? [], 'graph');
    for (const r of roots) if (!seen.has(r)) seen.add(r) && queue.push(r);
    while (queue.length) {
      const name = queue.shift()!;
      if (!this.library.has(name)) {
        out.push({ op: name, node: name, where: 'function library (missing function)' });
        continue;
      }
      scan(this.library.get(name).nodeDef ?? [], `function '${name}'`);
    }
    return out;
  }

  /**
   * Indexes the graph and checks every op; throws one UNIMPLEMENTED SavedModelError listing all
   * unsupported ops with their nodes.
   */
  prepare(): void {
    const missing = this.unsupportedOps();
    if (missing.length) {
      const ops = [...new Set(missing.map((m) => m.op))].sort();
      const detail = missing.slice(0, 20).map((m) => `${m.node} (${m.op}, in ${m.where})`).join(', ');
      throw new SavedModelError('UNIMPLEMENTED', `unsupported TensorFlow op(s) ${ops.join(', ')}; used by ${detail}${missing.length > 20 ? `, and ${missing.length - 20} more` : ''}`);
    }
    this.main();
  }

  /** Binds node `i` of a prepared graph to its kernel and context. */
  private bind(i: number, p: Prepared): BoundNode {
    const g = p.index;
    const n = g.nodes[i];
    const ctx = new NodeContext(n.name, n.op, n.attrs, n.numOutputs, n.outDtypes, this, this.owned);
    if (n.op === '_Arg') return { ctx, acceptsDead: false, sync: argKernel };
    if (n.loop) return { ctx, acceptsDead: false, sync: (ins) => this.runLoop(p, n, ins) };
    if (n.isFunctionCall) {
      const call: Kernel = (ins) => this.callFunction(n.op, ins, n.attrs);
      return { ctx, acceptsDead: false, sync: call, async: (ins) => this.callFunctionAsync(n.op, ins, n.attrs) };
    }
    const k = getKernel(n.op);
    if (!k) throw new SavedModelError('UNIMPLEMENTED', `${g.what}: node '${n.name}' uses op ${n.op}, which this runtime does not support`);
    return { ctx, acceptsDead: n.op === 'Merge' || n.op === 'RefMerge', sync: k.sync, async: k.async };
  }

  private parseRef(g: GraphIndex, name: string): TensorRef {
    return g.resolveTensor(name, false, `'${name}'`);
  }

  private planFor(p: Prepared, feedNames: readonly string[], fetches: readonly string[], targets: readonly string[]): Plan {
    const key = `${feedNames.join(',')}|${fetches.join(',')}|${targets.join(',')}`;
    let plan = p.plans.get(key);
    if (!plan) {
      const g = p.index;
      const targetNodes = targets.map((t) => {
        const i = g.byName.get(t.startsWith('^') ? t.slice(1) : t);
        if (i === undefined) throw new SavedModelError('NOT_FOUND', `target '${t}' is not a node of the graph`);
        return i;
      });
      const feedRefs = feedNames.map((f) => this.parseRef(g, f));
      plan = this.optimize(g, buildPlan(g, feedRefs, fetches.map((f) => this.parseRef(g, f)), targetNodes));
      this.markReadOnly(plan);
      // The tfjs dtype each feed must have (placeholders only; feeding other tensors is unchecked).
      plan.feedDtypes = feedRefs.map((r) => {
        const n = g.nodes[r.node];
        const want = IDENTITY_FEED_OPS.has(n.op) ? n.outDtypes[r.output] : undefined;
        return want && want !== 'resource' && want !== 'variant' ? [want, tfjsDtype(want)] : undefined;
      });
      p.plans.set(key, plan);
    }
    return plan;
  }

  /** The plan with fusible chains fused, when the executor fuses. */
  private optimize(g: GraphIndex, plan: Plan): Plan {
    return this.fuseOps ? fusePlan(g, plan) : plan;
  }

  /** Lets synchronous runs of `plan` borrow variable reads when none of its steps can mutate a variable. */
  private markReadOnly(plan: Plan): void {
    plan.borrowReads = plan.steps.every((s) => !this.mutation.nodeMayMutate(s.node));
  }

  /** A state for a run of `plan` with the feeds in place: the plan's idle one when `reuse` and it has one, else a new one. */
  private start(p: Prepared, plan: Plan, feedValues: readonly Value[], reuse = false): RunState {
    let st = reuse ? plan.idle : undefined;
    if (st !== undefined) plan.idle = undefined;
    else st = newRunState(plan, p.boundFor(plan), this.resources, p.index.nodes.length);
    const { values, borrowed } = st;
    const feedSlots = plan.feedSlots;
    for (let i = 0; i < feedValues.length; i++) {
      values[feedSlots[i]] = feedValues[i];
      borrowed[feedSlots[i]] = 1;
    }
    return st;
  }

  /** Collects fetched values as new tensors owned by the caller. */
  private collect(st: RunState, what: (i: number) => string): Value[] {
    const slots = st.plan.fetchSlots;
    const out: Value[] = new Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      let v = st.values[s];
      if (v === undefined || v === DEAD) throw new SavedModelError('INVALID_ARGUMENT', `${what(i)} was not computed (it is on an untaken branch)`);
      // A value fetched twice is handed out as a second holder.
      const again = i > 0 && out.indexOf(v, 0) >= 0;
      if (v instanceof RefValue) v = this.resources.variable(v.handle).read();
      else if (!(v instanceof RuntimeObject)) {
        if (st.borrowed[s] || v.kept || again) v = alias(v);
      } else if (st.borrowed[s] || again) v.retain();
      out[i] = v;
    }
    return out;
  }

  private checkFeeds(plan: Plan, names: readonly string[], values: readonly tf.Tensor[]): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v instanceof tf.Tensor)) throw new SavedModelError('INVALID_ARGUMENT', `feed '${names[i]}' must be a tfjs tensor, got ${describeValue(v as Value)}`);
      if (v.isDisposed) throw new SavedModelError('INVALID_ARGUMENT', `feed '${names[i]}' is a disposed tensor`);
      const want = plan.feedDtypes?.[i];
      if (want && want[1] !== v.dtype) {
        throw new SavedModelError('INVALID_ARGUMENT', `feed '${names[i]}' expects ${want[0]} (tfjs ${want[1]}), got a ${v.dtype} tensor`);
      }
    }
  }

  private splitFeeds(feeds: Feeds): [string[], tf.Tensor[]] {
    const names: string[] = [];
    const values: tf.Tensor[] = [];
    if (feeds instanceof Map) {
      for (const [k, v] of feeds) {
        names.push(k);
        values.push(v);
      }
    } else {
      for (const k in feeds) {
        names.push(k);
        values.push((feeds as Record<string, tf.Tensor>)[k]);
      }
    }
    return [names, values];
  }

  /**
   * Runs the graph: returns one new tensor per fetch (the caller disposes them). Synchronous;
   * graphs with async-only ops (file-reading initialisers) need `runAsync`.
   */
  run(feeds: Feeds, fetches: readonly string[], targets: readonly string[] = []): tf.Tensor[] {
    const p = this.main();
    const [names, values] = this.splitFeeds(feeds);
    const plan = this.planFor(p, names, fetches, targets);
    this.checkFeeds(plan, names, values);
    return tf.tidy(() => {
      const st = this.start(p, plan, values);
      runSync(st);
      return this.collect(st, (i) => `fetch '${fetches[i]}'`) as tf.Tensor[];
    });
  }

  /** `run`, awaiting async kernels (file reads); use it for initialisers. */
  async runAsync(feeds: Feeds, fetches: readonly string[], targets: readonly string[] = []): Promise<tf.Tensor[]> {
    const p = this.main();
    const [names, values] = this.splitFeeds(feeds);
    const plan = this.planFor(p, names, fetches, targets);
    this.checkFeeds(plan, names, values);
    const st = this.start(p, plan, values);
    try {
      await runAsync(st);
      const out = this.collect(st, (i) => `fetch '${fetches[i]}'`) as tf.Tensor[];
      releaseAll(st, true);
      return out;
    } catch (e) {
      releaseAll(st);
      throw e;
    }
  }

  /** The function's entry (prepared body, plan, forwarding target), built on first use. */
  private functionEntry(name: string): FunctionEntry {
    let e = this.entries.get(name);
    if (!e) {
      const p = this.fn(name);
      const g = p.index;
      const targets = [...g.controlRets];
      for (const n of g.nodes) if (n.def?.stateful && !targets.includes(n.index)) targets.push(n.index);
      const plan = this.optimize(g, buildPlan(g, g.args.map((node) => ({ node, output: 0 })), g.rets, targets));
      this.markReadOnly(plan);
      const what = `function '${name}'`;
      e = { p, plan, forward: forwardedFunction(g, plan), what, describeOutput: (i) => `output ${i} of ${what}` };
      this.entries.set(name, e);
    }
    return e;
  }

  private checkArity(e: FunctionEntry, inputs: readonly Value[]): void {
    const n = e.p.index.args.length;
    if (inputs.length !== n) throw new SavedModelError('INVALID_ARGUMENT', `${e.what} takes ${n} input(s), got ${inputs.length}`);
  }

  /** Runs a plan with `inputs` fed (still the caller's); returns the fetched values, now the caller's. */
  private execPlan(p: Prepared, plan: Plan, inputs: readonly Value[], describeOutput: (i: number) => string): Value[] {
    const st = this.start(p, plan, inputs, true);
    try {
      runSync(st);
      const out = this.collect(st, describeOutput);
      releaseAll(st, true);
      recycleState(st);
      return out;
    } catch (e) {
      releaseAll(st);
      throw e;
    }
  }

  /** `execPlan` awaiting async kernels. */
  private async execPlanAsync(p: Prepared, plan: Plan, inputs: readonly Value[], describeOutput: (i: number) => string): Promise<Value[]> {
    const st = this.start(p, plan, inputs);
    try {
      await runAsync(st);
      const out = this.collect(st, describeOutput);
      releaseAll(st, true);
      return out;
    } catch (e) {
      releaseAll(st);
      throw e;
    }
  }

  /** Runs a library function; inputs stay the caller's, outputs are new. */
  callFunction(name: string, inputs: readonly Value[], _attrs?: Readonly<Record<string, AttrJs>>): Value[] {
    const e = this.functionEntry(name);
    this.checkArity(e, inputs);
    if (e.forward !== null) return this.callFunction(e.forward, inputs);
    return this.execPlan(e.p, e.plan, inputs, e.describeOutput);
  }

  /** `callFunction` allowing async kernels inside. */
  async callFunctionAsync(name: string, inputs: readonly Value[], _attrs?: Readonly<Record<string, AttrJs>>): Promise<Value[]> {
    const e = this.functionEntry(name);
    this.checkArity(e, inputs);
    if (e.forward !== null) return this.callFunctionAsync(e.forward, inputs);
    return this.execPlanAsync(e.p, e.plan, inputs, e.describeOutput);
  }

  /** Runs a collapsed TF1 while loop (see tf1_loops.ts); `ins` are its Enter inputs. */
  private runLoop(p: Prepared, n: IndexedNode, ins: readonly Value[]): Value[] {
    const info = n.loop!;
    const g = p.index;
    const merges = info.vars.map((v) => ({ node: v.merge, output: 0 }));
    const consts = info.constants.map((slot) => ({ node: info.enterNodes[slot], output: 0 }));
    const condKey = `loop:${info.frame}:cond`;
    const bodyKey = `loop:${info.frame}:body`;
    let cond = p.plans.get(condKey);
    // Merges, Switches and Enters count as run: their outputs are fed, control edges on them hold.
    const done = new Set([...info.vars.flatMap((v) => [v.merge, v.switchNode]), ...info.enterNodes]);
    if (!cond) {
      p.plans.set(condKey, (cond = buildPlan(g, [...merges, ...consts], [info.cond], [], done)));
      this.markReadOnly(cond);
    }
    let body = p.plans.get(bodyKey);
    if (!body) {
      const switches = info.vars.map((v) => ({ node: v.switchNode, output: 1 }));
      p.plans.set(bodyKey, (body = buildPlan(g, [...merges, ...switches, ...consts], info.vars.map((v) => v.next), [], done)));
      this.markReadOnly(body);
    }
    const constVals = info.constants.map((slot) => ins[slot]);
    const what = `TF1 while loop '${info.frame}'`;
    const vars = runLoopSync(info.vars.map((v) => ins[v.enter]), this.maxLoopIterations, what, (r) => (r.kind === 'cond'
      ? this.execPlan(p, cond!, [...r.vars, ...constVals], (i) => `output ${i} of loop condition of '${info.frame}'`)
      : this.execPlan(p, body!, [...r.vars, ...r.vars, ...constVals], (i) => `output ${i} of loop body of '${info.frame}'`)));
    const outs = info.exits.map((j) => vars[j]);
    for (const v of vars) if (!outs.includes(v) && !ins.includes(v)) releaseValue(v);
    return outs;
  }

  /** Output dtypes a library function declares. */
  functionOutputDtypes(name: string): (TfDType | undefined)[] {
    return this.fn(name).index.rets.map((r) => this.fn(name).index.nodes[r.node].outDtypes[r.output]);
  }

  /** Declared TF dtypes of tensors by name (`undefined` when the op definition does not say). */
  tensorDtypes(names: readonly string[]): (TfDType | undefined)[] {
    const g = this.main().index;
    return names.map((n) => {
      const r = this.parseRef(g, n);
      return g.nodes[r.node].outDtypes[r.output];
    });
  }

  /** Frees memoised constants. Resources belong to the ResourceManager (dispose it separately). */
  dispose(): void {
    this.owned.dispose();
    this.functions.clear();
    this.entries.clear();
    this.mainGraph = undefined;
  }
}

const argKernel: Kernel = (_, ctx) => {
  throw ctx.error('INTERNAL', 'function argument was not bound');
};
