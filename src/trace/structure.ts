/**
 * Nested structures of a traced function's inputs and outputs (TF's `nest`): a leaf, an array
 * (tuple/list) or a plain record (dict); flattening visits record keys in sorted order, as
 * TensorFlow does, so output `i` of a FunctionDef is the i-th leaf in that order.
 */
import { SavedModelError } from '../errors.js';

/** A nested structure with leaves of type L. */
export type Nested<L> = L | null | undefined | readonly Nested<L>[] | { readonly [key: string]: Nested<L> };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

/** The leaves of `value`, depth first, record keys sorted; `isLeaf` decides what a leaf is. */
export function flatten<L>(value: unknown, isLeaf: (x: unknown) => x is L): L[] {
  const out: L[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (isLeaf(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) for (const k of Object.keys(v).sort()) walk(v[k]);
    else throw new SavedModelError('INVALID_ARGUMENT', `cannot use a ${describe(v)} in a traced function's inputs or outputs (tensors, arrays and plain records only)`);
  };
  walk(value);
  return out;
}

/** Rebuilds `template`'s structure with `leaves` (in flatten order); `map` converts each leaf. */
export function packAs<L, O>(template: unknown, leaves: readonly O[], isLeaf: (x: unknown) => x is L): unknown {
  let i = 0;
  const build = (v: unknown): unknown => {
    if (v === null || v === undefined) return v;
    if (isLeaf(v)) return leaves[i++];
    if (Array.isArray(v)) return v.map(build);
    if (isRecord(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = build(v[k]);
      // keep the user's key order for display
      const ordered: Record<string, unknown> = {};
      for (const k of Object.keys(v)) ordered[k] = out[k];
      return ordered;
    }
    return v;
  };
  const result = build(template);
  if (i !== leaves.length) throw new SavedModelError('INTERNAL', `structure has ${i} leaves, got ${leaves.length} values`);
  return result;
}

/** Replaces every leaf, keeping the structure. */
export function mapStructure<L>(value: unknown, isLeaf: (x: unknown) => x is L, fn: (leaf: L) => unknown): unknown {
  if (value === null || value === undefined) return value;
  if (isLeaf(value)) return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStructure(v, isLeaf, fn));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = mapStructure(value[k], isLeaf, fn);
    return out;
  }
  return value;
}

function describe(v: unknown): string {
  if (typeof v === 'object' && v !== null) return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
