/**
 * The function library of a graph (FunctionDefLibrary): functions by name, each with an OpDef
 * built from its signature so that calls by name (`op: "my_fn"`), `PartitionedCall`s and
 * control-flow branches resolve like any other op.
 */
import { SavedModelError } from '../errors.js';
import { dtypeFromEnum } from '../graph/dtypes.js';
import type { ArgDefLike, FunctionDefLike, FunctionLibraryLike, NodeDefLike } from '../graph/node.js';
import type { ArgSpec, AttrSpec, OpDef } from '../graph/opdef.js';
import { functionNameOf } from '../proto/lazy_message.js';

function argSpec(a: ArgDefLike): ArgSpec {
  const name = a.name ?? '';
  const isRef = a.isRef ?? false;
  if (a.typeListAttr) return { name, typeListAttr: a.typeListAttr, isRef };
  if (a.typeAttr) return { name, typeAttr: a.typeAttr, numberAttr: a.numberAttr || undefined, isRef };
  return { name, type: dtypeFromEnum(a.type ?? 0), numberAttr: a.numberAttr || undefined, isRef };
}

/** The OpDef a function presents to its callers. */
export function functionOpDef(f: FunctionDefLike): OpDef {
  const sig = f.signature ?? {};
  const attrs = new Map<string, AttrSpec>();
  return {
    name: sig.name ?? '',
    inputs: (sig.inputArg ?? []).map(argSpec),
    outputs: (sig.outputArg ?? []).map(argSpec),
    attrs,
    stateful: sig.isStateful ?? false,
  };
}

/** Names of the library functions a node refers to: its op, and `func` / `list(func)` attrs. */
export function functionRefs(n: NodeDefLike, lib: FunctionLibrary): string[] {
  const out: string[] = [];
  if (n.op && lib.has(n.op)) out.push(n.op);
  for (const v of Object.values(n.attr ?? {})) {
    if (v.func?.name) out.push(v.func.name);
    for (const f of v.list?.func ?? []) if (f.name) out.push(f.name);
  }
  return out;
}

/** Functions by name. */
export class FunctionLibrary {
  private readonly functions = new Map<string, FunctionDefLike>();
  private readonly defs = new Map<string, OpDef>();

  constructor(lib?: FunctionLibraryLike | null) {
    for (const f of lib?.function ?? []) {
      const name = functionNameOf(f);
      if (!name) throw new SavedModelError('INVALID_ARGUMENT', 'function library holds a FunctionDef without a signature name');
      this.functions.set(name, f);
    }
  }

  /** True when `name` is a function of this library. */
  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** The FunctionDef, or a NOT_FOUND SavedModelError. */
  get(name: string): FunctionDefLike {
    const f = this.functions.get(name);
    if (!f) throw new SavedModelError('NOT_FOUND', `function '${name}' is not in the graph's function library`);
    return f;
  }

  /** The function's signature as an OpDef (cached). */
  opDef(name: string): OpDef {
    let d = this.defs.get(name);
    if (!d) {
      d = functionOpDef(this.get(name));
      this.defs.set(name, d);
    }
    return d;
  }

  /** All function names, sorted. */
  names(): string[] {
    return [...this.functions.keys()].sort();
  }
}
