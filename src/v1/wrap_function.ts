/**
 * `v1.wrapFunction(fn, signature)` (tf.compat.v1.wrap_function): runs TF1 graph-building code
 * (placeholders, variables, `importMetaGraph` …) into a fresh graph with its own session, and
 * returns a function of that graph — callable on tfjs tensors, with `graph`, `variables`, and
 * `prune(feeds, fetches)` for a function between any tensors of the graph. Variables created
 * by `fn` are initialized; imported ones wait for `Saver.restore(null, prefix)`.
 */
import { SavedModelError } from '../errors.js';
import { Operation, SymbolicTensor } from '../graph/symbolic.js';
import { ensureBackend } from '../runtime/backend.js';
import { withDefaultGraph } from '../trace/context.js';
import type { TensorSpec } from '../trace/tensor_spec.js';
import { Graph } from './graph.js';
import { attachSession, Session, type FeedDict, type FeedValue, type Fetches } from './session.js';
import type { GraphVariable } from './variables.js';
import { asSymbolic, type GraphTensor } from './graph_tensor.js';

/** A function of a wrapped graph: fed `inputs` in order, returns the fetches' values (tfjs tensors). */
export interface GraphFunction {
  (...args: FeedValue[]): unknown;
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: Fetches;
}

/** What `wrapFunction` returns. */
export interface WrappedFunction extends GraphFunction {
  readonly graph: Graph;
  /** The graph's global variables. */
  readonly variables: GraphVariable[];
  /** The session holding the variables' values. */
  readonly session: Session;
  /** Frees the session's state. */
  dispose(): void;
  /** A function from `feeds` (tensors or names of the graph) to `fetches`, like a pruned concrete function. */
  prune(feeds: GraphTensor | string | ReadonlyArray<GraphTensor | string>, fetches: Fetches): GraphFunction;
}

function graphFunction(sess: Session, inputs: readonly SymbolicTensor[], outputs: Fetches): GraphFunction {
  const call = (...args: FeedValue[]): unknown => {
    if (args.length !== inputs.length) {
      throw new SavedModelError('INVALID_ARGUMENT', `the function takes ${inputs.length} input(s) (${inputs.map((t) => t.name).join(', ')}), got ${args.length}`);
    }
    const run = sess.run.bind(sess) as (f: Fetches, d: FeedDict) => unknown;
    return run(outputs, new Map(inputs.map((t, i) => [t, args[i]])));
  };
  return Object.assign(call, { inputs, outputs });
}

function resolveTensor(g: Graph, t: GraphTensor | string): SymbolicTensor {
  if (typeof t === 'string') return g.getTensorByName(t);
  const x = asSymbolic(t, 'prune feeds');
  if (x.graph !== g) throw new SavedModelError('INVALID_ARGUMENT', `${x.name} is not a tensor of the wrapped graph`);
  return x;
}

function resolveFetches(g: Graph, f: Fetches): Fetches {
  if (typeof f === 'string') return /:\d+$/.test(f) ? g.getTensorByName(f) : g.getOperationByName(f);
  if (f instanceof SymbolicTensor || f instanceof Operation) return f;
  if (Array.isArray(f)) return f.map((x) => resolveFetches(g, x as Fetches));
  if (typeof f === 'object' && f !== null && !('graph' in f)) return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, resolveFetches(g, v as Fetches)]));
  return f;
}

/**
 * Wraps `fn` (which builds into the graph it is given, and may return the tensors to output)
 * with placeholders for `signature`.
 */
export async function wrapFunction(
  fn: (graph: Graph, ...args: SymbolicTensor[]) => unknown,
  signature: readonly TensorSpec[] = [],
): Promise<WrappedFunction> {
  await ensureBackend();
  const graph = new Graph();
  const inputs = signature.map((s, i) => graph.placeholder(s.dtype, s.shape, s.name ?? (i === 0 ? 'Placeholder' : `Placeholder_${i}`)));
  const result = await withDefaultGraph(graph, () => fn(graph, ...inputs));
  const sess = new Session(graph);
  attachSession(graph, sess);
  const created = graph.globalVariables().filter((v) => !v.imported);
  if (created.length) sess.run(created.map((v) => v.initializer));
  const outputs = (result === undefined || result === null ? [] : resolveFetches(graph, result as Fetches)) as Fetches;
  const base = graphFunction(sess, inputs, outputs);
  const prune = (feeds: GraphTensor | string | ReadonlyArray<GraphTensor | string>, fetches: Fetches): GraphFunction => {
    const list = (Array.isArray(feeds) ? feeds : [feeds]) as (GraphTensor | string)[];
    return graphFunction(sess, list.map((x) => resolveTensor(graph, x)), resolveFetches(graph, fetches));
  };
  Object.defineProperty(base, 'variables', { get: () => graph.globalVariables(), enumerable: true });
  return Object.assign(base, { graph, session: sess, prune, dispose: () => sess.close() }) as unknown as WrappedFunction;
}
