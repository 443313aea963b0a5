/**
 * Which graph nodes may change a variable while a run is in flight. A plan none of whose nodes
 * can (directly, or through the library functions it calls, transitively) lets its
 * `ReadVariableOp`s hand out the variable's own tensor as a borrowed value instead of a new
 * tensor per read: nothing can replace the value under the reader before the run ends.
 * Conservative: TF1 loops, unknown functions and every op that assigns, updates, scatters into
 * or destroys a resource count as mutating.
 */
import { FuncAttr, type AttrJs } from '../graph/attrs.js';
import type { IndexedNode } from './graph_index.js';
import { functionRefs, type FunctionLibrary } from './library.js';

const MUTATING_OPS: ReadonlySet<string> = new Set([
  'AssignVariableOp', 'AssignAddVariableOp', 'AssignSubVariableOp', 'DestroyResourceOp',
  'Assign', 'AssignAdd', 'AssignSub',
  'RestoreV2', 'Restore', 'RestoreSlice', 'MergeV2Checkpoints',
]);

/** Op name patterns that update state in place (optimizer applies, scatters, slice assigns). */
const MUTATING_PATTERN = /^(Resource(Apply|SparseApply|Scatter|StridedSliceAssign)|Apply|SparseApply|Scatter(Update|Add|Sub|Mul|Div|Min|Max|Nd)|StridedSliceAssign)/;

/** True when `op` (a registry op, not a function) may assign, update or destroy a variable. */
export function isMutatingOp(op: string): boolean {
  return MUTATING_OPS.has(op) || MUTATING_PATTERN.test(op);
}

/** Function names in `func` and `list(func)` attrs. */
function attrFunctions(attrs: Readonly<Record<string, AttrJs>>): string[] {
  const out: string[] = [];
  for (const k in attrs) {
    const v = attrs[k];
    if (v instanceof FuncAttr) out.push(v.name);
    else if (Array.isArray(v)) for (const f of v) if (f instanceof FuncAttr) out.push(f.name);
  }
  return out;
}

/** Answers "may this function / node mutate a variable?" for one library, with results cached. */
export class MutationIndex {
  private readonly cache = new Map<string, boolean>();

  constructor(private readonly library: FunctionLibrary) {}

  /** True when function `name` (or anything it calls) may mutate a variable; true for unknown names. */
  functionMayMutate(name: string): boolean {
    const known = this.cache.get(name);
    if (known !== undefined) return known;
    if (!this.library.has(name)) return true;
    // In progress counts as mutating: a recursive function is never treated as read-only.
    this.cache.set(name, true);
    let result = false;
    for (const n of this.library.get(name).nodeDef ?? []) {
      const op = n.op ?? '';
      if ((!this.library.has(op) && isMutatingOp(op)) || functionRefs(n, this.library).some((f) => this.functionMayMutate(f))) {
        result = true;
        break;
      }
    }
    this.cache.set(name, result);
    return result;
  }

  /** True when running indexed node `n` may mutate a variable. */
  nodeMayMutate(n: IndexedNode): boolean {
    if (n.loop) return true;
    if (n.isFunctionCall) return this.functionMayMutate(n.op);
    if (isMutatingOp(n.op)) return true;
    return attrFunctions(n.attrs).some((f) => this.functionMayMutate(f));
  }
}
