/**
 * GraphBuilder → GraphDef nodes: inputs as `op` / `op:index` / `^op` (control inputs sorted by
 * name), attrs with defaults stripped and `_output_shapes` recorded, as a SavedModel's
 * MetaGraphDef holds them.
 */
import { exportAttrs, type ExportOptions } from './export_attrs.js';
import type { GraphBuilder } from './graph_builder.js';
import type { NodeDefLike } from './node.js';
import type { Operation } from './symbolic.js';

/** The NodeDef of one operation of a graph. */
export function toNodeDef(op: Operation, options: boolean | ExportOptions = true): NodeDefLike {
  const input = op.inputs.map((t) => (t.index === 0 ? t.op.name : t.name));
  for (const c of [...op.controlInputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) input.push(`^${c.name}`);
  const n: NodeDefLike = { name: op.name, op: op.type, input, attr: exportAttrs(op, options) };
  return op.device ? { ...n, device: op.device } : n;
}

/** The NodeDefs of every operation of `g`, in creation order. */
export function toNodeDefs(g: GraphBuilder, options: boolean | ExportOptions = true): NodeDefLike[] {
  return g.operations.map((op) => toNodeDef(op, options));
}
