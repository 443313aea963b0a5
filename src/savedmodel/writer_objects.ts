/**
 * The object graph of a model being saved: a breadth-first walk from the root Module over its
 * tracked properties, as TensorFlow's ObjectGraphView does. Node 0 is the root; each reachable
 * object gets one node (shared objects are referenced, not repeated) and the path of local names
 * that first reached it, which names its checkpoint keys (`dense/kernel/.ATTRIBUTES/VARIABLE_VALUE`).
 */
import { SavedModelError } from '../errors.js';
import { ConcreteFunction } from '../trace/concrete_function.js';
import { Module, trackedValues } from '../trace/module.js';
import { isTfFunction, type TfFunction } from '../trace/tf_function.js';
import { Variable } from '../trace/variable.js';
import { Asset } from '../trace/asset.js';

/** The synthetic `signatures` child of the root (TF's `_SignatureMap`). */
export class SignatureMap {
  constructor(readonly entries: ReadonlyArray<readonly [string, ConcreteFunction]>) {}
}

/** What a node is. */
export type NodeKind =
  | { readonly kind: 'user'; readonly identifier: string }
  | { readonly kind: 'variable'; readonly variable: Variable }
  | { readonly kind: 'function'; readonly fn: TfFunction; readonly concrete: readonly ConcreteFunction[] }
  | { readonly kind: 'bare'; readonly cf: ConcreteFunction; readonly signatureKey?: string }
  | { readonly kind: 'asset'; readonly asset: Asset };

/** A child reference: local name and node id. */
export interface ChildRef {
  readonly name: string;
  readonly id: number;
}

/** One node of the object graph. */
export interface ObjectNode {
  readonly id: number;
  readonly value: unknown;
  readonly kind: NodeKind;
  readonly children: ChildRef[];
  /** Deserialization dependencies (a function depends on its concrete functions). */
  readonly dependencies: ChildRef[];
  /** Local names from the root to this node (first path found). */
  readonly path: readonly string[];
}

/** The walked object graph. */
export interface ObjectGraph {
  readonly nodes: readonly ObjectNode[];
  /** Node id of an object (Variable, ConcreteFunction …). */
  idOf(value: unknown): number | undefined;
}

function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

/** True when `x` is saved as a node: a trackable, or an array/record holding one. */
export function isTrackable(x: unknown, seen = new Set<unknown>()): boolean {
  if (x instanceof Module || x instanceof Variable || x instanceof ConcreteFunction || x instanceof Asset || x instanceof SignatureMap || isTfFunction(x)) return true;
  if ((Array.isArray(x) || isPlainRecord(x)) && !seen.has(x)) {
    seen.add(x);
    return (Array.isArray(x) ? x : Object.values(x)).some((v) => isTrackable(v, seen));
  }
  return false;
}

function kindOf(value: unknown, signatureKey: string | undefined): NodeKind {
  if (value instanceof Variable) return { kind: 'variable', variable: value };
  if (value instanceof ConcreteFunction) return { kind: 'bare', cf: value, signatureKey };
  if (value instanceof Asset) return { kind: 'asset', asset: value };
  if (isTfFunction(value)) return { kind: 'function', fn: value, concrete: value.concreteFunctions() };
  if (value instanceof SignatureMap) return { kind: 'user', identifier: 'signature_map' };
  if (Array.isArray(value)) return { kind: 'user', identifier: 'trackable_list_wrapper' };
  if (isPlainRecord(value)) return { kind: 'user', identifier: 'trackable_dict_wrapper' };
  return { kind: 'user', identifier: '_generic_user_object' };
}

function childEntries(value: unknown, kind: NodeKind): [string, unknown][] {
  if (kind.kind === 'function') return kind.concrete.map((cf, i) => [`trace_${i}`, cf]);
  if (value instanceof SignatureMap) return value.entries.map(([k, cf]) => [k, cf]);
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v] as [string, unknown]).filter(([, v]) => isTrackable(v));
  if (value instanceof Module || isPlainRecord(value)) return trackedValues(value).filter(([, v]) => isTrackable(v));
  return [];
}

/** Walks the objects reachable from `root` (plus the `signatures` map, if given) breadth first. */
export function walkObjectGraph(root: Module, signatures?: SignatureMap): ObjectGraph {
  if (!(root instanceof Module)) throw new SavedModelError('INVALID_ARGUMENT', 'saveModel saves a Module (the root object); got ' + describe(root));
  const nodes: ObjectNode[] = [];
  const ids = new Map<unknown, number>();
  const signatureKeys = new Map<unknown, string>();
  for (const [k, cf] of signatures?.entries ?? []) signatureKeys.set(cf, k);

  const add = (value: unknown, path: readonly string[]): number => {
    const known = ids.get(value);
    if (known !== undefined) return known;
    const id = nodes.length;
    ids.set(value, id);
    nodes.push({ id, value, kind: kindOf(value, signatureKeys.get(value)), children: [], dependencies: [], path });
    return id;
  };

  add(root, []);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const entries = childEntries(node.value, node.kind);
    if (i === 0 && signatures) entries.push(['signatures', signatures]);
    for (const [name, child] of entries) {
      const id = add(child, [...node.path, name]);
      node.children.push({ name, id });
      if (node.kind.kind === 'function') node.dependencies.push({ name, id });
    }
  }
  return { nodes, idOf: (v) => ids.get(v) };
}

/** TF's escaping of local names in checkpoint keys: `.` → `..`, `/` → `.S`. */
export function escapeLocalName(name: string): string {
  return name.replace(/\./g, '..').replace(/\//g, '.S');
}

/** The checkpoint key of a variable node's value. */
export function variableKey(node: ObjectNode): string {
  return `${node.path.map(escapeLocalName).join('/')}/.ATTRIBUTES/VARIABLE_VALUE`;
}

function describe(x: unknown): string {
  return typeof x === 'object' && x !== null ? (x as object).constructor?.name ?? 'object' : typeof x;
}
