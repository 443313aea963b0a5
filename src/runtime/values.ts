/**
 * What flows along graph edges at run time: tfjs tensors, plus a few runtime objects for the
 * dtypes tfjs has no tensor for (resource handles, TF1 reference edges, TensorLists) and the
 * "dead" marker of TF1 conditionals.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';

/**
 * A non-tensor value carried on an edge. Reference counted: the executor calls `retain` when
 * one more slot holds the same object (a pass-through kernel) and `release` when a slot drops it;
 * `free` runs when the last holder lets go.
 */
export abstract class RuntimeObject {
  abstract readonly kind: string;
  private refs = 1;

  /** One more holder. */
  retain(): this {
    this.refs++;
    return this;
  }

  /** One holder fewer; frees at zero. */
  release(): void {
    if (--this.refs === 0) this.free();
  }

  /** Frees tensors this value owns (override). */
  protected free(): void {}
}

/** A `DT_RESOURCE` value: names a resource in the model's ResourceManager. */
export class ResourceHandle extends RuntimeObject {
  readonly kind = 'resource';
  /** The ResourceManager key. */
  readonly key: string;

  constructor(
    /** Resource kind, e.g. `variable`, `hashtable`. */
    readonly type: string,
    readonly container: string,
    readonly name: string,
  ) {
    super();
    this.key = `${type}:${container}/${name}`;
  }
}

/** A TF1 reference edge (`DT_FLOAT_REF`): the variable it points at, read when consumed. */
export class RefValue extends RuntimeObject {
  readonly kind = 'ref';
  constructor(readonly handle: ResourceHandle) {
    super();
  }
}

/** The "dead" marker of an untaken TF1 `Switch` branch; propagates until a `Merge`. */
export class DeadValue extends RuntimeObject {
  readonly kind = 'dead';
}

/** The single dead marker. */
export const DEAD = new DeadValue();

/** Anything an edge can carry. */
export type Value = tf.Tensor | RuntimeObject;

/** True when `v` is a tfjs tensor. */
export function isTensor(v: unknown): v is tf.Tensor {
  return v instanceof tf.Tensor;
}

/**
 * A new tensor object sharing `t`'s data (no copy; tfjs's Identity/clone copies on WASM). While
 * gradients are recorded it is a Reshape on the tape, so they flow through it; otherwise it is
 * made without a kernel dispatch (one more reference on the backend's data), which is what
 * makes reading a variable cheap on the inference hot path.
 */
export function alias(t: tf.Tensor): tf.Tensor {
  const engine = tf.engine();
  const backend = tf.backend();
  if (!engine.isTapeOn() && backend.refCount(t.dataId) > 0) {
    backend.incRef(t.dataId);
    return engine.makeTensorFromDataId(t.dataId, t.shape, t.dtype, backend);
  }
  return tf.reshape(t, t.shape);
}

/** Frees a value the executor owns. */
export function releaseValue(v: Value | undefined): void {
  if (v === undefined) return;
  if (v instanceof RuntimeObject) v.release();
  else v.dispose();
}

/** The value as a tensor, or a SavedModelError naming `what`. */
export function expectTensor(v: Value | undefined, what: string): tf.Tensor {
  if (v instanceof tf.Tensor) return v;
  throw new SavedModelError('INVALID_ARGUMENT', `${what}: expected a tensor, found ${v === undefined ? 'nothing' : v.kind}`);
}

/** The value as a resource handle, or a SavedModelError naming `what`. */
export function expectHandle(v: Value | undefined, what: string): ResourceHandle {
  if (v instanceof ResourceHandle) return v;
  if (v instanceof RefValue) return v.handle;
  throw new SavedModelError('INVALID_ARGUMENT', `${what}: expected a resource handle, found ${describeValue(v)}`);
}

/** A short description of a value for error messages. */
export function describeValue(v: Value | undefined): string {
  if (v === undefined) return 'nothing';
  if (v instanceof tf.Tensor) return `a ${v.dtype} tensor of shape [${v.shape.join(',')}]`;
  return `a ${v.kind}`;
}
