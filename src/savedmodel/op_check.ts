/**
 * Which ops a load would run that the runtime has no kernel for, found by walking only what is
 * reachable: from the graph nodes the loader runs (restore, init, signature tensors) through
 * their inputs and control inputs, into every function they call (by name, PartitionedCall,
 * If/While/Case branches). Unused parts of a model (gradient functions, training ops) do not
 * count. All missing ops are reported in one UNIMPLEMENTED error, with the nodes using them.
 */
import { SavedModelError } from '../errors.js';
import type { AttrValueLike, FunctionDefLike, GraphDefLike, NodeDefLike } from '../graph/node.js';
import { getKernel } from '../runtime/registry.js';

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

  constructor(graph: GraphDefLike) {
    for (const f of graph.library?.function ?? []) if (f.signature?.name) this.functions.set(f.signature.name, f);
    for (const n of graph.node ?? []) if (n.name) this.nodes.set(n.name, n);
  }

  private check(n: NodeDefLike, where: string): void {
    const op = n.op ?? '';
    if (this.functions.has(op)) this.addFunction(op);
    else if (!getKernel(op)) this.missing.push({ op, node: n.name ?? '', where });
    for (const v of Object.values(n.attr ?? {})) for (const f of funcsOfAttr(v)) this.addFunction(f);
  }

  /** Adds graph nodes (names or tensor names) and everything they depend on. */
  addNodes(names: Iterable<string>): this {
    const stack = [...names].map(nodeNameOf);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (this.seenNodes.has(name)) continue;
      this.seenNodes.add(name);
      const n = this.nodes.get(name);
      if (!n) continue; // unknown names are reported by the executor, with context
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
