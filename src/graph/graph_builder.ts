/**
 * `GraphBuilder`: records operations into a graph with TensorFlow's graph-mode rules — unique
 * names (`add`, `add_1`, case-insensitive like `Graph.unique_name`), name scopes (`dense/MatMul`),
 * control-dependency scopes, attr inference from the op definitions (`T`, `N`, `Tin` …) and
 * dtype/shape inference. Shared by tracing (FuncGraph) and the v1 Graph API.
 */
import { SavedModelError } from '../errors.js';
import { DtypeAttr, ShapeAttr, parseAttrMap, type AttrJs } from './attrs.js';
import { attr } from './build.js';
import { dtypeToEnum, type TfDType } from './dtypes.js';
import type { AttrValueLike } from './node.js';
import { outputDtypes, withDefaults, type ArgSpec, type OpDef } from './opdef.js';
import type { FuncGraph } from './func_graph.js';
import { getOpDef } from './ops/index.js';
import { inferShapes } from './shapes.js';
import { describeDims, Operation, SymbolicTensor, type Dims, type GraphLike } from './symbolic.js';

/** A variable as graphs see it: a resource of a dtype and shape (trace's Variable implements it). */
export interface VariableRef {
  readonly name: string;
  readonly tfDtype: TfDType;
  readonly shape: readonly number[];
}

/** One input arg's tensors: a tensor, or a list for `N * T` / `list(type)` args. */
export type OpInput = SymbolicTensor | readonly SymbolicTensor[];

/** Options of `GraphBuilder.addOp`. */
export interface AddOpOptions {
  /** Base name, made unique within the current name scope (default: the op type). */
  name?: string;
  /** A full name already reserved (by `nameScope`): used as is. */
  exactName?: string;
  /** Attrs not inferable from the inputs (inferred ones are checked against these). */
  attrs?: Record<string, AttrValueLike>;
  device?: string;
  controlInputs?: readonly Operation[];
  /** Output shapes to record instead of inferring them (function calls). */
  outputShapes?: readonly (Dims | null)[];
}

function sameDtype(a: AttrValueLike | undefined, dtype: TfDType): boolean {
  return a?.type === dtypeToEnum(dtype);
}

/** A graph under construction. */
export class GraphBuilder implements GraphLike {
  /** Operations in creation order. */
  readonly operations: Operation[] = [];
  private readonly byName = new Map<string, Operation>();
  private readonly namesInUse = new Map<string, number>();
  private nameStack = '';
  private readonly controlStack: Operation[][] = [];
  /** Handles of variables in this graph (VarHandleOp outputs, or captures in functions). */
  protected readonly variableHandles = new Map<VariableRef, SymbolicTensor>();
  /** Functions this graph calls, by name (the library it needs, besides their own callees). */
  readonly calledFunctions = new Map<string, FuncGraph>();

  constructor(readonly description: string = 'graph') {}

  /** TF's `Graph.unique_name`: prefixes the name scope, then appends `_N` until unused (case-insensitive). */
  uniqueName(name: string, markAsUsed = true): string {
    let full = this.nameStack ? `${this.nameStack}/${name}` : name;
    let key = full.toLowerCase();
    let i = this.namesInUse.get(key) ?? 0;
    if (markAsUsed) this.namesInUse.set(key, i + 1);
    if (i > 0) {
      const base = key;
      while (this.namesInUse.has(key)) {
        key = `${base}_${i}`;
        i++;
      }
      if (markAsUsed) this.namesInUse.set(key, 1);
      full = `${full}_${i - 1}`;
    }
    return full;
  }

  /** The current name scope ('' at the top). */
  get currentNameScope(): string {
    return this.nameStack;
  }

  /**
   * Runs `fn` inside name scope `name` (made unique, like `tf.name_scope` in a graph); a name
   * ending in `/` re-enters that exact scope. `fn` receives the scope's full name, which is also
   * the name TF gives the op the scope was opened for.
   */
  nameScope<T>(name: string, fn: (scope: string) => T): T {
    const saved = this.nameStack;
    const scope = name.endsWith('/') ? name.slice(0, -1) : this.uniqueName(validScopeName(name));
    this.nameStack = scope;
    try {
      return fn(scope);
    } finally {
      this.nameStack = saved;
    }
  }

  /** Runs `fn` with `ops` as control inputs of every op it creates (`tf.control_dependencies`). */
  controlDependencies<T>(ops: readonly Operation[], fn: () => T): T {
    this.controlStack.push([...ops]);
    try {
      return fn();
    } finally {
      this.controlStack.pop();
    }
  }

  /** The operation called `name`, or undefined. */
  findOperation(name: string): Operation | undefined {
    return this.byName.get(name);
  }

  /** The operation called `name`; NOT_FOUND otherwise. */
  getOperation(name: string): Operation {
    const op = this.byName.get(name);
    if (!op) throw new SavedModelError('NOT_FOUND', `the ${this.description} has no operation named '${name}'`);
    return op;
  }

  /** The tensor called `op:index` (or `op`, meaning output 0). */
  getTensor(name: string): SymbolicTensor {
    const m = /^(.*?)(?::(\d+))?$/.exec(name)!;
    const op = this.getOperation(m[1]);
    const i = m[2] === undefined ? 0 : Number(m[2]);
    if (i >= op.outputs.length) throw new SavedModelError('NOT_FOUND', `operation '${op.name}' has ${op.outputs.length} outputs; there is no tensor '${name}'`);
    return op.outputs[i];
  }

  /**
   * Brings a tensor into this graph: itself when it already lives here. Graphs that can capture
   * (function graphs) override this; plain graphs refuse tensors of other graphs.
   */
  importTensor(t: SymbolicTensor, _nameHint?: string): SymbolicTensor {
    if (t.graph === this) return t;
    throw new SavedModelError('INVALID_ARGUMENT', `tensor ${t.name} belongs to ${t.graph.description}, not to this ${this.description}`);
  }

  /** Registers `handle` as the resource tensor of `v` in this graph. */
  setVariableHandle(v: VariableRef, handle: SymbolicTensor): void {
    this.variableHandles.set(v, handle);
  }

  /** The resource handle of `v` in this graph (function graphs capture it on first use). */
  variableHandle(v: VariableRef, _nameHint?: string): SymbolicTensor {
    const h = this.variableHandles.get(v);
    if (!h) throw new SavedModelError('INVALID_ARGUMENT', `variable '${v.name}' has no handle in this ${this.description}`);
    return h;
  }

  /** Variables with a handle in this graph, in first-use order. */
  variables(): VariableRef[] {
    return [...this.variableHandles.keys()];
  }

  /**
   * Adds an operation of type `type`. `inputs` has one entry per input arg of the op definition;
   * type attrs (`T`, `N`, `Tin` …) are inferred from the inputs, output dtypes and shapes from
   * the definition and the shape rules.
   */
  addOp(type: string, inputs: readonly OpInput[], opts: AddOpOptions = {}): Operation {
    const def = getOpDef(type);
    if (!def) throw new SavedModelError('UNIMPLEMENTED', `no op definition for '${type}': it cannot be recorded in a graph`);
    if (inputs.length !== def.inputs.length) {
      throw new SavedModelError('INVALID_ARGUMENT', `${type} takes ${def.inputs.length} inputs (${def.inputs.map((a) => a.name).join(', ')}), got ${inputs.length}`);
    }
    const attrs: Record<string, AttrValueLike> = { ...(opts.attrs ?? {}) };
    const flat: SymbolicTensor[] = [];
    def.inputs.forEach((arg, i) => {
      const given = inputs[i];
      const list = Array.isArray(given) ? (given as readonly SymbolicTensor[]) : [given as SymbolicTensor];
      const tensors = list.map((t) => this.importTensor(t, arg.name));
      inferArgAttrs(type, arg, tensors, attrs, Array.isArray(given));
      flat.push(...tensors);
    });
    const values = withDefaults(def, parseAttrMap(attrs));
    checkAttrsPresent(type, def, values);
    const name = opts.exactName ?? this.uniqueName(validScopeName(opts.name ?? type));
    if (this.byName.has(name)) throw new SavedModelError('INVALID_ARGUMENT', `the ${this.description} already has an operation named '${name}'`);
    const op = new Operation(this, name, type, def, flat, attrs, values, opts.device ?? '');
    for (const deps of this.controlStack) for (const d of deps) op.addControlInput(d);
    for (const d of opts.controlInputs ?? []) op.addControlInput(d);
    const dtypes = outputDtypes(def, values);
    const shapes = opts.outputShapes ?? inferShapes({ op: type, inputs: flat, attrs: values, numOutputs: dtypes.length });
    dtypes.forEach((dt, i) => {
      if (!dt) throw new SavedModelError('INVALID_ARGUMENT', `${type} '${name}': cannot infer the dtype of output ${i}`);
      op.outputs.push(new SymbolicTensor(op, i, dt, shapes[i] ?? null));
    });
    if (type === 'VarHandleOp') {
      const shape = values.shape instanceof ShapeAttr ? values.shape.dims : null;
      op.outputs[0].handleData = { dtype: (values.dtype as DtypeAttr).dtype, shape };
    }
    this.operations.push(op);
    this.byName.set(name, op);
    this.onOpAdded(op);
    return op;
  }

  /** Hook for subclasses (automatic control dependencies). */
  protected onOpAdded(_op: Operation): void {}
}

/** Infers and checks the attrs one input arg determines. */
function inferArgAttrs(type: string, arg: ArgSpec, tensors: SymbolicTensor[], attrs: Record<string, AttrValueLike>, isList: boolean): void {
  if (arg.typeListAttr) {
    if (attrs[arg.typeListAttr] === undefined) attrs[arg.typeListAttr] = attr.types(tensors.map((t) => t.dtype));
    return;
  }
  if (arg.numberAttr) {
    if (!isList) throw new SavedModelError('INVALID_ARGUMENT', `${type}: input '${arg.name}' takes a list of tensors`);
    if (attrs[arg.numberAttr] === undefined) attrs[arg.numberAttr] = attr.i(tensors.length);
  } else if (isList || tensors.length !== 1) {
    throw new SavedModelError('INVALID_ARGUMENT', `${type}: input '${arg.name}' takes one tensor, got ${tensors.length}`);
  }
  for (const t of tensors) {
    if (arg.type) {
      if (t.dtype !== arg.type) throw dtypeError(type, arg.name, arg.type, t);
    } else if (arg.typeAttr) {
      const cur = attrs[arg.typeAttr];
      if (cur === undefined) attrs[arg.typeAttr] = attr.type(t.dtype);
      else if (!sameDtype(cur, t.dtype)) {
        const want = parseAttrMap({ x: cur }).x;
        throw dtypeError(type, arg.name, String((want as { dtype?: string })?.dtype ?? want), t);
      }
    }
  }
}

function dtypeError(type: string, arg: string, want: string, t: SymbolicTensor): SavedModelError {
  return new SavedModelError('INVALID_ARGUMENT', `${type}: input '${arg}' must be ${want}, got ${t.dtype} tensor ${t.name} of shape ${describeDims(t.shape)}`);
}

function checkAttrsPresent(type: string, def: OpDef, values: Record<string, AttrJs>): void {
  const missing = [...def.attrs.keys()].filter((k) => values[k] === undefined);
  if (missing.length) throw new SavedModelError('INVALID_ARGUMENT', `${type}: attr(s) ${missing.join(', ')} not given and not inferable`);
}

/** TF's op-name rule: `[A-Za-z0-9.][A-Za-z0-9_.\-/>]*` (scopes may also start with `_` inside). */
function validScopeName(name: string): string {
  if (!/^[A-Za-z0-9._][A-Za-z0-9_.\-/>]*$/.test(name)) {
    throw new SavedModelError('INVALID_ARGUMENT', `'${name}' is not a valid operation or scope name (letters, digits, '.', '_', '-', '/', '>' only)`);
  }
  return name;
}
