/**
 * Which ops a load would run that the runtime has no kernel for — or that reach outside the model
 * (files, processes, Python: safety.ts) — found by walking only what is reachable: from the graph
 * nodes the loader runs (restore, init, signature tensors) through their inputs and control
 * inputs, into every function they call (by name, PartitionedCall, If/While/Case branches).
 * Unused parts of a model (gradient functions, training ops) do not count. All missing ops are
 * reported in one UNIMPLEMENTED error, unsafe ones in one PERMISSION_DENIED error, with the nodes
 * using them.
 */
import { SavedModelError } from '../errors.js';
import type { AttrValueLike, FunctionDefLike, GraphDefLike, NodeDefLike } from '../graph/node.js';
import { functionNameOf } from '../proto/lazy_message.js';
import { getKernel } from '../runtime/registry.js';
import { UNSAFE_OPS, type UnsafeOpUse } from './safety.js';

/** Which unsafe ops a caller allows: all (`true`), none (`false`/undefined), or these op names. */
export type UnsafeOpsAllowance = boolean | readonly string[] | undefined;

/** A node using an op the runtime cannot execute. */
export interface MissingOp {
  readonly op: string;
  readonly node: string;
  /** `graph` or `function 'name'`. */
  readonly where: string;
}

/** Strips `^` and `:n` from an input or tensor name. */
export function nodeNameOf(input: string): string {
  const s = input.startsWith('^') ? input.slice(1) : input;
  const i = s.indexOf(':');
  return i < 0 ? s : s.slice(0, i);
}

function funcsOfAttr(v: AttrValueLike): string[] {
  const out: string[] = [];
  if (v.func?.name) out.push(v.func.name);
  for (const f of v.list?.func ?? []) if (f.name) out.push(f.name);
  return out;
}

/** Walks a graph and its library from given roots, collecting missing ops. */
export class OpReachability {
  private readonly functions = new Map<string, FunctionDefLike>();
  private readonly nodes = new Map<string, NodeDefLike>();
  private readonly seenNodes = new Set<string>();
  private readonly seenFunctions = new Set<string>();
  private readonly missing: MissingOp[] = [];
  private readonly unsafe: (MissingOp & { reason: string })[] = [];

  constructor(graph: GraphDefLike) {
    for (const f of graph.library?.function ?? []) {
      const name = functionNameOf(f);
      if (name) this.functions.set(name, f);
    }
    for (const n of graph.node ?? []) if (n.name) this.nodes.set(n.name, n);
  }

  private check(n: NodeDefLike, where: string, follow = true): void {
    const op = n.op ?? '';
    const reason = UNSAFE_OPS[op];
    if (reason) this.unsafe.push({ op, node: n.name ?? '', where, reason });
    if (this.functions.has(op)) {
      if (follow) this.addFunction(op);
    } else if (!getKernel(op)) this.missing.push({ op, node: n.name ?? '', where });
    if (follow) for (const v of Object.values(n.attr ?? {})) for (const f of funcsOfAttr(v)) this.addFunction(f);
  }

  /**
   * Adds every node of the graph itself, without the functions they call: an Executor binds all
   * of a graph's nodes before running any part of it, so each needs a kernel.
   */
  addWholeGraph(): this {
    for (const [name, n] of this.nodes) {
      if (this.seenNodes.has(name)) continue;
      this.seenNodes.add(name);
      this.check(n, 'graph', false);
    }
    return this;
  }

  /** Adds graph nodes (names or tensor names) and everything they depend on, up to `fed` tensors. */
  addNodes(names: Iterable<string>, fed: Iterable<string> = []): this {
    const stop = new Set([...fed].map(nodeNameOf));
    const stack = [...names].map(nodeNameOf);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (this.seenNodes.has(name)) continue;
      this.seenNodes.add(name);
      const n = this.nodes.get(name);
      if (!n) continue; // unknown names are reported by the executor, with context
      if (stop.has(name)) continue; // a fed tensor's producer does not run
      this.check(n, 'graph');
      for (const i of n.input ?? []) stack.push(nodeNameOf(i));
    }
    return this;
  }

  /** Adds a library function (all of its body) and the functions it calls. */
  addFunction(name: string): this {
    if (this.seenFunctions.has(name)) return this;
    this.seenFunctions.add(name);
    const f = this.functions.get(name);
    if (!f) return this;
    for (const n of f.nodeDef ?? []) this.check(n, `function '${name}'`);
    return this;
  }

  /** The missing ops found so far. */
  result(): MissingOp[] {
    return [...this.missing];
  }

  /** The unsafe ops (UNSAFE_OPS) found so far, with why each is unsafe. */
  unsafeOps(): (MissingOp & { reason: string })[] {
    return [...this.unsafe];
  }

  /** Throws one PERMISSION_DENIED SavedModelError naming the unsafe ops found that `allowed` does not cover. */
  throwIfUnsafe(context: string, allowed: UnsafeOpsAllowance): void {
    if (allowed === true) return;
    const list = Array.isArray(allowed) ? allowed : [];
    const u = this.unsafe.filter((x) => !list.includes(x.op));
    if (u.length === 0) return;
    const detail = u.slice(0, 20).map((x) => `${x.op} (node '${x.node}' in ${x.where}: ${x.reason})`).join(', ');
    throw new SavedModelError(
      'PERMISSION_DENIED',
      `${context} would run op(s) that reach outside the model: ${detail}${u.length > 20 ? `, and ${u.length - 20} more` : ''}; pass allowUnsafeOps (true, or the op names) to loadModel to run it anyway`,
    );
  }

  /** Throws one UNIMPLEMENTED SavedModelError naming every missing op and (up to 20) nodes. */
  throwIfMissing(context: string): void {
    const m = this.missing;
    if (m.length === 0) return;
    const ops = [...new Set(m.map((x) => x.op))].sort();
    const detail = m.slice(0, 20).map((x) => `${x.node} (${x.op}, in ${x.where})`).join(', ');
    throw new SavedModelError(
      'UNIMPLEMENTED',
      `${context}: unsupported TensorFlow op(s) ${ops.join(', ')}; used by ${detail}${m.length > 20 ? `, and ${m.length - 20} more` : ''}`,
    );
  }
}

/**
 * The unsafe ops that running `outputs` (tensor names) would execute: nodes reached backwards
 * from the outputs through data and control inputs (a `fed` tensor's producer does not run),
 * plus every node of every function they call, transitively.
 */
export function unsafeOpsReachable(graph: GraphDefLike, outputs: readonly string[], fed: readonly string[] = []): UnsafeOpUse[] {
  return new OpReachability(graph).addNodes(outputs, fed).unsafeOps();
}

/** Every op type used anywhere in a graph: its nodes and all of its library's function bodies. */
export function allOps(graph: GraphDefLike): Set<string> {
  const ops = new Set<string>();
  for (const n of graph.node ?? []) if (n.op) ops.add(n.op);
  for (const f of graph.library?.function ?? []) for (const n of f.nodeDef ?? []) if (n.op) ops.add(n.op);
  return ops;
}
