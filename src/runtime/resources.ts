/**
 * Per-model state that outlives one graph run: variables (TF2 resource variables and TF1 ref
 * variables alike) and other resources such as hash tables. Keys follow TF: the resource kind,
 * the container and the shared name.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import { tfjsDtype } from './dtypes.js';
import { ResourceHandle, alias } from './values.js';

/** A resource other than a variable (hash table, …). */
export interface Resource {
  /** Frees tensors the resource holds. */
  dispose(): void;
}

/** One variable: its declared TF dtype, and its value once assigned (a trainable tf.Variable). */
export class VariableResource implements Resource {
  private current: tf.Variable | null = null;

  constructor(readonly name: string, readonly dtype: TfDType | undefined, readonly trainable = true) {}

  /** True once a value was assigned. */
  get initialized(): boolean {
    return this.current !== null;
  }

  /** The tf.Variable holding the value (for gradients), or throws FAILED_PRECONDITION. */
  variable(): tf.Variable {
    if (!this.current) {
      throw new SavedModelError('FAILED_PRECONDITION', `variable '${this.name}' is read before it was initialized (restore or run its initializer first)`);
    }
    return this.current;
  }

  /** A fresh tensor with the current value (the caller owns it; gradients flow to the variable). */
  read(): tf.Tensor {
    return alias(this.variable());
  }

  /** Replaces the value; the caller keeps ownership of `value` (the variable takes its own reference). */
  assign(value: tf.Tensor): void {
    if (this.dtype && value.dtype !== tfjsDtype(this.dtype)) {
      throw new SavedModelError('INVALID_ARGUMENT', `variable '${this.name}' holds ${this.dtype}, cannot assign a ${value.dtype} tensor`);
    }
    const cur = this.current;
    if (cur && cur.dtype === value.dtype && tf.util.arraysEqual(cur.shape, value.shape)) {
      cur.assign(value);
      return;
    }
    this.current = tf.variable(value, this.trainable, undefined, value.dtype);
    cur?.dispose();
  }

  dispose(): void {
    this.current?.dispose();
    this.current = null;
  }
}

/** Holds every resource of one loaded model; `dispose()` frees them all. */
export class ResourceManager {
  private readonly resources = new Map<string, Resource>();

  /** The variable behind a handle, created (uninitialized) on first use. */
  variable(handle: ResourceHandle, dtype?: TfDType): VariableResource {
    let r = this.resources.get(handle.key);
    if (!r) {
      r = new VariableResource(handle.name, dtype);
      this.resources.set(handle.key, r);
    }
    if (!(r instanceof VariableResource)) throw new SavedModelError('INVALID_ARGUMENT', `resource '${handle.name}' is not a variable`);
    return r;
  }

  /** The tf.Variable of an initialized variable resource, else `undefined` (creates nothing). */
  initializedVariable(handle: ResourceHandle): tf.Variable | undefined {
    const r = this.resources.get(handle.key);
    return r instanceof VariableResource && r.initialized ? r.variable() : undefined;
  }

  /** The resource behind a handle, or `undefined`. */
  get(handle: ResourceHandle): Resource | undefined {
    return this.resources.get(handle.key);
  }

  /** The resource behind a handle, created with `make` when absent. */
  getOrCreate<R extends Resource>(handle: ResourceHandle, make: () => R): R {
    let r = this.resources.get(handle.key);
    if (!r) {
      r = make();
      this.resources.set(handle.key, r);
    }
    return r as R;
  }

  /** True when the handle names an existing resource (an initialized one, for variables). */
  has(handle: ResourceHandle): boolean {
    const r = this.resources.get(handle.key);
    return r instanceof VariableResource ? r.initialized : r !== undefined;
  }

  /** Deletes (and frees) one resource; `false` when it did not exist. */
  delete(handle: ResourceHandle): boolean {
    const r = this.resources.get(handle.key);
    if (!r) return false;
    r.dispose();
    this.resources.delete(handle.key);
    return true;
  }

  /** Every variable, keyed `container/name` (container empty by default, so usually just the name). */
  variables(): Map<string, VariableResource> {
    const out = new Map<string, VariableResource>();
    for (const [k, r] of this.resources) if (r instanceof VariableResource) out.set(k.slice(k.indexOf(':') + 1).replace(/^\//, ''), r);
    return out;
  }

  /** Frees everything. */
  dispose(): void {
    for (const r of this.resources.values()) r.dispose();
    this.resources.clear();
  }
}
