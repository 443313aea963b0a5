/**
 * Structural views of TensorFlow's graph messages (NodeDef, AttrValue, TensorProto, GraphDef,
 * FunctionDef). The generated protobufjs classes (`tensorflow.NodeDef` …) satisfy these
 * interfaces, and so do plain object literals, which is how tests and builders write graphs.
 * Field names are protobufjs's camelCase forms of the .proto names.
 */

/** A 64-bit integer as protobufjs decodes it (`Long`), or a plain number. */
export type IntLike = number | { toNumber(): number; high?: number; low?: number; unsigned?: boolean };

/** tensorflow.TensorShapeProto */
export interface TensorShapeLike {
  dim?: ReadonlyArray<{ size?: IntLike | null; name?: string | null }> | null;
  unknownRank?: boolean | null;
}

/** tensorflow.TensorProto */
export interface TensorProtoLike {
  dtype?: number | null;
  tensorShape?: TensorShapeLike | null;
  versionNumber?: number | null;
  tensorContent?: Uint8Array | null;
  halfVal?: readonly number[] | null;
  floatVal?: readonly number[] | null;
  doubleVal?: readonly number[] | null;
  intVal?: readonly number[] | null;
  stringVal?: readonly Uint8Array[] | null;
  scomplexVal?: readonly number[] | null;
  int64Val?: readonly IntLike[] | null;
  boolVal?: readonly boolean[] | null;
  dcomplexVal?: readonly number[] | null;
  uint32Val?: readonly number[] | null;
  uint64Val?: readonly IntLike[] | null;
}

/** tensorflow.NameAttrList: a function reference with its attrs. */
export interface NameAttrListLike {
  name?: string | null;
  attr?: { readonly [k: string]: AttrValueLike } | null;
}

/** tensorflow.AttrValue.ListValue */
export interface AttrListLike {
  s?: readonly Uint8Array[] | null;
  i?: readonly IntLike[] | null;
  f?: readonly number[] | null;
  b?: readonly boolean[] | null;
  type?: readonly number[] | null;
  shape?: readonly TensorShapeLike[] | null;
  tensor?: readonly TensorProtoLike[] | null;
  func?: readonly NameAttrListLike[] | null;
}

/** tensorflow.AttrValue (a oneof: exactly one field is set). */
export interface AttrValueLike {
  s?: Uint8Array | null;
  i?: IntLike | null;
  f?: number | null;
  b?: boolean | null;
  type?: number | null;
  shape?: TensorShapeLike | null;
  tensor?: TensorProtoLike | null;
  list?: AttrListLike | null;
  func?: NameAttrListLike | null;
  placeholder?: string | null;
}

/** tensorflow.NodeDef */
export interface NodeDefLike {
  name?: string | null;
  op?: string | null;
  input?: readonly string[] | null;
  device?: string | null;
  attr?: { readonly [k: string]: AttrValueLike } | null;
}

/** tensorflow.OpDef.ArgDef (used by function signatures). */
export interface ArgDefLike {
  name?: string | null;
  type?: number | null;
  typeAttr?: string | null;
  numberAttr?: string | null;
  typeListAttr?: string | null;
  isRef?: boolean | null;
}

/** tensorflow.OpDef, as far as function signatures need it. */
export interface OpSignatureLike {
  name?: string | null;
  inputArg?: readonly ArgDefLike[] | null;
  outputArg?: readonly ArgDefLike[] | null;
  controlOutput?: readonly string[] | null;
  isStateful?: boolean | null;
}

/** tensorflow.FunctionDef */
export interface FunctionDefLike {
  signature?: OpSignatureLike | null;
  attr?: { readonly [k: string]: AttrValueLike } | null;
  nodeDef?: readonly NodeDefLike[] | null;
  ret?: { readonly [k: string]: string } | null;
  controlRet?: { readonly [k: string]: string } | null;
}

/** tensorflow.FunctionDefLibrary */
export interface FunctionLibraryLike {
  function?: readonly FunctionDefLike[] | null;
}

/** tensorflow.GraphDef */
export interface GraphDefLike {
  node?: readonly NodeDefLike[] | null;
  library?: FunctionLibraryLike | null;
}

/** A long-or-number as a JS number (exact up to 2^53). */
export function toNumber(v: IntLike | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/** The dims of a shape proto; `null` for unknown rank, -1 for unknown dims. */
export function shapeFromProto(s: TensorShapeLike | null | undefined): number[] | null {
  if (!s) return [];
  if (s.unknownRank) return null;
  return (s.dim ?? []).map((d) => toNumber(d.size));
}
