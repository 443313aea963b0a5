/**
 * `TensorInfo`: what a signature says about one of its inputs or outputs — the graph tensor it
 * names, its TensorFlow dtype and its (possibly partial) shape — in plain JS form, plus the
 * shape helpers signature validation shares (compatibility, Python-style printing).
 */
import type { DType } from '../bundle/index.js';
import { dtypeFromEnum } from '../graph/dtypes.js';
import { shapeFromProto } from '../graph/node.js';
import type { tensorflow } from '../proto/index.js';

/** One input or output of a signature. */
export interface TensorInfo {
  /** The graph tensor (`x:0`); empty for composite tensors. */
  readonly name: string;
  /** TensorFlow dtype (Python name). Tensors carry it in the tfjs dtype the runtime's table gives. */
  readonly dtype: DType;
  /** Dims (`null` for an unknown dim), or `null` when even the rank is unknown. */
  readonly shape: (number | null)[] | null;
  /** `dense`, or the composite encoding TensorFlow used (`coo_sparse`, `composite_tensor`). */
  readonly encoding: 'dense' | 'coo_sparse' | 'composite_tensor';
}

/** A shape as `(None, 1)`, the way TensorFlow prints it. */
export function formatShape(shape: readonly (number | null)[] | null): string {
  if (shape === null) return '<unknown>';
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

/** Dims of a TensorShapeProto with unknown dims as `null` (`null` for unknown rank or no shape at all). */
export function partialShape(s: tensorflow.TensorShapeProto.$Properties | null | undefined): (number | null)[] | null {
  if (!s) return null;
  const dims = shapeFromProto(s);
  return dims === null ? null : dims.map((d) => (d < 0 ? null : d));
}

/** True when a concrete shape fits a partial one. */
export function shapeFits(shape: readonly number[], want: readonly (number | null)[] | null): boolean {
  if (want === null) return true;
  if (shape.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (want[i] !== null && want[i] !== shape[i]) return false;
  return true;
}

/** The JS form of a TensorInfo proto. */
export function tensorInfoFromProto(p: tensorflow.TensorInfo.$Properties): TensorInfo {
  const encoding = p.cooSparse ? 'coo_sparse' : p.compositeTensor ? 'composite_tensor' : 'dense';
  return {
    name: p.name ?? '',
    dtype: dtypeFromEnum(p.dtype ?? 0) as DType,
    shape: partialShape(p.tensorShape),
    encoding,
  };
}
