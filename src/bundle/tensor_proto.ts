/**
 * TensorProto → HostTensor, exactly (no narrowing): values come from `tensor_content` (packed
 * little-endian bytes) or from the dtype's repeated field (`float_val`, `int_val`, `half_val` …);
 * when a field holds fewer values than the shape needs, the last one repeats (TF's compact form).
 */
import type Long from 'long';
import { SavedModelError } from '../errors.js';
import type { tensorflow } from '../proto/index.js';
import { type DType, type NumericArray, dtypeFromEnum, dtypeInfo } from './dtypes.js';
import { type HostTensor, numElements, numericFromBytes } from './host_tensor.js';

type IntLike = number | Long;

const toBig = (v: IntLike): bigint => BigInt(typeof v === 'number' ? v : v.toString());

/** The repeated field holding values of `dtype`, and how to read one value. */
function valuesOf(p: tensorflow.TensorProto.$Properties, dtype: DType): ArrayLike<number | bigint> | Uint8Array[] {
  switch (dtype) {
    case 'float32':
      return p.floatVal ?? [];
    case 'float64':
      return p.doubleVal ?? [];
    case 'complex64':
      return p.scomplexVal ?? [];
    case 'complex128':
      return p.dcomplexVal ?? [];
    case 'float16':
    case 'bfloat16':
      return p.halfVal ?? [];
    case 'int64':
      return (p.int64Val ?? []).map((v) => toBig(v as IntLike));
    case 'uint64':
      return (p.uint64Val ?? []).map((v) => BigInt.asUintN(64, toBig(v as IntLike)));
    case 'uint32':
      return p.uint32Val ?? [];
    case 'bool':
      return (p.boolVal ?? []).map((b) => (b ? 1 : 0));
    case 'string':
      return (p.stringVal ?? []) as Uint8Array[];
    case 'float8_e5m2':
    case 'float8_e4m3fn':
    case 'float8_e4m3fnuz':
    case 'float8_e4m3b11fnuz':
    case 'float8_e5m2fnuz':
      return p.float8Val ?? new Uint8Array(0);
    default:
      // int32, int16, int8, uint8, uint16, qint*, quint*, int4/uint4/int2/uint2 travel in int_val.
      return p.intVal ?? [];
  }
}

/** Decodes `p` into a HostTensor; `shape` overrides the proto's own (V1 slices carry none). */
export function hostTensorFromProto(p: tensorflow.TensorProto.$Properties, what: string, dtypeOverride?: DType, shapeOverride?: number[]): HostTensor {
  const dtype = dtypeOverride ?? dtypeFromEnum(p.dtype ?? 0);
  const shape = shapeOverride ?? (p.tensorShape?.dim ?? []).map((d) => Number(d.size ?? 0));
  const n = numElements(shape);
  const info = dtypeInfo(dtype);
  if (info.array === null && dtype !== 'string') throw new SavedModelError('UNIMPLEMENTED', `${what}: ${dtype} tensors are not supported`);
  const content = p.tensorContent;
  if (content && content.length > 0) {
    if (dtype === 'string') throw new SavedModelError('DATA_LOSS', `${what}: a string tensor cannot use tensor_content`);
    if (content.length !== n * info.elementBytes!) {
      throw new SavedModelError('DATA_LOSS', `${what}: tensor_content has ${content.length} bytes, ${dtype} [${shape}] needs ${n * info.elementBytes!}`);
    }
    return { dtype, shape, data: numericFromBytes(dtype, content.slice()) };
  }
  const values = valuesOf(p, dtype);
  const slots = n * info.slotsPerElement;
  if (values.length > slots) throw new SavedModelError('DATA_LOSS', `${what}: ${values.length} values for ${dtype} [${shape}]`);
  if (values.length === 0 && slots > 0) throw new SavedModelError('DATA_LOSS', `${what}: no values for ${dtype} [${shape}]`);
  if (dtype === 'string') {
    const s = values as Uint8Array[];
    return { dtype, shape, data: Array.from({ length: n }, (_, i) => s[Math.min(i, s.length - 1)]) };
  }
  const data = new info.array!(slots) as NumericArray;
  const src = values as ArrayLike<number | bigint>;
  const per = info.slotsPerElement; // a splat repeats the last element (both parts of a complex)
  if (src.length % per !== 0) throw new SavedModelError('DATA_LOSS', `${what}: ${src.length} values do not make whole ${dtype} elements`);
  const out = data as unknown as (number | bigint)[];
  for (let i = 0; i < slots; i++) out[i] = i < src.length ? src[i] : src[src.length - per + (i % per)];
  return { dtype, shape, data };
}
