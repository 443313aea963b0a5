/**
 * Attribute values as plain JS: an `AttrValue` proto (oneof) becomes a number, string, boolean,
 * dtype name, `ShapeAttr`, `FuncAttr`, `TensorProtoLike` or an array of one of those.
 */
import { dtypeFromEnum, type TfDType } from './dtypes.js';
import {
  shapeFromProto, toNumber, type AttrListLike, type AttrValueLike, type NameAttrListLike, type TensorProtoLike,
  type TensorShapeLike,
} from './node.js';

/** A `shape` attribute: dims (-1 unknown), or `null` dims for unknown rank. */
export class ShapeAttr {
  constructor(readonly dims: number[] | null) {}
}

/** A `func` attribute: a function name plus the attrs it is instantiated with. */
export class FuncAttr {
  constructor(readonly name: string, readonly attrs: Readonly<Record<string, AttrJs>>) {}
}

/** A `type` attribute value (kept apart from plain strings so accessors can check kinds). */
export class DtypeAttr {
  constructor(readonly dtype: TfDType) {}
}

/** A `tensor` attribute (the proto, decoded lazily by the runtime). */
export class TensorAttr {
  constructor(readonly proto: TensorProtoLike) {}
}

/** One scalar attribute value. */
export type AttrScalar = number | string | boolean | DtypeAttr | ShapeAttr | FuncAttr | TensorAttr;
/** One attribute value: a scalar or a homogeneous list. */
export type AttrJs = AttrScalar | AttrScalar[];

const utf8 = new TextDecoder();

function hasField(o: object, key: string): boolean {
  // protobufjs keeps defaults on the prototype: an own, non-null property is a set field.
  return Object.prototype.hasOwnProperty.call(o, key) && (o as Record<string, unknown>)[key] != null;
}

/** Decodes one AttrValue proto; `undefined` when no field of the oneof is set. */
export function parseAttr(v: AttrValueLike): AttrJs | undefined {
  if (hasField(v, 'list')) return parseList(v.list!);
  if (hasField(v, 's')) return utf8.decode(v.s!);
  if (hasField(v, 'i')) return toNumber(v.i);
  if (hasField(v, 'f')) return v.f!;
  if (hasField(v, 'b')) return v.b!;
  if (hasField(v, 'type')) return new DtypeAttr(dtypeFromEnum(v.type!));
  if (hasField(v, 'shape')) return shapeAttr(v.shape!);
  if (hasField(v, 'tensor')) return new TensorAttr(v.tensor!);
  if (hasField(v, 'func')) return funcAttr(v.func!);
  if (hasField(v, 'placeholder')) return undefined;
  return undefined;
}

function shapeAttr(s: TensorShapeLike): ShapeAttr {
  return new ShapeAttr(shapeFromProto(s));
}

/** Decodes a NameAttrList into a `FuncAttr`. */
export function funcAttr(f: NameAttrListLike): FuncAttr {
  return new FuncAttr(f.name ?? '', parseAttrMap(f.attr));
}

function parseList(l: AttrListLike): AttrScalar[] {
  if (l.s?.length) return l.s.map((b) => utf8.decode(b));
  if (l.i?.length) return l.i.map(toNumber);
  if (l.f?.length) return [...l.f];
  if (l.b?.length) return [...l.b];
  if (l.type?.length) return l.type.map((t) => new DtypeAttr(dtypeFromEnum(t)));
  if (l.shape?.length) return l.shape.map(shapeAttr);
  if (l.tensor?.length) return l.tensor.map((t) => new TensorAttr(t));
  if (l.func?.length) return l.func.map(funcAttr);
  return [];
}

/** Decodes a NodeDef/FunctionDef attr map; unset values are dropped. */
export function parseAttrMap(m: { readonly [k: string]: AttrValueLike } | null | undefined): Record<string, AttrJs> {
  const out: Record<string, AttrJs> = {};
  if (!m) return out;
  for (const k of Object.keys(m)) {
    const v = parseAttr(m[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A short human form of an attr value, for error messages. */
export function describeAttr(v: AttrJs | undefined): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `[${v.map((x) => describeAttr(x)).join(', ')}]`;
  if (v instanceof DtypeAttr) return v.dtype;
  if (v instanceof ShapeAttr) return v.dims ? `shape [${v.dims.join(',')}]` : 'shape <unknown>';
  if (v instanceof FuncAttr) return `function ${v.name}`;
  if (v instanceof TensorAttr) return 'tensor';
  return JSON.stringify(v);
}
