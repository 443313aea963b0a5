/**
 * `Variable` (tf.Variable, a resource variable): a named, typed, fixed-shape value. Eagerly it
 * holds a tfjs tensor; inside a traced function `value()` records a `ReadVariableOp` and
 * `assign` an `AssignVariableOp` on the captured handle, so saved functions read and update
 * the variable TensorFlow restores.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { DType } from '../bundle/dtypes.js';
import type { HostTensor } from '../bundle/host_tensor.js';
import type { VariableRef } from '../graph/graph_builder.js';
import type { TfDType } from '../graph/dtypes.js';
import { parseDtypeName } from '../graph/dtypes.js';
import { tfjsDtype } from '../runtime/dtypes.js';
import { defaultGraph } from './context.js';
import { hostTensorOf } from './host.js';
import { assignVariable, readVariable } from './convert.js';

/** Options of `new Variable`. */
export interface VariableOptions {
  /** Name (default 'Variable'); the object graph and checkpoint keys use attribute paths instead. */
  name?: string;
  /** TF dtype (default: the initial value's). */
  dtype?: DType;
  /** Whether optimizers would train it (recorded in the SavedModel; default true). */
  trainable?: boolean;
}

/** Anything a variable can be initialised or assigned from. */
export type VariableInit = tf.Tensor | tf.TensorLike | HostTensor;

function isHostTensor(x: unknown): x is HostTensor {
  return typeof x === 'object' && x !== null && !(x instanceof tf.Tensor) && 'dtype' in x && 'shape' in x && 'data' in x;
}

/** A resource variable. */
export class Variable implements VariableRef {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly trainable: boolean;
  private tensor: tf.Tensor;
  /** The exact value when created from a HostTensor (int64, float64 …) and not assigned since. */
  private exact: HostTensor | undefined;

  constructor(initial: VariableInit, opts: VariableOptions = {}) {
    this.name = opts.name ?? 'Variable';
    this.trainable = opts.trainable ?? true;
    if (isHostTensor(initial)) {
      this.dtype = parseDtypeName(opts.dtype ?? initial.dtype) as DType;
      this.exact = initial.dtype === this.dtype ? initial : undefined;
      this.tensor = tf.keep(hostToTfjs(initial, this.dtype));
    } else {
      const t = initial instanceof tf.Tensor ? initial : tf.tensor(initial as tf.TensorLike, undefined, opts.dtype ? tfjsDtype(opts.dtype as TfDType) : undefined);
      this.dtype = parseDtypeName(opts.dtype ?? t.dtype) as DType;
      const want = tfjsDtype(this.dtype as TfDType);
      this.tensor = tf.keep(t.dtype === want ? t.clone() : tf.cast(t, want));
      if (t !== initial) t.dispose();
    }
    this.shape = [...this.tensor.shape];
  }

  /** The graph dtype. */
  get tfDtype(): TfDType {
    return this.dtype as TfDType;
  }

  /**
   * The current value: the stored tfjs tensor eagerly (do not dispose it); while tracing, a
   * symbolic tensor read in the traced function.
   */
  value(): tf.Tensor {
    const g = defaultGraph();
    if (g) return readVariable(g, this) as unknown as tf.Tensor;
    return this.tensor;
  }

  /** Sets the value (same shape); recorded as AssignVariableOp while tracing. */
  assign(v: tf.Tensor | tf.TensorLike): void {
    const g = defaultGraph();
    if (g) {
      assignVariable(g, this, v, 'AssignVariableOp');
      return;
    }
    const t = v instanceof tf.Tensor ? v : tf.tensor(v as tf.TensorLike, undefined, tfjsDtype(this.tfDtype));
    if (t.shape.length !== this.shape.length || t.shape.some((d, i) => d !== this.shape[i])) {
      throw new SavedModelError('INVALID_ARGUMENT', `cannot assign a value of shape [${t.shape}] to variable '${this.name}' of shape [${this.shape}]`);
    }
    const want = tfjsDtype(this.tfDtype);
    const next = tf.keep(t.dtype === want ? t.clone() : tf.cast(t, want));
    if (t !== v) t.dispose();
    this.tensor.dispose();
    this.tensor = next;
    this.exact = undefined;
  }

  /** The value as a HostTensor of the variable's TF dtype (what the checkpoint stores). */
  async read(): Promise<HostTensor> {
    if (this.exact) return this.exact;
    return hostTensorOf(this.tensor, this.dtype, `variable '${this.name}'`);
  }

  /** Frees the tfjs tensor. */
  dispose(): void {
    this.tensor.dispose();
  }

  toString(): string {
    return `<Variable '${this.name}' shape=(${this.shape.join(', ')}) dtype=${this.dtype}>`;
  }
}

function hostToTfjs(h: HostTensor, dtype: DType): tf.Tensor {
  const want = tfjsDtype(dtype as TfDType);
  if (h.dtype === 'string') return tf.tensor(h.data as Uint8Array[], h.shape, 'string');
  if (h.dtype === 'float16' || h.dtype === 'bfloat16') throw new SavedModelError('UNIMPLEMENTED', `variables of dtype ${h.dtype} are not supported`);
  const src = h.data as ArrayLike<number | bigint>;
  const nums = want === 'float32' ? Float32Array.from(src as ArrayLike<number>, Number) : Int32Array.from(Array.from(src, Number));
  return tf.tensor(want === 'bool' ? Uint8Array.from(nums) : nums, h.shape, want);
}
