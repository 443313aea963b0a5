/**
 * Converting op arguments: in a graph, tensors of enclosing graphs are captured, Variables are
 * read (`ReadVariableOp`), tfjs tensors and JS values become `Const` ops; eagerly, everything
 * becomes a tfjs tensor. JS numbers take the dtype of the op's other tensor arguments (TF's
 * `dtype_hint`), else int32 for integers and float32 otherwise.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { addConstant, type ConstValues } from '../graph/constant.js';
import { attr } from '../graph/build.js';
import type { TfDType } from '../graph/dtypes.js';
import type { GraphBuilder } from '../graph/graph_builder.js';
import { SymbolicTensor, type Operation } from '../graph/symbolic.js';
import { tfjsDtype } from '../runtime/dtypes.js';
import { defaultGraph } from './context.js';
import { Variable } from './variable.js';

/** Brand of objects that stand for a tensor of one graph (v1 graph variables). */
export const GRAPH_TENSOR_SOURCE: unique symbol = Symbol.for('savedmodel.graphTensorSource');

/**
 * An object ops convert to a tensor of its graph by calling `toGraphTensor` (TF's tensor
 * conversion of a graph variable: its snapshot, or a fresh read in the op's name scope).
 */
export interface GraphTensorSource {
  readonly [GRAPH_TENSOR_SOURCE]: true;
  readonly graph: GraphBuilder;
  readonly dtype: string;
  toGraphTensor(g: GraphBuilder): SymbolicTensor;
}

/** True for a GraphTensorSource. */
export function isGraphTensorSource(x: unknown): x is GraphTensorSource {
  return typeof x === 'object' && x !== null && (x as Partial<GraphTensorSource>)[GRAPH_TENSOR_SOURCE] === true;
}

/** What ops accept as a tensor argument. */
export type TensorInput = tf.Tensor | SymbolicTensor | Variable | GraphTensorSource | tf.TensorLike;

/** The graph an op with these arguments records into, or undefined to run eagerly. */
export function graphFor(args: readonly unknown[]): GraphBuilder | undefined {
  const g = defaultGraph();
  if (g) return g;
  for (const a of args) {
    if (a instanceof SymbolicTensor) return a.graph as GraphBuilder;
    if (isGraphTensorSource(a)) return a.graph;
    if (Array.isArray(a)) {
      const inner = a.find((x) => x instanceof SymbolicTensor) as SymbolicTensor | undefined;
      if (inner) return inner.graph as GraphBuilder;
    }
  }
  return undefined;
}

/** The dtype of the first tensor-like argument (for converting plain numbers next to it). */
export function dtypeHint(args: readonly unknown[]): TfDType | undefined {
  for (const a of args) {
    if (a instanceof SymbolicTensor) return a.dtype;
    if (isGraphTensorSource(a)) return a.dtype as TfDType;
    if (a instanceof Variable) return a.tfDtype;
    if (a instanceof tf.Tensor) return a.dtype as TfDType;
  }
  return undefined;
}

/** Shape and flat values of a nested JS array (or scalar, or typed array). */
export function flattenLike(x: unknown, what: string): { shape: number[]; values: unknown[] } {
  if (ArrayBuffer.isView(x)) return { shape: [(x as unknown as ArrayLike<number>).length], values: Array.from(x as unknown as ArrayLike<number>) };
  if (!Array.isArray(x)) return { shape: [], values: [x] };
  if (x.length === 0) return { shape: [0], values: [] };
  const parts = x.map((e) => flattenLike(e, what));
  const inner = parts[0].shape;
  for (const p of parts) {
    if (p.shape.length !== inner.length || p.shape.some((d, i) => d !== inner[i])) {
      throw new SavedModelError('INVALID_ARGUMENT', `${what}: nested arrays have ragged shapes`);
    }
  }
  return { shape: [x.length, ...inner], values: parts.flatMap((p) => p.values) };
}

function jsDtype(values: unknown[], hint: TfDType | undefined, what: string): TfDType {
  if (values.length === 0) return hint && hint !== 'resource' && hint !== 'variant' ? hint : 'float32';
  if (values.every((v) => typeof v === 'boolean')) return 'bool';
  if (values.every((v) => typeof v === 'string' || v instanceof Uint8Array)) return 'string';
  if (values.every((v) => typeof v === 'number' || typeof v === 'bigint')) {
    if (hint && hint !== 'bool' && hint !== 'string' && hint !== 'resource') {
      if (!hint.startsWith('float') && !hint.startsWith('complex') && !hint.startsWith('bfloat') && values.some((v) => !Number.isInteger(Number(v)))) {
        throw new SavedModelError('INVALID_ARGUMENT', `${what}: cannot convert ${values.find((v) => !Number.isInteger(Number(v)))} to ${hint}`);
      }
      return hint;
    }
    return values.every((v) => Number.isInteger(Number(v))) ? 'int32' : 'float32';
  }
  throw new SavedModelError('INVALID_ARGUMENT', `${what}: cannot convert ${JSON.stringify(values.slice(0, 3))}… to a tensor`);
}

/** Records a read of `v` in `g`: a `ReadVariableOp` in scope `name`, on the variable's handle there. */
export function readVariable(g: GraphBuilder, v: Variable, name = 'ReadVariableOp'): SymbolicTensor {
  return g.nameScope(name, (scope) => {
    const handle = g.variableHandle(v, 'resource');
    return g.addOp('ReadVariableOp', [handle], { exactName: scope, attrs: { dtype: attr.type(v.tfDtype) }, outputShapes: [[...v.shape]] }).output(0);
  });
}

/** Converts an op argument to a tensor of graph `g` (`name` names created constants). */
export function toGraphTensor(g: GraphBuilder, x: unknown, opts: { dtype?: TfDType; name?: string } = {}): SymbolicTensor {
  const name = opts.name ?? 'Const';
  let t: SymbolicTensor;
  if (x instanceof SymbolicTensor) t = g.importTensor(x, name);
  else if (isGraphTensorSource(x)) t = g.importTensor(x.toGraphTensor(g), name);
  else if (x instanceof Variable) t = readVariable(g, x);
  else if (x instanceof tf.Tensor) {
    const values = x.dtype === 'string' ? (x.dataSync() as unknown as Uint8Array[]) : Array.from(x.dataSync() as ArrayLike<number>);
    const carried = opts.dtype && opts.dtype !== 'resource' && opts.dtype !== 'variant' && tfjsDtype(opts.dtype) === x.dtype;
    t = addConstant(g, values as ConstValues, x.shape, carried ? opts.dtype! : (x.dtype as TfDType), name);
  } else {
    const { shape, values } = flattenLike(x, name);
    const dtype = jsDtype(values, opts.dtype, name);
    t = addConstant(g, values as ConstValues, shape, dtype, name);
  }
  if (opts.dtype && t.dtype !== opts.dtype) {
    throw new SavedModelError('INVALID_ARGUMENT', `${name}: expected a ${opts.dtype} tensor, got ${t.dtype} (${t.name}); cast it first`);
  }
  return t;
}

/** Records `v.assign(value)` in `g`: an `AssignVariableOp` in scope `name`. */
export function assignVariable(g: GraphBuilder, v: Variable, value: unknown, name = 'AssignVariableOp', op = 'AssignVariableOp'): Operation {
  return g.nameScope(name, (scope) => {
    const handle = g.variableHandle(v, 'resource');
    const val = toGraphTensor(g, value, { dtype: v.tfDtype, name: 'value' });
    if (val.shape && !(val.shape.length === v.shape.length && val.shape.every((d, i) => d < 0 || d === v.shape[i]))) {
      throw new SavedModelError('INVALID_ARGUMENT', `cannot assign a value of shape ${JSON.stringify(val.shape)} to variable '${v.name}' of shape [${v.shape}]`);
    }
    return g.addOp(op, [handle, val], { exactName: scope, attrs: { dtype: attr.type(v.tfDtype) } });
  });
}

/** Converts an op argument to a tfjs tensor; `owned` collects tensors created here (to dispose). */
export function toEagerTensor(x: unknown, owned: tf.Tensor[], opts: { dtype?: TfDType; name?: string } = {}): tf.Tensor {
  if (x instanceof tf.Tensor) return x;
  if (x instanceof Variable) return x.value();
  if (x instanceof SymbolicTensor) throw new SavedModelError('INVALID_ARGUMENT', `symbolic tensor ${x.name} used outside of its graph`);
  const { shape, values } = flattenLike(x, opts.name ?? 'value');
  const dtype = jsDtype(values, opts.dtype, opts.name ?? 'value');
  const t = tf.tensor(values as number[], shape, tfjsDtype(dtype));
  owned.push(t);
  return t;
}
