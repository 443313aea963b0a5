/**
 * `TensorSpec` (tf.TensorSpec): the dtype and shape (with unknown dimensions as `null`) a traced
 * function accepts for one argument, plus an optional name that becomes the signature's input key.
 */
import { SavedModelError } from '../errors.js';
import type { DType } from '../bundle/dtypes.js';
import { parseDtypeName, type TfDType } from '../graph/dtypes.js';
import type { Dims } from '../graph/symbolic.js';

/** Describes a tensor argument: shape (`null` dims unknown, `null` shape unknown rank), dtype, name. */
export class TensorSpec {
  readonly shape: readonly (number | null)[] | null;
  readonly dtype: DType;
  readonly name?: string;

  constructor(shape: readonly (number | null)[] | null, dtype: DType = 'float32', name?: string) {
    if (shape !== null && (!Array.isArray(shape) || shape.some((d) => d !== null && (!Number.isInteger(d) || d < -1)))) {
      throw new SavedModelError('INVALID_ARGUMENT', `TensorSpec shape must be an array of non-negative integers or null (unknown), got ${JSON.stringify(shape)}`);
    }
    this.shape = shape === null ? null : shape.map((d) => (d === -1 ? null : d));
    this.dtype = parseDtypeName(dtype) as DType;
    if (name !== undefined) this.name = name;
  }

  /** The shape with -1 for unknown dimensions (graph form). */
  get dims(): Dims | null {
    return this.shape === null ? null : this.shape.map((d) => (d === null ? -1 : d));
  }

  /** The dtype as the graph layer spells it. */
  get tfDtype(): TfDType {
    return this.dtype as TfDType;
  }

  /** True when a tensor of `dtype` and `shape` fits this spec. */
  isCompatibleWith(dtype: string, shape: readonly number[] | null): boolean {
    if (dtype !== this.dtype) return false;
    if (this.shape === null || shape === null) return true;
    return this.shape.length === shape.length && this.shape.every((d, i) => d === null || shape[i] < 0 || d === shape[i]);
  }

  /** A spec with the same dtype and shape and another name. */
  withName(name: string | undefined): TensorSpec {
    return new TensorSpec(this.shape, this.dtype, name);
  }

  /** A stable key of dtype and shape (trace cache). */
  key(): string {
    return `${this.dtype}[${this.shape === null ? '*' : this.shape.map((d) => (d === null ? '?' : d)).join(',')}]`;
  }

  toString(): string {
    const shape = this.shape === null ? '<unknown>' : `(${this.shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${this.shape.length === 1 ? ',' : ''})`;
    return `TensorSpec(shape=${shape}, dtype=tf.${this.dtype}, name=${this.name === undefined ? 'None' : `'${this.name}'`})`;
  }
}
