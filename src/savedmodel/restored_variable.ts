/**
 * `RestoredVariable`: a variable of a loaded model (TF2 object graph), with the surface of the
 * public `Variable` (value(), assign(), name, dtype, shape). Its value lives in the model's
 * ResourceManager, so restored functions and signatures see assignments made here.
 *
 * (The writer side defines `Variable` for models built in TypeScript; the two share this surface
 * and can be unified behind one class later.)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import type { ResourceManager, VariableResource } from '../runtime/resources.js';
import { ResourceHandle } from '../runtime/values.js';
import { inputTensor } from './input_tensor.js';
import { formatShape, shapeFits } from './tensor_info.js';

/** A variable restored from a SavedModel. */
export class RestoredVariable {
  /** The handle functions of the model receive for this variable. */
  readonly handle: ResourceHandle;
  private readonly resource: VariableResource;
  /** Why the checkpoint value could not be restored (read errors surface on `value()`). */
  private restoreError: Error | undefined;

  constructor(
    /** TensorFlow's name of the variable (`dense/kernel`), without `:0`. */
    readonly name: string,
    /** TensorFlow dtype. */
    readonly dtype: DType,
    /** The declared shape (`null` dims unknown; `null` unknown rank). */
    readonly declaredShape: (number | null)[] | null,
    readonly trainable: boolean,
    resources: ResourceManager,
    /** Key in the ResourceManager (unique within the model). */
    uniqueName: string,
  ) {
    this.handle = new ResourceHandle('variable', '', uniqueName);
    this.resource = resources.variable(this.handle, dtype as TfDType);
  }

  /** The current shape (the declared one, unknown dims as -1, until a value is present). */
  get shape(): number[] {
    if (this.resource.initialized) return [...this.resource.variable().shape];
    return (this.declaredShape ?? []).map((d) => d ?? -1);
  }

  /** True once the variable holds a value. */
  get initialized(): boolean {
    return this.resource.initialized;
  }

  /** The current value, as a new tensor the caller owns (the runtime's tfjs carrier dtype). */
  value(): tf.Tensor {
    if (!this.resource.initialized && this.restoreError) {
      throw new SavedModelError(
        (this.restoreError as SavedModelError).code ?? 'FAILED_PRECONDITION',
        `variable '${this.name}' could not be restored: ${this.restoreError.message}`,
        { cause: this.restoreError },
      );
    }
    return this.resource.read();
  }

  /** Replaces the value; `v` is converted to the variable's dtype and must fit its declared shape. */
  assign(v: tf.Tensor | tf.TensorLike): void {
    const what = `assign to variable '${this.name}'`;
    const t = inputTensor(v, this.dtype, what);
    try {
      if (!shapeFits(t.tensor.shape, this.declaredShape)) {
        throw new SavedModelError('INVALID_ARGUMENT', `${what}: shape ${formatShape(t.tensor.shape)} does not fit the variable's ${formatShape(this.declaredShape)}`);
      }
      this.resource.assign(t.tensor);
      this.restoreError = undefined;
    } finally {
      if (t.owned) t.tensor.dispose();
    }
  }

  /** Sets the restored value (the loader's path; takes its own reference, the caller keeps `t`). */
  restore(t: tf.Tensor): void {
    this.resource.assign(t);
  }

  /** Records why restoring failed. */
  failRestore(e: Error): void {
    this.restoreError = e;
  }

  /** `Variable name:dtype shape`, like TF's repr. */
  toString(): string {
    return `<RestoredVariable '${this.name}:0' shape=${formatShape(this.shape)} dtype=${this.dtype}>`;
  }
}
