/**
 * Constants in graphs: a TensorProto of a value the way `tf.constant` / `make_tensor_proto`
 * writes it (scalars in the typed repeated field, larger numeric tensors as little-endian
 * `tensor_content`, strings in `string_val`, booleans in `bool_val`), and the Const op itself.
 */
import { SavedModelError } from '../errors.js';
import { attr } from './build.js';
import { dtypeToEnum, type TfDType } from './dtypes.js';
import type { GraphBuilder } from './graph_builder.js';
import type { TensorProtoLike, TensorShapeLike } from './node.js';
import type { SymbolicTensor } from './symbolic.js';

/** Flat values of a constant. */
export type ConstValues = ArrayLike<number> | readonly boolean[] | readonly string[] | readonly Uint8Array[] | BigInt64Array | BigUint64Array;

/** Dtypes stored as packed little-endian bytes when a tensor has more than one element. */
const CONTENT: Partial<Record<TfDType, { bytes: number; write(v: DataView, o: number, x: number | bigint): void }>> = {
  float32: { bytes: 4, write: (v, o, x) => v.setFloat32(o, Number(x), true) },
  float64: { bytes: 8, write: (v, o, x) => v.setFloat64(o, Number(x), true) },
  int32: { bytes: 4, write: (v, o, x) => v.setInt32(o, Number(x), true) },
  int16: { bytes: 2, write: (v, o, x) => v.setInt16(o, Number(x), true) },
  int8: { bytes: 1, write: (v, o, x) => v.setInt8(o, Number(x)) },
  uint8: { bytes: 1, write: (v, o, x) => v.setUint8(o, Number(x)) },
  uint16: { bytes: 2, write: (v, o, x) => v.setUint16(o, Number(x), true) },
  uint32: { bytes: 4, write: (v, o, x) => v.setUint32(o, Number(x), true) },
  int64: { bytes: 8, write: (v, o, x) => v.setBigInt64(o, BigInt(x), true) },
  uint64: { bytes: 8, write: (v, o, x) => v.setBigUint64(o, BigInt(x), true) },
};

/** A TensorShapeProto of known dims. */
export function shapeProto(dims: readonly number[] | null): TensorShapeLike {
  if (dims === null) return { unknownRank: true };
  return dims.length ? { dim: dims.map((size) => ({ size })) } : {};
}

const utf8 = new TextEncoder();

/** The TensorProto of `values` (row-major) with `shape` and `dtype`, as TensorFlow writes it. */
export function makeTensorProto(values: ConstValues, shape: readonly number[], dtype: TfDType): TensorProtoLike {
  const n = shape.reduce((a, b) => a * b, 1);
  if (values.length !== n) throw new SavedModelError('INVALID_ARGUMENT', `a constant of shape [${shape.join(',')}] needs ${n} values, got ${values.length}`);
  const base: TensorProtoLike = { dtype: dtypeToEnum(dtype), tensorShape: shapeProto(shape) };
  if (dtype === 'string') {
    return { ...base, stringVal: Array.from(values as ArrayLike<string | Uint8Array>, (s) => (typeof s === 'string' ? utf8.encode(s) : s)) };
  }
  if (dtype === 'bool') return { ...base, boolVal: Array.from(values as ArrayLike<boolean | number>, (b) => Boolean(b)) };
  const content = CONTENT[dtype];
  if (content && n > 1) {
    const bytes = new Uint8Array(n * content.bytes);
    const view = new DataView(bytes.buffer);
    const src = values as ArrayLike<number | bigint>;
    for (let i = 0; i < n; i++) content.write(view, i * content.bytes, src[i]);
    return { ...base, tensorContent: bytes };
  }
  const nums = Array.from(values as ArrayLike<number | bigint>, (x) => Number(x));
  switch (dtype) {
    case 'float32': return { ...base, floatVal: nums };
    case 'float64': return { ...base, doubleVal: nums };
    case 'int64': return { ...base, int64Val: nums };
    case 'uint64': return { ...base, uint64Val: nums };
    case 'uint32': return { ...base, uint32Val: nums };
    case 'int32': case 'int16': case 'int8': case 'uint8': case 'uint16': return { ...base, intVal: nums };
    default: throw new SavedModelError('UNIMPLEMENTED', `constants of dtype ${dtype} are not supported`);
  }
}

/** Adds a Const op holding `values` and returns its output (with the value known for inference). */
export function addConstant(
  g: GraphBuilder,
  values: ConstValues,
  shape: readonly number[],
  dtype: TfDType,
  name = 'Const',
  device?: string,
): SymbolicTensor {
  const op = g.addOp('Const', [], {
    name,
    device,
    attrs: { value: attr.tensor(makeTensorProto(values, shape, dtype)), dtype: attr.type(dtype) },
  });
  const t = op.output(0);
  if (dtype !== 'string' && values.length <= 1 << 16) {
    t.constValue = Array.from(values as ArrayLike<number | boolean | bigint>, (x) => (typeof x === 'bigint' ? Number(x) : x));
  } else if (dtype === 'string' && typeof values[0] !== 'object') {
    t.constValue = Array.from(values as ArrayLike<string>);
  }
  return t;
}
