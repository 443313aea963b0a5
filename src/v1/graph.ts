/**
 * `v1.Graph` (tf.Graph in TF1 style): a graph built op by op — placeholders, variables with
 * initializers, the `ops` namespace recording into it (ops with a tensor of this graph as an
 * argument record here; others inside `asDefault`) — with TensorFlow's unique-name rules, name
 * lookup, and collections. Built on the shared GraphBuilder.
 */
import { SavedModelError } from '../errors.js';
import { attr } from '../graph/build.js';
import { shapeProto } from '../graph/constant.js';
import { parseDtypeName, type TfDType } from '../graph/dtypes.js';
import { GraphBuilder } from '../graph/graph_builder.js';
import { toFunctionDef } from '../graph/function_def.js';
import { toNodeDef } from '../graph/graph_def.js';
import { Operation, SymbolicTensor } from '../graph/symbolic.js';
import type { google } from '../proto/gen/tensorflow.js';
import { tensorflow } from '../proto/index.js';
import { functionNameOf } from '../proto/lazy_message.js';
import { GRAPH_DEF_VERSIONS } from '../savedmodel/writer_meta.js';
import { withDefaultGraph } from '../trace/context.js';
import { toGraphTensor } from '../trace/convert.js';
import { createVariable, GraphVariable, type GraphVariableOptions, type VariableInitial } from './variables.js';

/** The GraphDef versions written (TensorFlow 2.15's producer, the op set the registry follows). */
export const GRAPH_DEF_PRODUCER = GRAPH_DEF_VERSIONS.producer;

/** Standard collection keys (tf.compat.v1.GraphKeys). */
export const GraphKeys = Object.freeze({
  GLOBAL_VARIABLES: 'variables',
  TRAINABLE_VARIABLES: 'trainable_variables',
  LOCAL_VARIABLES: 'local_variables',
  GLOBAL_STEP: 'global_step',
  TABLE_INITIALIZERS: 'table_initializer',
  ASSET_FILEPATHS: 'asset_filepaths',
  SAVERS: 'savers',
  UPDATE_OPS: 'update_ops',
  LOSSES: 'losses',
  TRAIN_OP: 'train_op',
});

/** What a collection holds. */
export type CollectionItem = GraphVariable | Operation | SymbolicTensor | string | number | Uint8Array | google.protobuf.Any;

/** Shape as users write it: dims (null or -1 for unknown), or null for an unknown rank. */
export type ShapeLike = readonly (number | null)[] | null | undefined;

function dims(shape: ShapeLike): number[] | null {
  return shape === null || shape === undefined ? null : shape.map((d) => (d === null || d < 0 ? -1 : d));
}

/** Options of `Graph.toGraphDef`. */
export interface GraphDefOptions {
  /** Drop every node's device (`clear_devices`). */
  clearDevices?: boolean;
  /** Record `_output_shapes` on each node (default true, as export_meta_graph does). */
  withShapes?: boolean;
}

/** A TF1 graph. */
export class Graph extends GraphBuilder {
  private readonly collections = new Map<string, CollectionItem[]>();
  private readonly variablesByOp = new Map<string, GraphVariable>();
  private readonly functions = new Map<string, tensorflow.FunctionDef.$Properties>();
  private readonly gradients: tensorflow.GradientDef.$Properties[] = [];

  constructor() {
    super('graph');
  }

  /** Number of operations: grows as the graph is built (sessions re-plan when it changed). */
  get version(): number {
    return this.operations.length;
  }

  /** Runs `fn` with this graph as the default graph (`with g.as_default():`). */
  asDefault<T>(fn: (g: this) => T): T {
    return withDefaultGraph(this, () => fn(this));
  }

  /**
   * `tf.compat.v1.placeholder(dtype, shape, name)`: a value fed at run time. `shape` null or
   * omitted means any shape; null dims are unknown.
   */
  placeholder(dtype: string = 'float32', shape?: ShapeLike, name = 'Placeholder'): SymbolicTensor {
    const dt = parseDtypeName(dtype);
    const op = this.addOp('Placeholder', [], { name, attrs: { dtype: attr.type(dt), shape: { shape: shapeProto(dims(shape)) } } });
    return op.output(0);
  }

  /** `tf.compat.v1.placeholder_with_default(input, shape, name)`: `input` unless fed. */
  placeholderWithDefault(input: unknown, shape?: ShapeLike, name = 'PlaceholderWithDefault'): SymbolicTensor {
    return this.nameScope(name, (scope) => {
      const value = toGraphTensor(this, input, { name: 'input' });
      const s = shape === undefined ? value.shape : dims(shape);
      return this.addOp('PlaceholderWithDefault', [value], { exactName: scope, attrs: { dtype: attr.type(value.dtype), shape: { shape: shapeProto(s) } } }).output(0);
    });
  }

  /**
   * `tf.compat.v1.Variable(initial, name=…)`: a variable with its initializer op. Resource
   * variables (VarHandleOp, what TF2 builds in graphs) unless `useResource: false` asks for a
   * TF1 reference variable (VariableV2).
   */
  variable(initial: VariableInitial, opts: GraphVariableOptions = {}): GraphVariable {
    const v = createVariable(this, initial, opts);
    this.variablesByOp.set(v.op.name, v);
    this.addToCollection(GraphKeys.GLOBAL_VARIABLES, v);
    if (v.trainable) this.addToCollection(GraphKeys.TRAINABLE_VARIABLES, v);
    for (const c of opts.collections ?? []) if (c !== GraphKeys.GLOBAL_VARIABLES) this.addToCollection(c, v);
    return v;
  }

  /** The variable whose variable op is named `opName`, if any. */
  variableByOpName(opName: string): GraphVariable | undefined {
    return this.variablesByOp.get(opName);
  }

  /** Registers a variable built elsewhere (import_meta_graph) under its op name. */
  registerVariable(v: GraphVariable): void {
    this.variablesByOp.set(v.op.name, v);
  }

  /** Variables of the GLOBAL_VARIABLES collection. */
  globalVariables(): GraphVariable[] {
    return this.getCollection(GraphKeys.GLOBAL_VARIABLES).filter((x): x is GraphVariable => x instanceof GraphVariable);
  }

  /** Variables of the TRAINABLE_VARIABLES collection. */
  trainableVariables(): GraphVariable[] {
    return this.getCollection(GraphKeys.TRAINABLE_VARIABLES).filter((x): x is GraphVariable => x instanceof GraphVariable);
  }

  /** `get_tensor_by_name('x:0')`: NOT_FOUND when absent, INVALID_ARGUMENT for an operation name. */
  getTensorByName(name: string): SymbolicTensor {
    const m = /^(.+):(\d+)$/.exec(name);
    if (!m) {
      throw new SavedModelError('INVALID_ARGUMENT', `The name '${name}' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`);
    }
    const op = this.findOperation(m[1]);
    if (!op) throw new SavedModelError('NOT_FOUND', `The name '${name}' refers to a Tensor which does not exist. The operation, '${m[1]}', does not exist in the graph.`);
    const i = Number(m[2]);
    if (i >= op.outputs.length) {
      throw new SavedModelError('NOT_FOUND', `The name '${name}' refers to a Tensor which does not exist. The operation, '${m[1]}', exists but only has ${op.outputs.length} outputs.`);
    }
    return op.outputs[i];
  }

  /** `get_operation_by_name('y')`: NOT_FOUND when absent, INVALID_ARGUMENT for a tensor name. */
  getOperationByName(name: string): Operation {
    if (/:\d+$/.test(name)) {
      throw new SavedModelError('INVALID_ARGUMENT', `The name '${name}' appears to refer to a Tensor, not an Operation.`);
    }
    const op = this.findOperation(name);
    if (!op) throw new SavedModelError('NOT_FOUND', `The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  /** `tf.compat.v1.add_to_collection(key, value)`. */
  addToCollection(key: string, value: CollectionItem): void {
    let list = this.collections.get(key);
    if (!list) this.collections.set(key, (list = []));
    list.push(value);
  }

  /** The items of collection `key` (a copy; empty when absent). */
  getCollection(key: string): CollectionItem[] {
    return [...(this.collections.get(key) ?? [])];
  }

  /** Removes every item of collection `key`. */
  clearCollection(key: string): void {
    this.collections.delete(key);
  }

  /** Names of the non-empty collections, sorted. */
  collectionKeys(): string[] {
    return [...this.collections.keys()].filter((k) => this.collections.get(k)!.length > 0).sort();
  }

  /** Adds the functions of an imported library (those not already present, by name). */
  addLibrary(lib: tensorflow.FunctionDefLibrary.$Properties): void {
    for (const f of lib.function ?? []) {
      const name = functionNameOf(f) ?? '';
      if (!this.functions.has(name)) this.functions.set(name, f);
    }
    for (const gr of lib.gradient ?? []) if (!this.gradients.some((x) => x.functionName === gr.functionName)) this.gradients.push(gr);
  }

  /** The function library: imported functions, then functions traced into this graph. */
  library(): tensorflow.FunctionDefLibrary | null {
    const fns = new Map(this.functions);
    const todo = [...this.calledFunctions];
    for (let i = 0; i < todo.length; i++) {
      const [name, fg] = todo[i];
      if (fns.has(name)) continue;
      fns.set(name, toFunctionDef(fg) as tensorflow.FunctionDef.$Properties);
      todo.push(...fg.calledFunctions);
    }
    if (fns.size === 0 && this.gradients.length === 0) return null;
    return tensorflow.FunctionDefLibrary.create({ function: [...fns.values()], gradient: [...this.gradients] });
  }

  /** The GraphDef of everything built so far (attrs equal to their defaults are stripped). */
  toGraphDef(opts: GraphDefOptions = {}): tensorflow.GraphDef {
    const node = this.operations.map((op) => {
      const n = toNodeDef(op, opts.withShapes ?? true);
      if (opts.clearDevices) delete (n as { device?: string }).device;
      return tensorflow.NodeDef.create(n as tensorflow.NodeDef.$Properties);
    });
    const library = this.library();
    return tensorflow.GraphDef.create({ node, versions: { ...GRAPH_DEF_VERSIONS }, ...(library ? { library } : {}) });
  }
}

/** The dtype name of a value given to `placeholder` and friends. */
export function tfDtype(d: string): TfDType {
  return parseDtypeName(d);
}
