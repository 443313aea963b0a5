/**
 * Importing a GraphDef into a v1 Graph (`tf.import_graph_def`): every node becomes an Operation
 * with its attrs, device and control inputs as written, created in dependency order whatever
 * the GraphDef's order; `_output_shapes` become the tensors' static shapes. Names are kept
 * (optionally under an import scope) and reserved, so later ops get TF's unique names around
 * them. Library functions are kept for the session's executor.
 */
import { SavedModelError } from '../errors.js';
import { parseAttrMap } from '../graph/attrs.js';
import type { OpInput } from '../graph/graph_builder.js';
import type { AttrValueLike, NodeDefLike } from '../graph/node.js';
import { shapeFromProto } from '../graph/node.js';
import { argOffsets, withDefaults } from '../graph/opdef.js';
import { getOpDef } from '../graph/ops/index.js';
import type { Dims, Operation, SymbolicTensor } from '../graph/symbolic.js';
import type { tensorflow } from '../proto/index.js';
import type { Graph } from './graph.js';

/** Options of `importGraphDef`. */
export interface ImportGraphDefOptions {
  /** Prefix for every imported name (`scope/name`); none by default. */
  importScope?: string;
  /** Drop the nodes' devices. */
  clearDevices?: boolean;
  /** Feed these names with existing tensors instead of importing their producers' outputs (`input_map`). */
  inputMap?: ReadonlyMap<string, SymbolicTensor>;
}

interface ParsedInput {
  node: string;
  index: number;
  control: boolean;
}

function parseInput(s: string): ParsedInput {
  if (s.startsWith('^')) return { node: s.slice(1), index: -1, control: true };
  const m = /^(.*?)(?::(\d+))?$/.exec(s)!;
  return { node: m[1], index: m[2] === undefined ? 0 : Number(m[2]), control: false };
}

/** Nodes in an order where every node comes after its inputs; UNIMPLEMENTED for cycles (TF1 while loops). */
function dependencyOrder(nodes: readonly NodeDefLike[]): NodeDefLike[] {
  const byName = new Map<string, number>();
  nodes.forEach((n, i) => {
    const name = n.name ?? '';
    if (byName.has(name)) throw new SavedModelError('INVALID_ARGUMENT', `GraphDef has two nodes named '${name}'`);
    byName.set(name, i);
  });
  const pending = new Array<number>(nodes.length).fill(0);
  const users: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const s of n.input ?? []) {
      const j = byName.get(parseInput(s).node);
      if (j === undefined) continue; // reported when the node is created
      pending[i]++;
      users[j].push(i);
    }
  });
  const ready = nodes.map((_, i) => i).filter((i) => pending[i] === 0);
  const out: NodeDefLike[] = [];
  for (let k = 0; k < ready.length; k++) {
    const i = ready[k];
    out.push(nodes[i]);
    for (const u of users[i]) if (--pending[u] === 0) ready.push(u);
  }
  if (out.length !== nodes.length) {
    const stuck = nodes.filter((_, i) => pending[i] > 0).slice(0, 5).map((n) => `${n.name} (${n.op})`);
    throw new SavedModelError('UNIMPLEMENTED', `the GraphDef has a cycle (a TF1 while loop?) through ${stuck.join(', ')}: such graphs cannot be imported into a v1.Graph`);
  }
  return out;
}

/** Imports `graphDef`'s nodes (and library) into `g`; returns the created operations by original node name. */
export function importGraphDef(g: Graph, graphDef: tensorflow.GraphDef.$Properties, opts: ImportGraphDefOptions = {}): Map<string, Operation> {
  const scope = opts.importScope ? opts.importScope.replace(/\/+$/, '') + '/' : '';
  const created = new Map<string, Operation>();
  const resolve = (s: string, what: string): SymbolicTensor | Operation => {
    const mapped = opts.inputMap?.get(s) ?? (s.includes(':') || s.startsWith('^') ? undefined : opts.inputMap?.get(`${s}:0`));
    if (mapped) return mapped;
    const p = parseInput(s);
    const op = created.get(p.node);
    if (!op) throw new SavedModelError('INVALID_ARGUMENT', `${what}: input '${s}' names no node of the GraphDef`);
    if (p.control) return op;
    if (p.index >= op.outputs.length) throw new SavedModelError('INVALID_ARGUMENT', `${what}: input '${s}' asks for output ${p.index} of ${op.type} '${op.name}', which has ${op.outputs.length}`);
    return op.outputs[p.index];
  };
  for (const node of dependencyOrder(graphDef.node ?? [])) {
    const type = node.op ?? '';
    const what = `node '${node.name}' (${type})`;
    const def = getOpDef(type);
    if (!def) throw new SavedModelError('UNIMPLEMENTED', `${what}: op ${type} is not supported, the graph cannot be imported`);
    const attrs: Record<string, AttrValueLike> = {};
    let shapes: (Dims | null)[] | undefined;
    for (const [k, v] of Object.entries(node.attr ?? {})) {
      if (k === '_output_shapes') shapes = (v.list?.shape ?? []).map((s) => shapeFromProto(s));
      else attrs[k] = v;
    }
    const values = withDefaults(def, parseAttrMap(attrs));
    const { offsets, total } = argOffsets(def.inputs, values);
    const data: SymbolicTensor[] = [];
    const control: Operation[] = [];
    for (const s of node.input ?? []) {
      const r = resolve(s, what);
      if (s.startsWith('^')) control.push(r as Operation);
      else data.push(r as SymbolicTensor);
    }
    if (data.length !== total) throw new SavedModelError('INVALID_ARGUMENT', `${what}: ${data.length} data inputs, its op definition takes ${total}`);
    const inputs: OpInput[] = def.inputs.map((arg, i) => {
      const slice = data.slice(offsets[i], i + 1 < offsets.length ? offsets[i + 1] : total);
      return arg.numberAttr || arg.typeListAttr ? slice : slice[0];
    });
    const name = scope + (node.name ?? '');
    if (g.uniqueName(name) !== name) throw new SavedModelError('INVALID_ARGUMENT', `${what}: the graph already has an operation named '${name}'`);
    const op = g.addOp(type, inputs, {
      exactName: name, attrs, device: opts.clearDevices ? '' : node.device ?? '', controlInputs: control,
      outputShapes: shapes && shapes.length ? shapes : undefined,
    });
    created.set(node.name ?? '', op);
  }
  if (graphDef.library) g.addLibrary(graphDef.library);
  return created;
}
