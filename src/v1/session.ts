/**
 * `v1.Session` (tf.compat.v1.Session): runs a v1 Graph on the runtime Executor. `run(fetches,
 * feedDict)` takes TF's fetch structures — a tensor, an operation, a variable, a name
 * (`'y:0'` for a tensor, `'init'` for an operation), or arrays and records of them — and returns
 * the same structure with tfjs tensors (null for operations). Variables and other state live in
 * the session's ResourceManager and persist across runs; the graph may keep growing between runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/index.js';
import { Executor } from '../runtime/executor.js';
import { tfjsDtype } from '../runtime/dtypes.js';
import { ResourceManager } from '../runtime/resources.js';
import { Operation, SymbolicTensor } from '../graph/symbolic.js';
import { flattenLike } from '../trace/convert.js';
import { BundleCheckpointService } from './checkpoint_service.js';
import { Graph } from './graph.js';
import { GraphVariable } from './variables.js';
import type { GraphTensor } from './graph_tensor.js';

export type { GraphTensor } from './graph_tensor.js';


/** One fetch: a tensor, an operation, a variable (its value), or a name. */
export type Fetch = GraphTensor | Operation | GraphVariable | string;

/** Fetches: one, or nested arrays / records of them. */
export type Fetches = Fetch | readonly Fetches[] | { readonly [key: string]: Fetches };

/** What `run` returns for fetches `F`: tensors for tensors, null for operations, the same nesting. */
export type FetchResult<F> = [F] extends [Operation]
  ? null
  : [F] extends [GraphTensor | GraphVariable]
    ? tf.Tensor
    : [F] extends [string]
      ? tf.Tensor | null
      : { -readonly [K in keyof F]: FetchResult<F[K]> };

/** A fed value: a tfjs tensor, or anything tf.tensor accepts. */
export type FeedValue = tf.Tensor | tf.TensorLike;

/** Feeds: by tensor (or variable, or name) in a Map, or by tensor name in a record. */
export type FeedDict = ReadonlyMap<GraphTensor | GraphVariable | string, FeedValue> | Readonly<Record<string, FeedValue>>;

/** Options of a Session. */
export interface SessionOptions {
  /** Where saver ops and file-reading ops read and write (Node's file system by default). */
  fs?: FileSystem;
}

type Leaf = { kind: 'tensor'; name: string } | { kind: 'op'; name: string };

const ownSessions = new WeakMap<Graph, Session>();

/** Makes `sess` the session of `graph` used where TF runs eagerly (`Saver.restore(null, …)` on wrapFunction variables). */
export function attachSession(graph: Graph, sess: Session): void {
  ownSessions.set(graph, sess);
}

/** The session attached to `graph`, if any. */
export function sessionForGraph(graph: Graph): Session | undefined {
  return ownSessions.get(graph);
}

/** A TF1 session over a v1 Graph. */
export class Session {
  readonly graph: Graph;
  /** Variables and other resources of this session. */
  readonly resources = new ResourceManager();
  readonly fs?: FileSystem;
  private executor: Executor | undefined;
  private executorVersion = -1;
  private closed = false;

  constructor(graph?: Graph, opts: SessionOptions = {}) {
    this.graph = graph ?? new Graph();
    this.fs = opts.fs;
  }

  /** The Executor over the graph as it is now (rebuilt when ops were added since the last run). */
  currentExecutor(): Executor {
    if (this.closed) throw new SavedModelError('FAILED_PRECONDITION', 'Attempted to use a closed Session.');
    if (!tf.engine().backendName) {
      throw new SavedModelError('FAILED_PRECONDITION', 'the tfjs backend is not initialized yet: `await v1.ready()` (or any async call of this library) before Session.run');
    }
    if (!this.executor || this.executorVersion !== this.graph.version) {
      this.executor?.dispose();
      this.executor = new Executor(this.graph.toGraphDef({ withShapes: false }), {
        resources: this.resources, fs: this.fs, checkpoints: new BundleCheckpointService(this.fs),
      });
      this.executorVersion = this.graph.version;
    }
    return this.executor;
  }

  private leaf(f: Fetch): Leaf {
    if (f instanceof SymbolicTensor) return { kind: 'tensor', name: this.own(f).name };
    if (f instanceof Operation) {
      if (f.graph !== this.graph) throw foreign(f.name);
      return { kind: 'op', name: f.name };
    }
    if (f instanceof GraphVariable) return { kind: 'tensor', name: this.own(f.snapshot).name };
    if (f instanceof tf.Tensor) throw eagerTensor(f);
    if (typeof f === 'string') {
      if (/:\d+$/.test(f)) return { kind: 'tensor', name: this.graph.getTensorByName(f).name };
      return { kind: 'op', name: this.graph.getOperationByName(f).name };
    }
    throw new SavedModelError('INVALID_ARGUMENT', `Fetch argument ${describe(f)} has invalid type: expected a tensor, an operation, a variable, a name, or arrays/records of them`);
  }

  private own(t: SymbolicTensor): SymbolicTensor {
    if (t.graph !== this.graph) throw foreign(t.name);
    return t;
  }

  private collect(fetches: Fetches, leaves: Leaf[]): unknown {
    if (Array.isArray(fetches)) return fetches.map((f) => this.collect(f, leaves));
    if (isRecord(fetches)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fetches)) out[k] = this.collect(v, leaves);
      return out;
    }
    leaves.push(this.leaf(fetches as Fetch));
    return leaves.length - 1;
  }

  private feeds(feedDict: FeedDict | undefined): Map<string, tf.Tensor> {
    const out = new Map<string, tf.Tensor>();
    if (!feedDict) return out;
    const entries: Array<[GraphTensor | GraphVariable | string, FeedValue]> = feedDict instanceof Map ? [...feedDict] : Object.entries(feedDict);
    try {
      for (const [k, value] of entries) {
        if (k instanceof tf.Tensor) throw eagerTensor(k);
        const t = k instanceof GraphVariable ? this.own(k.snapshot) : k instanceof SymbolicTensor ? this.own(k) : this.graph.getTensorByName(k);
        out.set(t.name, feedTensor(t, value));
      }
    } catch (e) {
      for (const [name, t] of out) if (!isCallerTensor(entries, name, t)) t.dispose();
      throw e;
    }
    return out;
  }

  private prepare(fetches: Fetches, feedDict?: FeedDict): { structure: unknown; leaves: Leaf[]; feeds: Map<string, tf.Tensor>; entries: FeedDict | undefined } {
    const leaves: Leaf[] = [];
    const structure = this.collect(fetches, leaves);
    return { structure, leaves, feeds: this.feeds(feedDict), entries: feedDict };
  }

  private finish(structure: unknown, leaves: Leaf[], values: tf.Tensor[]): unknown {
    const byLeaf: (tf.Tensor | null)[] = [];
    let j = 0;
    for (const l of leaves) byLeaf.push(l.kind === 'tensor' ? values[j++] : null);
    const build = (s: unknown): unknown => (typeof s === 'number' ? byLeaf[s] : Array.isArray(s) ? s.map(build) : Object.fromEntries(Object.entries(s as object).map(([k, v]) => [k, build(v)])));
    return build(structure);
  }

  private release(feeds: Map<string, tf.Tensor>, feedDict: FeedDict | undefined): void {
    const given = new Set<tf.Tensor>();
    if (feedDict) for (const v of feedDict instanceof Map ? feedDict.values() : Object.values(feedDict)) if (v instanceof tf.Tensor) given.add(v);
    for (const t of feeds.values()) if (!given.has(t)) t.dispose();
  }

  /**
   * `session.run(fetches, feed_dict)`: computes the fetched tensors (new tfjs tensors the caller
   * disposes) and runs the fetched operations. Synchronous; graphs whose ops read or write files
   * (saver ops, file initialisers) need `runAsync`.
   */
  run<F extends Fetches>(fetches: F, feedDict?: FeedDict): FetchResult<F> {
    const { structure, leaves, feeds } = this.prepare(fetches, feedDict);
    try {
      const exec = this.currentExecutor();
      const values = exec.run(feeds, leaves.filter((l) => l.kind === 'tensor').map((l) => l.name), leaves.filter((l) => l.kind === 'op').map((l) => l.name));
      return this.finish(structure, leaves, values) as unknown as FetchResult<F>;
    } finally {
      this.release(feeds, feedDict);
    }
  }

  /** `run` that also awaits asynchronous kernels (SaveV2/RestoreV2, file reads). */
  async runAsync<F extends Fetches>(fetches: F, feedDict?: FeedDict): Promise<FetchResult<F> & unknown> {
    const { structure, leaves, feeds } = this.prepare(fetches, feedDict);
    try {
      const exec = this.currentExecutor();
      const values = await exec.runAsync(feeds, leaves.filter((l) => l.kind === 'tensor').map((l) => l.name), leaves.filter((l) => l.kind === 'op').map((l) => l.name));
      return this.finish(structure, leaves, values) as unknown as FetchResult<F>;
    } finally {
      this.release(feeds, feedDict);
    }
  }

  /** Frees the session's state (variables, tables) and cached plans. */
  close(): void {
    if (this.closed) return;
    this.executor?.dispose();
    this.executor = undefined;
    this.resources.dispose();
    this.closed = true;
  }
}

function eagerTensor(t: tf.Tensor): SavedModelError {
  return new SavedModelError('INVALID_ARGUMENT', `a tfjs tensor (shape [${t.shape}], ${t.dtype}) is not a tensor of a graph: ops record into a v1.Graph only when an argument is a graph tensor or inside graph.asDefault()`);
}

function foreign(name: string): SavedModelError {
  return new SavedModelError('INVALID_ARGUMENT', `Tensor or operation ${name} is not an element of this graph.`);
}

function isRecord(x: unknown): x is Record<string, Fetches> {
  return typeof x === 'object' && x !== null && !(x instanceof SymbolicTensor) && !(x instanceof Operation) && !(x instanceof GraphVariable) && Object.getPrototypeOf(x) === Object.prototype;
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  return typeof x === 'object' ? (x.constructor?.name ?? 'object') : `${typeof x} ${String(x)}`;
}

function isCallerTensor(entries: ReadonlyArray<[unknown, FeedValue]>, _name: string, t: tf.Tensor): boolean {
  return entries.some(([, v]) => v === t);
}

function describeShape(s: readonly number[] | null): string {
  return s === null ? '<unknown>' : `(${s.map((d) => (d < 0 ? 'None' : String(d))).join(', ')}${s.length === 1 ? ',' : ''})`;
}

/** The fed value as a tfjs tensor of `t`'s dtype, checked against its static shape. */
function feedTensor(t: SymbolicTensor, value: FeedValue): tf.Tensor {
  const want = t.dtype === 'resource' || t.dtype === 'variant' ? undefined : tfjsDtype(t.dtype);
  let out: tf.Tensor;
  if (value instanceof tf.Tensor) {
    out = want && value.dtype !== want && want !== 'string' && value.dtype !== 'string' ? tf.cast(value, want) : value;
  } else if (want === 'string' && (typeof value === 'string' || Array.isArray(value) || value instanceof Uint8Array)) {
    const { shape, values } = flattenLike(value, `feed for ${t.name}`);
    out = tf.tensor(values as string[], shape, 'string');
  } else {
    out = tf.tensor(value as tf.TensorLike, undefined, want);
  }
  if (want && out.dtype !== want) {
    if (out !== value) out.dispose();
    throw new SavedModelError('INVALID_ARGUMENT', `Cannot feed a ${out.dtype} value for Tensor '${t.name}', which has dtype ${t.dtype}`);
  }
  const s = t.shape;
  if (s && (s.length !== out.shape.length || s.some((d, i) => d >= 0 && d !== out.shape[i]))) {
    const shape = out.shape;
    if (out !== value) out.dispose();
    throw new SavedModelError('INVALID_ARGUMENT', `Cannot feed value of shape ${describeShape(shape)} for Tensor ${t.name}, which has shape ${describeShape(s)}`);
  }
  return out;
}
