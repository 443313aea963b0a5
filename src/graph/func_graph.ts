/**
 * `FuncGraph`: the graph of one function being traced (TF's `FuncGraph`). Arguments are
 * Placeholders; tensors of enclosing graphs and variables used in the body are captured as extra
 * Placeholders (they become trailing FunctionDef inputs, and callers pass the captured values);
 * stateful operations on the same resource are ordered by automatic control dependencies, and
 * `finish` wraps the outputs in Identity ops that run after every side effect, as
 * `tf.function` does.
 */
import { SavedModelError } from '../errors.js';
import { attr } from './build.js';
import { shapeProto } from './constant.js';
import type { TfDType } from './dtypes.js';
import { GraphBuilder, type VariableRef } from './graph_builder.js';
import type { AttrValueLike } from './node.js';
import type { Dims, Operation, SymbolicTensor } from './symbolic.js';

/** What a capture stands for outside the function: a variable, or a tensor of an enclosing graph. */
export type CaptureSource = { readonly variable: VariableRef } | { readonly tensor: SymbolicTensor };

/** One captured value: its source outside and its Placeholder inside. */
export interface Capture {
  readonly source: CaptureSource;
  readonly placeholder: SymbolicTensor;
}

/** Ops that only read the resource they are given. */
export const RESOURCE_READ_OPS: ReadonlySet<string> = new Set(['ReadVariableOp', 'ResourceGather', 'ResourceGatherNd', 'VariableShape', 'VarIsInitializedOp']);

const CALL_OPS = new Set(['PartitionedCall', 'StatefulPartitionedCall']);

interface ResourceState {
  lastWrite?: Operation;
  reads: Operation[];
}

/** The graph of a function under construction. */
export class FuncGraph extends GraphBuilder {
  /** Argument placeholders, in order. */
  readonly inputs: SymbolicTensor[] = [];
  /** Captured values, in capture order (trailing inputs of the function). */
  readonly captures: Capture[] = [];
  /** Flat outputs (Identity ops), set by `finish`. */
  outputs: SymbolicTensor[] = [];
  /** Side-effecting ops the function must run (FunctionDef `control_ret`), set by `finish`. */
  controlOutputs: Operation[] = [];
  /** Resource dtype/shape of captured variables' placeholders (FunctionDef arg `handle_data`). */
  readonly handleData = new Map<SymbolicTensor, VariableRef>();
  private readonly resources = new Map<SymbolicTensor, ResourceState>();
  private finished = false;

  /**
   * @param name the function's name in the library (`__inference_f_12`)
   * @param outer the graph the function is traced in (tensors of it, or of its own outer graphs, can be captured)
   */
  constructor(readonly name: string, readonly outer?: GraphBuilder) {
    super(`function '${name}'`);
  }

  /** Adds an argument placeholder named `name` (its `_user_specified_name`). */
  addInput(dtype: TfDType, shape: Dims | null, name: string): SymbolicTensor {
    this.checkOpen();
    const op = this.addOp('Placeholder', [], {
      name,
      attrs: { dtype: attr.type(dtype), shape: { shape: shapeProto(shape) }, _user_specified_name: attr.s(name) },
    });
    this.inputs.push(op.output(0));
    return op.output(0);
  }

  /** Captures a tensor of an enclosing graph as a placeholder (once per tensor). */
  override importTensor(t: SymbolicTensor, nameHint = 'unknown'): SymbolicTensor {
    if (t.graph === this) return t;
    const existing = this.captures.find((c) => 'tensor' in c.source && c.source.tensor === t);
    if (existing) return existing.placeholder;
    if (!this.canReach(t)) {
      throw new SavedModelError('INVALID_ARGUMENT', `tensor ${t.name} of ${t.graph.description} cannot be used in ${this.description}: it is not an enclosing graph`);
    }
    const ph = this.capturePlaceholder(t.dtype, t.shape, nameHint);
    if (t.handleData) ph.handleData = t.handleData;
    this.captures.push({ source: { tensor: t }, placeholder: ph });
    return ph;
  }

  /** The handle of `v` in this function: a captured resource placeholder (created on first use). */
  override variableHandle(v: VariableRef, nameHint = 'resource'): SymbolicTensor {
    const h = this.variableHandles.get(v);
    if (h) return h;
    const ph = this.capturePlaceholder('resource', [], nameHint);
    ph.handleData = { dtype: v.tfDtype, shape: [...v.shape] };
    this.handleData.set(ph, v);
    this.captures.push({ source: { variable: v }, placeholder: ph });
    this.setVariableHandle(v, ph);
    return ph;
  }

  private capturePlaceholder(dtype: TfDType, shape: Dims | null, nameHint: string): SymbolicTensor {
    this.checkOpen();
    const attrs: Record<string, AttrValueLike> = { dtype: attr.type(dtype), shape: { shape: shapeProto(shape) }, _user_specified_name: attr.s(nameHint) };
    return this.addOp('Placeholder', [], { name: nameHint, attrs }).output(0);
  }

  private canReach(t: SymbolicTensor): boolean {
    for (let g: GraphBuilder | undefined = this.outer; g; g = g instanceof FuncGraph ? g.outer : undefined) {
      if (t.graph === g) return true;
    }
    return false;
  }

  private checkOpen(): void {
    if (this.finished) throw new SavedModelError('FAILED_PRECONDITION', `${this.description} is already finished`);
  }

  /** Orders ops on the same resource: writes after every earlier access, reads after the last write. */
  protected override onOpAdded(op: Operation): void {
    if (this.finished) throw new SavedModelError('FAILED_PRECONDITION', `${this.description} is already finished`);
    if (!op.def.stateful) return;
    const readOnly = readOnlyInputs(op);
    op.inputs.forEach((t, i) => {
      if (t.dtype !== 'resource') return;
      let st = this.resources.get(t);
      if (!st) this.resources.set(t, (st = { reads: [] }));
      if (readOnly.has(i)) {
        if (st.lastWrite) op.addControlInput(st.lastWrite);
        st.reads.push(op);
      } else {
        if (st.lastWrite) op.addControlInput(st.lastWrite);
        for (const r of st.reads) op.addControlInput(r);
        st.lastWrite = op;
        st.reads = [];
      }
    });
  }

  /**
   * Ends tracing: each output gets an Identity (`Identity`, `Identity_1` …) that runs after the
   * function's side effects (a `NoOp` depending on them), as tf.function returns values.
   */
  finish(outputs: readonly SymbolicTensor[]): SymbolicTensor[] {
    this.checkOpen();
    const wrapped = outputs.map((t) => this.addOp('Identity', [t]).output(0));
    const mustRun = this.operations.filter((op) => mustRunOp(op, this.operations));
    if (mustRun.length) {
      const noop = this.addOp('NoOp', [], { controlInputs: mustRun });
      for (const t of wrapped) t.op.addControlInput(noop);
    }
    this.outputs = wrapped;
    this.controlOutputs = mustRun;
    this.finished = true;
    return wrapped;
  }

  /** True when the function has side effects (is called with StatefulPartitionedCall). */
  get isStateful(): boolean {
    return this.operations.some((op) => op.def.stateful && op.type !== 'Placeholder');
  }

  /** Indices of resource inputs (args then captures) the function only reads. */
  readOnlyResourceInputs(): number[] {
    const all = [...this.inputs, ...this.captures.map((c) => c.placeholder)];
    const out: number[] = [];
    all.forEach((ph, i) => {
      if (ph.dtype !== 'resource') return;
      const users = this.operations.filter((op) => op.inputs.includes(ph));
      if (users.every((op) => op.inputs.every((t, j) => t !== ph || readOnlyInputs(op).has(j)))) out.push(i);
    });
    return out;
  }
}

/** Input indices of `op` that only read a resource. */
function readOnlyInputs(op: Operation): Set<number> {
  if (RESOURCE_READ_OPS.has(op.type)) return new Set(op.inputs.map((_, i) => i));
  if (CALL_OPS.has(op.type)) {
    const list = op.attrs._read_only_resource_inputs?.list?.i ?? [];
    return new Set(list.map((x) => Number(x)));
  }
  return new Set();
}

/** TF's automatic control dependencies: stateful ops run, except resource reads nobody consumes. */
function mustRunOp(op: Operation, all: readonly Operation[]): boolean {
  if (!op.def.stateful || op.type === 'Placeholder') return false;
  if (!RESOURCE_READ_OPS.has(op.type)) return true;
  return all.some((o) => o.inputs.some((t) => t.op === op));
}
