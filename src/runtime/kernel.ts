/**
 * The kernel interface. A kernel computes one TF op on tfjs tensors:
 *
 *   (inputs, ctx) => output | outputs
 *
 * - `inputs` are the node's data inputs in order (tensors; resource/list ops get runtime objects
 *   in the same array, read them with `expectHandle` etc.). Kernels never dispose inputs.
 * - The result is one value or an array with one value per output: new tensors (tfjs op results),
 *   inputs returned unchanged (pass-through: Identity returns its input; the executor shares
 *   it, no copy), or tensors kept for the executor's lifetime (`ctx.own`, e.g. Const). Never call
 *   `tf.clone` (it copies on WASM) and never return a tf.Variable itself (read it through
 *   `VariableResource.read()`). The executor owns results and frees them after their last use.
 * - Kernels built from several tfjs ops wrap them in `tf.tidy` so temporaries are freed.
 * - Attributes come from `ctx` (`ctx.int('axis')`, `ctx.str('padding')` …), already merged with
 *   the op definition's defaults; wrong kinds throw a SavedModelError naming the node.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { AttrJs, FuncAttr, ShapeAttr, TensorAttr } from '../graph/attrs.js';
import type { TfDType } from '../graph/dtypes.js';
import type { FileSystem } from '../io/index.js';
import type { ResourceManager } from './resources.js';
import type { Value } from './values.js';

/** What a kernel returns: one output, or one per output in order. */
export type KernelResult = Value | Value[];

/** A synchronous kernel. */
export type Kernel = (inputs: tf.Tensor[], ctx: KernelContext) => KernelResult;

/** An asynchronous kernel (file reads…); such ops run only through `runAsync`. */
export type AsyncKernel = (inputs: tf.Tensor[], ctx: KernelContext) => Promise<KernelResult>;

/** A kernel with options. */
export interface KernelSpec {
  readonly kernel?: Kernel;
  readonly async?: AsyncKernel;
}

/** A family's kernels: TF op name → kernel. Each name must have an op definition in src/graph/ops/. */
export type KernelTable = Readonly<Record<string, Kernel | KernelSpec>>;

/**
 * Checkpoint file access for SaveV2 / RestoreV2 / MergeV2Checkpoints, supplied by the loader
 * (backed by the bundle reader and writer). Tensors handed out are new (the caller owns them).
 */
export interface CheckpointService {
  restore(prefix: string, names: readonly string[], shapeAndSlices: readonly string[], dtypes: readonly TfDType[]): Promise<tf.Tensor[]>;
  save(prefix: string, names: readonly string[], shapeAndSlices: readonly string[], tensors: readonly tf.Tensor[], dtypes: readonly TfDType[]): Promise<void>;
  merge(prefixes: readonly string[], destination: string, deleteOld: boolean): Promise<void>;
}

/** Calls into the function library and other model-wide services; given to kernels as `ctx.runtime`. */
export interface RuntimeServices {
  /** The model's resources (variables, tables). */
  readonly resources: ResourceManager;
  /** File access for ops that read files (table initialisers). */
  readonly fs?: FileSystem;
  /** Checkpoint access for the saver ops, when running inside the loader/saver. */
  readonly checkpoints?: CheckpointService;
  /** Upper bound on the iterations of one While loop (SavedModelError RESOURCE_EXHAUSTED beyond). */
  readonly maxLoopIterations: number;
  /** Runs a library function synchronously; inputs stay owned by the caller, outputs are new. */
  callFunction(name: string, inputs: readonly Value[], attrs?: Readonly<Record<string, AttrJs>>): Value[];
  /** Same, allowing async kernels inside. */
  callFunctionAsync(name: string, inputs: readonly Value[], attrs?: Readonly<Record<string, AttrJs>>): Promise<Value[]>;
  /** The output dtypes a function declares. */
  functionOutputDtypes(name: string): (TfDType | undefined)[];
}

/** Per-node view given to kernels: identity, typed attribute access, services. */
export interface KernelContext {
  /** Node name (for messages). */
  readonly node: string;
  /** Op type. */
  readonly op: string;
  /** All attrs, with defaults filled in. */
  readonly attrs: Readonly<Record<string, AttrJs>>;
  /** Number of outputs the node has (from the op definition and attrs). */
  readonly numOutputs: number;
  /** Model-wide services. */
  readonly runtime: RuntimeServices;
  int(name: string): number;
  float(name: string): number;
  bool(name: string): boolean;
  str(name: string): string;
  ints(name: string): number[];
  floats(name: string): number[];
  strs(name: string): string[];
  /** A `type` attr as a TF dtype name. */
  dtype(name: string): TfDType;
  /** A `type` attr as the tfjs dtype that carries it. */
  tfDtype(name: string): tf.DataType;
  dtypes(name: string): TfDType[];
  shape(name: string): ShapeAttr;
  func(name: string): FuncAttr;
  tensor(name: string): TensorAttr;
  /** True when the attr is present (or has a default). */
  has(name: string): boolean;
  /** Declared dtype of output `i` (from the op definition), if known. */
  outputDtype(i: number): TfDType | undefined;
  /** A per-node value computed once and kept for the executor's lifetime (tensors in it must be `tf.keep`-ed and are freed with the executor via `ctx.own`). */
  memo<T>(make: () => T): T;
  /** Registers a persistent tensor to free when the executor is disposed; returns it kept. */
  own(t: tf.Tensor): tf.Tensor;
  /** A SavedModelError for this node (`node 'x' (Op): message`). */
  error(code: 'INVALID_ARGUMENT' | 'UNIMPLEMENTED' | 'FAILED_PRECONDITION' | 'OUT_OF_RANGE' | 'NOT_FOUND' | 'RESOURCE_EXHAUSTED' | 'INTERNAL', message: string): Error;
}
