/**
 * The attrs of an operation as TensorFlow exports them: attrs equal to the op definition's
 * default are stripped (`strip_default_attrs`, what `tf.saved_model.save` does; loaders add them
 * back from their op registry), `_output_shapes` records the inferred output shapes, and keys are
 * in sorted order (the order of a deterministic serialization).
 */
import { DtypeAttr, FuncAttr, ShapeAttr, TensorAttr, parseAttr, type AttrJs, type AttrScalar } from './attrs.js';
import { shapeProto } from './constant.js';
import type { AttrValueLike } from './node.js';
import type { Operation } from './symbolic.js';

function scalarEqual(a: AttrScalar, b: AttrScalar): boolean {
  if (a instanceof DtypeAttr) return b instanceof DtypeAttr && a.dtype === b.dtype;
  if (a instanceof ShapeAttr) {
    if (!(b instanceof ShapeAttr)) return false;
    if (a.dims === null || b.dims === null) return a.dims === b.dims;
    return a.dims.length === b.dims.length && a.dims.every((d, i) => d === b.dims![i]);
  }
  if (a instanceof FuncAttr || a instanceof TensorAttr || b instanceof FuncAttr || b instanceof TensorAttr) return false;
  return a === b;
}

/** Structural equality of two decoded attr values. */
export function attrValuesEqual(a: AttrJs | undefined, b: AttrJs | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => scalarEqual(x, b[i]));
  }
  return scalarEqual(a, b);
}

/** The `_output_shapes` attr of an operation (a list with one shape per output). */
export function outputShapesAttr(op: Operation): AttrValueLike {
  return { list: { shape: op.outputs.map((t) => shapeProto(t.shape)) } };
}

/** Sorts the keys of a record (deterministic serialization writes map entries by key). */
export function sortedRecord<V>(r: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/**
 * The default of an attr as the reader of the graph knows it (`undefined`: no default, keep the
 * attr). The writer passes TensorFlow's own OpDefs, so that only what TensorFlow adds back is
 * stripped; without it the registry's definitions are used.
 */
export type AttrDefaults = (opType: string, attr: string) => AttrJs | undefined;

/** Options of exportAttrs / toNodeDef / toFunctionDef. */
export interface ExportOptions {
  /** Record `_output_shapes` (default true). */
  withShapes?: boolean;
  /** Where defaults come from (default: the op registry). */
  defaults?: AttrDefaults;
}

/** Attrs to write for `op`: defaults stripped, `_output_shapes` added (unless `withShapes` is false), sorted. */
export function exportAttrs(op: Operation, options: boolean | ExportOptions = true): Record<string, AttrValueLike> {
  const opts = typeof options === 'boolean' ? { withShapes: options } : options;
  const defaultOf = opts.defaults ?? ((_t: string, k: string) => op.def.attrs.get(k)?.default);
  const out: Record<string, AttrValueLike> = {};
  for (const [k, v] of Object.entries(op.attrs)) {
    const d = k.startsWith('_') ? undefined : defaultOf(op.type, k);
    if (d !== undefined && attrValuesEqual(parseAttr(v), d)) continue;
    out[k] = v;
  }
  if ((opts.withShapes ?? true) && out._output_shapes === undefined) out._output_shapes = outputShapesAttr(op);
  return sortedRecord(out);
}
