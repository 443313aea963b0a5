/**
 * Symbolic tensors and operations of a graph being built (by tracing or by the v1 Graph API):
 * what TensorFlow's Python `Tensor` and `Operation` are in graph mode. A tensor is output `index`
 * of an operation, with a dtype and a possibly partial shape (-1 for an unknown dimension,
 * `null` for an unknown rank).
 */
import type { AttrJs } from './attrs.js';
import type { TfDType } from './dtypes.js';
import type { AttrValueLike } from './node.js';
import type { OpDef } from './opdef.js';

/** Dimensions of a tensor: -1 for an unknown dimension. */
export type Dims = number[];

/** Anything that owns operations: a GraphBuilder (kept structural to avoid an import cycle). */
export interface GraphLike {
  /** Display name in error messages (`function '__inference_f_3'`, `graph`). */
  readonly description: string;
}

/** A node of a graph being built. Inputs, attrs and control inputs are fixed at creation. */
export class Operation {
  /** Outputs, in flat order. */
  readonly outputs: SymbolicTensor[] = [];
  /** Nodes this one runs after (`^name` inputs); more may be added by automatic control dependencies. */
  readonly controlInputs: Operation[] = [];

  constructor(
    readonly graph: GraphLike,
    readonly name: string,
    readonly type: string,
    readonly def: OpDef,
    readonly inputs: readonly SymbolicTensor[],
    /** Attrs as recorded (proto form), defaults not filled in. */
    readonly attrs: Record<string, AttrValueLike>,
    /** Attrs as plain JS with the op's defaults filled in (for inference). */
    readonly attrValues: Readonly<Record<string, AttrJs>>,
    readonly device: string = '',
  ) {}

  /** Adds a control input unless it is already there. */
  addControlInput(op: Operation): void {
    if (op !== this && !this.controlInputs.includes(op)) this.controlInputs.push(op);
  }

  /** Output `i` (throws when out of range). */
  output(i = 0): SymbolicTensor {
    const t = this.outputs[i];
    if (!t) throw new RangeError(`operation '${this.name}' (${this.type}) has ${this.outputs.length} outputs, asked for output ${i}`);
    return t;
  }
}

/** A tensor of a graph being built: output `index` of `op`. */
export class SymbolicTensor {
  /** A value known at build time (Const, Shape of a fully known shape …), flat row-major. */
  constValue?: readonly (number | string | boolean)[];
  /** For resource handles of variables: the variable's dtype and shape. */
  handleData?: { readonly dtype: TfDType; readonly shape: Dims | null };

  constructor(
    readonly op: Operation,
    readonly index: number,
    readonly dtype: TfDType,
    readonly shape: Dims | null,
  ) {}

  /** `op:index`, as TensorFlow names tensors. */
  get name(): string {
    return `${this.op.name}:${this.index}`;
  }

  /** The graph this tensor lives in. */
  get graph(): GraphLike {
    return this.op.graph;
  }

  /** Rank, or null when unknown. */
  get rank(): number | null {
    return this.shape === null ? null : this.shape.length;
  }

  toString(): string {
    const shape = this.shape === null ? '<unknown>' : `(${this.shape.map((d) => (d < 0 ? 'None' : String(d))).join(', ')}${this.shape.length === 1 ? ',' : ''})`;
    return `SymbolicTensor("${this.name}", shape=${shape}, dtype=${this.dtype})`;
  }
}

/** True for a SymbolicTensor (also across module copies: checks the shape of the object). */
export function isSymbolicTensor(x: unknown): x is SymbolicTensor {
  return x instanceof SymbolicTensor;
}

/** Number of elements of fully known dims, or -1. */
export function numElements(dims: Dims | null): number {
  if (dims === null) return -1;
  let n = 1;
  for (const d of dims) {
    if (d < 0) return -1;
    n *= d;
  }
  return n;
}

/** Human form of dims for messages: `[2,?]`, `<unknown>`. */
export function describeDims(dims: Dims | null): string {
  return dims === null ? '<unknown>' : `[${dims.map((d) => (d < 0 ? '?' : String(d))).join(',')}]`;
}
