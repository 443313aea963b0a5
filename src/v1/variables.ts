/**
 * Variables of a `v1.Graph`, built node for node as TensorFlow builds them in a graph:
 *
 * - resource (TF2's default, `VarHandleOp`): `v/Initializer/initial_value`, `v` (VarHandleOp,
 *   shared_name `v`), `v/IsInitialized/VarIsInitializedOp`, `v/Assign` (AssignVariableOp),
 *   `v/Read/ReadVariableOp`; each use in an op reads it afresh (`y/ReadVariableOp`);
 * - reference (TF1's `VariableV2`, `useResource: false`): `v/initial_value`, `v`, `v/Assign`
 *   (Assign), `v/read` (Identity) — the snapshot every use reads.
 *
 * Their VariableDef (what the `variables` collection stores) names these nodes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { attr } from '../graph/build.js';
import { parseDtypeName, type TfDType } from '../graph/dtypes.js';
import type { GraphBuilder, VariableRef } from '../graph/graph_builder.js';
import { SymbolicTensor, type Operation } from '../graph/symbolic.js';
import { tensorflow } from '../proto/index.js';
import { GRAPH_TENSOR_SOURCE, toGraphTensor, type GraphTensorSource } from '../trace/convert.js';

/** What a variable can start from: a value (number, nested array, tfjs tensor) or a tensor of its graph. */
export type VariableInitial = tf.Tensor | tf.TensorLike | SymbolicTensor;

/** Options of `Graph.variable`. */
export interface GraphVariableOptions {
  /** Name (default 'Variable'), made unique like TF's. */
  name?: string;
  /** TF dtype (default: the initial value's; float32 for plain JS numbers, which cannot tell 3 from 3.0). */
  dtype?: string;
  /** Resource variable (default true, as TensorFlow 2 builds graphs) or TF1 reference variable. */
  useResource?: boolean;
  /** Listed in TRAINABLE_VARIABLES (default true). */
  trainable?: boolean;
  /** More collections to add the variable to (GLOBAL_VARIABLES always). */
  collections?: string[];
  /** `VariableAggregation` number recorded in the VariableDef (the global step uses 3, ONLY_FIRST_REPLICA). */
  aggregation?: number;
  /** Static shape when the initial value's is not fully known. */
  shape?: readonly number[];
  /** Name of the initial value's constant (default 'initial_value'; TF's initializers use 'zeros', 'ones' …). */
  initialValueName?: string;
}

/** The parts of an existing graph a variable is made of (to rebuild one from a VariableDef). */
export interface VariableParts {
  op: Operation;
  initializer: Operation;
  snapshot: SymbolicTensor;
  initialValue: SymbolicTensor | null;
  isResource: boolean;
  trainable: boolean;
  aggregation?: number;
  /** Rebuilt from a VariableDef of an imported graph (its value comes from a checkpoint). */
  imported?: boolean;
}

/** A variable of a v1 graph; ops accept it wherever a tensor goes. */
export class GraphVariable implements GraphTensorSource, VariableRef {
  readonly [GRAPH_TENSOR_SOURCE] = true as const;
  /** The variable op: VarHandleOp (resource) or VariableV2 (reference). */
  readonly op: Operation;
  /** The op that assigns the initial value (`v/Assign`). */
  readonly initializer: Operation;
  /** The value read when the variable was created (`v/Read/ReadVariableOp:0` or `v/read:0`). */
  readonly snapshot: SymbolicTensor;
  /** The initial value's tensor, when known. */
  readonly initialValue: SymbolicTensor | null;
  readonly isResource: boolean;
  readonly trainable: boolean;
  readonly aggregation: number;
  /** True for variables rebuilt from an imported meta graph. */
  readonly imported: boolean;

  constructor(readonly graph: GraphBuilder, parts: VariableParts) {
    this.op = parts.op;
    this.initializer = parts.initializer;
    this.snapshot = parts.snapshot;
    this.initialValue = parts.initialValue;
    this.isResource = parts.isResource;
    this.trainable = parts.trainable;
    this.aggregation = parts.aggregation ?? 0;
    this.imported = parts.imported ?? false;
    if (this.isResource) graph.setVariableHandle(this, this.op.output(0));
  }

  /** `v.name`: the variable tensor's name (`v:0`). */
  get name(): string {
    return this.op.output(0).name;
  }

  /** The checkpoint key TF1 savers use: the variable op's name. */
  get saveName(): string {
    return this.op.name;
  }

  /** The graph dtype. */
  get dtype(): TfDType {
    return this.snapshot.dtype;
  }

  /** Same as `dtype` (the VariableRef view). */
  get tfDtype(): TfDType {
    return this.snapshot.dtype;
  }

  /** Static shape (-1 for unknown dims). */
  get shape(): number[] {
    return [...(this.snapshot.shape ?? [])];
  }

  /** The resource handle (VarHandleOp output) or the reference (VariableV2 output). */
  get handle(): SymbolicTensor {
    return this.op.output(0);
  }

  /** A tensor of `g` with the variable's value: a fresh read in the current scope (resource) or the snapshot (reference). */
  toGraphTensor(g: GraphBuilder): SymbolicTensor {
    if (!this.isResource) return this.snapshot;
    if (g !== this.graph) return g.importTensor(this.toGraphTensor(this.graph));
    return readHandle(g, this, 'ReadVariableOp');
  }

  /** `v.value()`: a tensor reading the variable. */
  value(): SymbolicTensor {
    return this.toGraphTensor(this.graph);
  }

  /** `v.assign(value)`: the op (resource) or the updated reference tensor's op (reference) that sets it. */
  assign(value: unknown, opts: { name?: string } = {}): Operation {
    return this.update('Assign', 'AssignVariableOp', value, opts.name);
  }

  /** `v.assign_add(value)`. */
  assignAdd(value: unknown, opts: { name?: string } = {}): Operation {
    return this.update('AssignAdd', 'AssignAddVariableOp', value, opts.name);
  }

  /** `v.assign_sub(value)`. */
  assignSub(value: unknown, opts: { name?: string } = {}): Operation {
    return this.update('AssignSub', 'AssignSubVariableOp', value, opts.name);
  }

  private update(refOp: string, resourceOp: string, value: unknown, name?: string): Operation {
    const g = this.graph;
    return g.nameScope(name ?? (this.isResource ? resourceOp : refOp), (scope) => {
      const v = toGraphTensor(g, value, { dtype: this.dtype, name: 'value' });
      if (this.isResource) return g.addOp(resourceOp, [this.handle, v], { exactName: scope, attrs: { dtype: attr.type(this.dtype) } });
      return g.addOp(refOp, [this.handle, v], { exactName: scope, outputShapes: [this.snapshot.shape] });
    });
  }

  /** The VariableDef proto of the `variables` collection. */
  toVariableDef(): tensorflow.VariableDef {
    return tensorflow.VariableDef.create({
      variableName: this.name,
      initializerName: this.initializer.name,
      snapshotName: this.snapshot.name,
      isResource: this.isResource,
      initialValueName: this.initialValue?.name ?? '',
      trainable: this.trainable,
      aggregation: this.aggregation,
    });
  }

  toString(): string {
    return `<v1 variable '${this.name}' shape=(${this.shape.join(', ')}) dtype=${this.dtype}${this.isResource ? '' : '_ref'}>`;
  }
}

/** A ReadVariableOp of `v` in scope `name` of `g`. */
function readHandle(g: GraphBuilder, v: GraphVariable, name: string): SymbolicTensor {
  return g.nameScope(name, (scope) =>
    g.addOp('ReadVariableOp', [v.handle], { exactName: scope, attrs: { dtype: attr.type(v.dtype) }, outputShapes: [v.snapshot.shape] }).output(0),
  );
}

/** True for a number or a nested array of numbers (JS cannot tell 3 from 3.0: such variables default to float32). */
function isPlainNumbers(x: unknown): boolean {
  if (typeof x === 'number') return true;
  if (ArrayBuffer.isView(x)) return x instanceof Float32Array || x instanceof Float64Array;
  return Array.isArray(x) && x.length > 0 && isPlainNumbers(x[0]);
}

function initialTensor(g: GraphBuilder, initial: VariableInitial, dtype: TfDType | undefined, name = 'initial_value'): SymbolicTensor {
  if (initial === undefined || initial === null) throw new SavedModelError('INVALID_ARGUMENT', 'a variable needs an initial value');
  const t = toGraphTensor(g, initial, { dtype: dtype ?? (isPlainNumbers(initial) ? 'float32' : undefined), name });
  if (dtype && t.dtype !== dtype) {
    throw new SavedModelError('INVALID_ARGUMENT', `initial value of dtype ${t.dtype} given for a ${dtype} variable; cast it first`);
  }
  return t;
}

function staticShape(init: SymbolicTensor, given: readonly number[] | undefined, name: string): number[] {
  if (given) return [...given];
  if (init.shape === null || init.shape.some((d) => d < 0)) {
    throw new SavedModelError('INVALID_ARGUMENT', `variable '${name}': the initial value ${init.name} has a partially known shape ${JSON.stringify(init.shape)}; give { shape }`);
  }
  return [...init.shape];
}

/** Builds a variable in `g` the way TensorFlow does (see the module comment). */
export function createVariable(g: GraphBuilder, initial: VariableInitial, opts: GraphVariableOptions = {}): GraphVariable {
  const dtype = opts.dtype ? parseDtypeName(opts.dtype) : undefined;
  const trainable = opts.trainable ?? true;
  return g.nameScope(opts.name ?? 'Variable', (scope) => {
    if (opts.useResource === false) {
      const init = initialTensor(g, initial, dtype, opts.initialValueName);
      const shape = staticShape(init, opts.shape, scope);
      const op = g.addOp('VariableV2', [], { exactName: scope, attrs: { shape: attr.shape(shape), dtype: attr.type(init.dtype) }, outputShapes: [shape] });
      const initializer = g.addOp('Assign', [op.output(0), init], { name: 'Assign', outputShapes: [shape] });
      const snapshot = g.addOp('Identity', [op.output(0)], { name: 'read' }).output(0);
      return new GraphVariable(g, { op, initializer, snapshot, initialValue: init, isResource: false, trainable, aggregation: opts.aggregation });
    }
    const init = g.nameScope('Initializer', () => initialTensor(g, initial, dtype, opts.initialValueName));
    const shape = staticShape(init, opts.shape, scope);
    const op = g.addOp('VarHandleOp', [], {
      exactName: scope,
      attrs: { shared_name: attr.s(scope), dtype: attr.type(init.dtype), shape: attr.shape(shape) },
      outputShapes: [[]],
    });
    g.nameScope('IsInitialized', () => g.addOp('VarIsInitializedOp', [op.output(0)]));
    const initializer = g.addOp('AssignVariableOp', [op.output(0), init], { name: 'Assign', attrs: { dtype: attr.type(init.dtype) } });
    const snapshot = g.nameScope('Read', () => g.addOp('ReadVariableOp', [op.output(0)], { attrs: { dtype: attr.type(init.dtype) }, outputShapes: [shape] }).output(0));
    return new GraphVariable(g, { op, initializer, snapshot, initialValue: init, isResource: true, trainable, aggregation: opts.aggregation });
  });
}
