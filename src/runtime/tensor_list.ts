/**
 * `TensorList`: the value behind TF's `DT_VARIANT` TensorList ops (Keras RNNs in TF2 While
 * loops, tf.TensorArray in TF2). Lists are values: every op returns a new list. Items are held
 * in reference-counted boxes, so copying a list is cheap JS work and no tensor is copied or
 * disposed while another list still holds it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { RuntimeObject } from './values.js';

/** A tensor shared by several lists. */
class Item {
  refs = 1;
  constructor(readonly t: tf.Tensor) {}
}

/** An immutable list of tensors of one dtype. */
export class TensorList extends RuntimeObject {
  readonly kind = 'tensorlist';

  private constructor(
    private readonly items: (Item | null)[],
    /** Element shape (-1 for unknown dims), or null for unknown rank. */
    readonly elementShape: number[] | null,
    readonly dtype: tf.DataType,
  ) {
    super();
  }

  /** A list of `n` unset items. */
  static reserve(n: number, elementShape: number[] | null, dtype: tf.DataType): TensorList {
    return new TensorList(new Array<Item | null>(n).fill(null), elementShape, dtype);
  }

  /** A list owning `tensors` (the list disposes them when freed). */
  static of(tensors: tf.Tensor[], elementShape: number[] | null, dtype: tf.DataType): TensorList {
    return new TensorList(tensors.map((t) => new Item(t)), elementShape, dtype);
  }

  get length(): number {
    return this.items.length;
  }

  /** The tensor at `i` (still the list's), or null when unset. */
  get(i: number): tf.Tensor | null {
    this.check(i);
    return this.items[i]?.t ?? null;
  }

  /** The tensor at `i`, or zeros of the element shape when unset. The result is new or a kept item. */
  getOrZeros(i: number, shapeHint: number[] | null): tf.Tensor {
    const t = this.get(i);
    return t ?? tf.zeros(this.fullShape(shapeHint), this.dtype);
  }

  /** A copy with `changes` applied (index → tensor owned by the new list, or null), and length `n`. */
  with(changes: ReadonlyMap<number, tf.Tensor | null>, n = this.items.length): TensorList {
    const items = this.items.slice(0, n);
    while (items.length < n) items.push(null);
    for (let i = 0; i < items.length; i++) if (items[i] && !changes.has(i)) items[i]!.refs++;
    for (const [i, t] of changes) {
      if (i < 0 || i >= n) throw new SavedModelError('INVALID_ARGUMENT', `TensorList index ${i} out of range [0, ${n})`);
      items[i] = t ? new Item(t) : null;
    }
    return new TensorList(items, this.elementShape, this.dtype);
  }

  /** The element shape with unknown dims resolved from `hint` or from a set item. */
  fullShape(hint: number[] | null): number[] {
    const set = this.items.find((x) => x !== null);
    if (set) return set.t.shape;
    const merged = mergeShapes(this.elementShape, hint);
    if (!merged || merged.some((d) => d < 0)) {
      throw new SavedModelError('INVALID_ARGUMENT', `TensorList has unset items and no fully defined element shape ([${merged ?? '?'}])`);
    }
    return merged;
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.items.length)) throw new SavedModelError('INVALID_ARGUMENT', `TensorList index ${i} out of range [0, ${this.items.length})`);
  }

  protected override free(): void {
    for (const it of this.items) if (it && --it.refs === 0) it.t.dispose();
  }
}

/** Combines two partial shapes (-1 unknown dims, null unknown rank). */
export function mergeShapes(a: number[] | null, b: number[] | null): number[] | null {
  if (!a) return b;
  if (!b) return a;
  if (a.length !== b.length) return a;
  return a.map((d, i) => (d >= 0 ? d : b[i]));
}

/** A shape given as a tensor input (-1 scalar = unknown rank). */
export function shapeFromTensor(t: tf.Tensor): number[] | null {
  const v = Array.from(t.dataSync() as ArrayLike<number>);
  return t.rank === 0 ? null : v;
}
