/**
 * `NodeContext`: the `KernelContext` of one planned node. Built once per node when a graph is
 * prepared; holds the node's attrs (defaults merged) and its memo slot.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError, type SavedModelErrorCode } from '../errors.js';
import { DtypeAttr, FuncAttr, ShapeAttr, TensorAttr, describeAttr, type AttrJs } from '../graph/attrs.js';
import type { TfDType } from '../graph/dtypes.js';
import { tfjsDtype } from './dtypes.js';
import type { KernelContext, RuntimeServices } from './kernel.js';

/** Keeps tensors that live as long as an executor (memoised constants). */
export class OwnedTensors {
  private readonly tensors: tf.Tensor[] = [];

  /** Keeps `t` alive past tidy scopes and remembers it for `dispose`. */
  add(t: tf.Tensor): tf.Tensor {
    this.tensors.push(tf.keep(t));
    return t;
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
    this.tensors.length = 0;
  }
}

const UNSET = Symbol('unset');

// Attr kind checks (module-level: no closure per attribute read).
const isNumber = (v: AttrJs): boolean => typeof v === 'number';
const isBool = (v: AttrJs): boolean => typeof v === 'boolean';
const isString = (v: AttrJs): boolean => typeof v === 'string';
const isNumbers = (v: AttrJs): boolean => Array.isArray(v) && v.every((x) => typeof x === 'number');
const isStrings = (v: AttrJs): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isDtype = (v: AttrJs): boolean => v instanceof DtypeAttr;
const isDtypes = (v: AttrJs): boolean => Array.isArray(v) && v.every((x) => x instanceof DtypeAttr);
const isShape = (v: AttrJs): boolean => v instanceof ShapeAttr;
const isFunc = (v: AttrJs): boolean => v instanceof FuncAttr;
const isTensorAttr = (v: AttrJs): boolean => v instanceof TensorAttr;

/** The per-node kernel context. */
export class NodeContext implements KernelContext {
  private memoValue: unknown = UNSET;

  constructor(
    readonly node: string,
    readonly op: string,
    readonly attrs: Readonly<Record<string, AttrJs>>,
    readonly numOutputs: number,
    private readonly outDtypes: readonly (TfDType | undefined)[],
    readonly runtime: RuntimeServices,
    private readonly owned: OwnedTensors,
  ) {}

  private get(name: string, kind: string, ok: (v: AttrJs) => boolean): AttrJs {
    const v = this.attrs[name];
    if (v === undefined) throw this.error('INVALID_ARGUMENT', `missing attr '${name}' (${kind})`);
    if (!ok(v)) throw this.error('INVALID_ARGUMENT', `attr '${name}' should be ${kind}, found ${describeAttr(v)}`);
    return v;
  }

  int(name: string): number {
    return this.get(name, 'int', isNumber) as number;
  }

  float(name: string): number {
    return this.get(name, 'float', isNumber) as number;
  }

  bool(name: string): boolean {
    return this.get(name, 'bool', isBool) as boolean;
  }

  str(name: string): string {
    return this.get(name, 'string', isString) as string;
  }

  ints(name: string): number[] {
    return this.get(name, 'list(int)', isNumbers) as number[];
  }

  floats(name: string): number[] {
    return this.get(name, 'list(float)', isNumbers) as number[];
  }

  strs(name: string): string[] {
    return this.get(name, 'list(string)', isStrings) as string[];
  }

  dtype(name: string): TfDType {
    return (this.get(name, 'type', isDtype) as DtypeAttr).dtype;
  }

  tfDtype(name: string): tf.DataType {
    return tfjsDtype(this.dtype(name));
  }

  dtypes(name: string): TfDType[] {
    const v = this.get(name, 'list(type)', isDtypes);
    return (v as DtypeAttr[]).map((d) => d.dtype);
  }

  shape(name: string): ShapeAttr {
    return this.get(name, 'shape', isShape) as ShapeAttr;
  }

  func(name: string): FuncAttr {
    return this.get(name, 'func', isFunc) as FuncAttr;
  }

  tensor(name: string): TensorAttr {
    return this.get(name, 'tensor', isTensorAttr) as TensorAttr;
  }

  has(name: string): boolean {
    return this.attrs[name] !== undefined;
  }

  outputDtype(i: number): TfDType | undefined {
    return this.outDtypes[i];
  }

  memo<T>(make: () => T): T {
    if (this.memoValue === UNSET) this.memoValue = make();
    return this.memoValue as T;
  }

  own(t: tf.Tensor): tf.Tensor {
    return this.owned.add(t);
  }

  error(code: SavedModelErrorCode, message: string): Error {
    return new SavedModelError(code, `node '${this.node}' (${this.op}): ${message}`);
  }
}
