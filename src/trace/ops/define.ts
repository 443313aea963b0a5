/**
 * How an op of the `ops` namespace runs: in a graph (the default graph, or the graph of its
 * symbolic arguments) it opens TF's name scope for the op (`Add`, `Add_1` …), converts its
 * arguments inside it (constants become `Add/y`) and records the node under the scope's name;
 * otherwise it runs eagerly on tfjs inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../../errors.js';
import type { TfDType } from '../../graph/dtypes.js';
import type { AddOpOptions, GraphBuilder, OpInput } from '../../graph/graph_builder.js';
import { SymbolicTensor } from '../../graph/symbolic.js';
import { dtypeHint, graphFor, toEagerTensor, toGraphTensor, type TensorInput } from '../convert.js';

/** The trailing options every op accepts (TF's `name=`). */
export interface OpOptions {
  /** Name of the recorded node (made unique, TF style); ignored eagerly. */
  name?: string;
}

/**
 * What ops return: a tfjs tensor eagerly; while tracing or building a v1 graph the value is a
 * SymbolicTensor standing in for it (pass it on to other ops).
 */
export type Tensor = tf.Tensor;

/** One tensor argument converted for the graph or for tfjs. */
export interface ArgSpec {
  value: unknown;
  /** Name of the constant made from a plain value (`x`, `y`, `shape` …). */
  name: string;
  /** Required dtype; `'hint'` takes the dtype of the first tensor-like argument. */
  dtype?: TfDType | 'hint';
}

/** Graph recording of one op. */
export interface GraphRecipe {
  op: string;
  /** Builds the op's inputs (one entry per input arg) from the converted arguments. */
  inputs?: (args: SymbolicTensor[], g: GraphBuilder) => OpInput[];
  attrs?: (args: SymbolicTensor[]) => AddOpOptions['attrs'];
  /** Output index to return (default 0). */
  output?: number;
}

function resolveDtype(spec: ArgSpec, hint: TfDType | undefined): TfDType | undefined {
  return spec.dtype === 'hint' ? hint : spec.dtype;
}

/** Runs one op in graph or eager mode. */
export function runOp(
  defaultName: string,
  specs: readonly ArgSpec[],
  opts: OpOptions | undefined,
  recipe: GraphRecipe,
  eager: (args: tf.Tensor[]) => tf.Tensor,
): Tensor {
  const values = specs.map((s) => s.value);
  const hinted = specs.filter((s) => s.dtype === 'hint').map((s) => s.value);
  const hint = dtypeHint(hinted.length ? hinted : values);
  const g = graphFor(values);
  if (g) {
    const t = g.nameScope(opts?.name ?? defaultName, (scope) => {
      const args = specs.map((s) => toGraphTensor(g, s.value, { dtype: resolveDtype(s, hint), name: s.name }));
      const inputs = recipe.inputs ? recipe.inputs(args, g) : args;
      const op = g.addOp(recipe.op, inputs, { exactName: scope, attrs: recipe.attrs?.(args) });
      return op.output(recipe.output ?? 0);
    });
    return t as unknown as Tensor;
  }
  return tf.tidy(() => {
    const owned: tf.Tensor[] = [];
    const args = specs.map((s) => toEagerTensor(s.value, owned, { dtype: resolveDtype(s, hint), name: s.name }));
    return eager(args);
  });
}

/** Runs an op over a list argument (`N * T` inputs: concat, stack, addN). */
export function runListOp(
  defaultName: string,
  list: readonly unknown[],
  extra: readonly ArgSpec[],
  opts: OpOptions | undefined,
  recipe: { op: string; attrs?: AddOpOptions['attrs']; listFirst?: boolean },
  eager: (list: tf.Tensor[], extra: tf.Tensor[]) => tf.Tensor,
): Tensor {
  if (list.length === 0) throw new SavedModelError('INVALID_ARGUMENT', `${defaultName}: needs at least one tensor`);
  const hint = dtypeHint(list);
  const g = graphFor([...list, ...extra.map((e) => e.value)]);
  if (g) {
    const t = g.nameScope(opts?.name ?? defaultName, (scope) => {
      const items = list.map((v, i) => toGraphTensor(g, v, { dtype: hint, name: `values_${i}` }));
      const rest = extra.map((s) => toGraphTensor(g, s.value, { dtype: resolveDtype(s, hint), name: s.name }));
      const inputs: OpInput[] = recipe.listFirst === false ? [...rest, items] : [items, ...rest];
      return g.addOp(recipe.op, inputs, { exactName: scope, attrs: recipe.attrs }).output(0);
    });
    return t as unknown as Tensor;
  }
  return tf.tidy(() => {
    const owned: tf.Tensor[] = [];
    const items = list.map((v) => toEagerTensor(v, owned, { dtype: hint }));
    const rest = extra.map((s) => toEagerTensor(s.value, owned, { dtype: resolveDtype(s, hint), name: s.name }));
    return eager(items, rest);
  });
}

/** The static shape of an argument when known (graph or eager), else null. */
export function staticShape(x: TensorInput): number[] | null {
  if (x instanceof SymbolicTensor) return x.shape;
  if (x instanceof tf.Tensor) return [...x.shape];
  if (typeof x === 'object' && x !== null && 'shape' in x && Array.isArray((x as { shape: unknown }).shape)) return [...(x as { shape: number[] }).shape];
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'string') return [];
  return null;
}
