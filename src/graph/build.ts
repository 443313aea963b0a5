/**
 * Small builders for graph messages as plain objects (NodeDef, AttrValue, TensorProto), for
 * tests, tools and graph construction. They produce the structural `*Like` shapes of node.ts.
 */
import { dtypeToEnum, type TfDType } from './dtypes.js';
import type { AttrValueLike, NodeDefLike, TensorProtoLike, TensorShapeLike } from './node.js';

const utf8 = new TextEncoder();

function shapeProto(dims: readonly number[] | null): TensorShapeLike {
  return dims === null ? { unknownRank: true } : { dim: dims.map((size) => ({ size })) };
}

/** AttrValue builders: `attr.i(3)`, `attr.type('float32')`, `attr.ints([1, 2])` … */
export const attr = {
  i: (v: number): AttrValueLike => ({ i: v }),
  f: (v: number): AttrValueLike => ({ f: v }),
  b: (v: boolean): AttrValueLike => ({ b: v }),
  s: (v: string | Uint8Array): AttrValueLike => ({ s: typeof v === 'string' ? utf8.encode(v) : v }),
  type: (d: TfDType | string): AttrValueLike => ({ type: dtypeToEnum(d) }),
  shape: (dims: readonly number[] | null): AttrValueLike => ({ shape: shapeProto(dims) }),
  tensor: (t: TensorProtoLike): AttrValueLike => ({ tensor: t }),
  func: (name: string, attrs: Record<string, AttrValueLike> = {}): AttrValueLike => ({ func: { name, attr: attrs } }),
  ints: (v: readonly number[]): AttrValueLike => ({ list: { i: [...v] } }),
  floats: (v: readonly number[]): AttrValueLike => ({ list: { f: [...v] } }),
  bools: (v: readonly boolean[]): AttrValueLike => ({ list: { b: [...v] } }),
  strs: (v: readonly string[]): AttrValueLike => ({ list: { s: v.map((x) => utf8.encode(x)) } }),
  types: (v: readonly string[]): AttrValueLike => ({ list: { type: v.map(dtypeToEnum) } }),
  shapes: (v: readonly (readonly number[] | null)[]): AttrValueLike => ({ list: { shape: v.map(shapeProto) } }),
  funcs: (v: readonly string[]): AttrValueLike => ({ list: { func: v.map((name) => ({ name, attr: {} })) } }),
};

/** A TensorProto holding `values` (row-major) of `shape` and TF `dtype` in the typed value field. */
export function tensorProto(values: readonly (number | boolean | string)[], shape: readonly number[], dtype: TfDType): TensorProtoLike {
  const base = { dtype: dtypeToEnum(dtype), tensorShape: shapeProto(shape) };
  switch (dtype) {
    case 'float32': return { ...base, floatVal: values as number[] };
    case 'float64': return { ...base, doubleVal: values as number[] };
    case 'int64': return { ...base, int64Val: values as number[] };
    case 'uint32': return { ...base, uint32Val: values as number[] };
    case 'uint64': return { ...base, uint64Val: values as number[] };
    case 'bool': return { ...base, boolVal: values as boolean[] };
    case 'string': return { ...base, stringVal: (values as string[]).map((s) => utf8.encode(s)) };
    case 'float16': case 'bfloat16': return { ...base, halfVal: values as number[] };
    case 'complex64': return { ...base, scomplexVal: values as number[] };
    case 'complex128': return { ...base, dcomplexVal: values as number[] };
    default: return { ...base, intVal: values as number[] };
  }
}

/** A NodeDef. */
export function nodeDef(name: string, op: string, input: readonly string[] = [], attrs: Record<string, AttrValueLike> = {}): NodeDefLike {
  return { name, op, input: [...input], attr: attrs };
}

/** A `Const` NodeDef. */
export function constNode(name: string, values: readonly (number | boolean | string)[], shape: readonly number[], dtype: TfDType = 'float32'): NodeDefLike {
  return nodeDef(name, 'Const', [], { value: attr.tensor(tensorProto(values, shape, dtype)), dtype: attr.type(dtype) });
}

/** A `Placeholder` NodeDef. */
export function placeholderNode(name: string, dtype: TfDType = 'float32', shape: readonly number[] | null = null): NodeDefLike {
  return nodeDef(name, 'Placeholder', [], { dtype: attr.type(dtype), shape: attr.shape(shape) });
}
