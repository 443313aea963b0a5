/**
 * Python-style rendering of the values saved_model_cli prints: str/float reprs, tf dtypes,
 * TensorSpecs, and StructuredValues (the argument specs of concrete functions).
 */
import { tensorflow } from '../index.js';

type Structured = tensorflow.StructuredValue.$Properties;

/** Python's repr() of a str: single quotes unless the text holds one and no double quote. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a float. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    const [mant, exp] = v.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const s = String(v);
  return s.includes('.') || s.includes('e') ? s : s + '.0';
}

/** Python name of a TF dtype (DT_FLOAT -> 'float32', DT_INT64_REF -> 'int64_ref'). */
export function pyDtypeName(dtype: number): string {
  const enumName = tensorflow.DataType[dtype] as string | undefined;
  if (!enumName) return `<unknown dtype ${dtype}>`;
  const ref = enumName.endsWith('_REF');
  const base = enumName.slice(3, ref ? -4 : undefined);
  const renamed: Record<string, string> = { FLOAT: 'float32', DOUBLE: 'float64', HALF: 'float16' };
  return (renamed[base] ?? base.toLowerCase()) + (ref ? '_ref' : '');
}

/** The enum name of a dtype as printed in tensor_info ('DT_FLOAT'). */
export function dtypeEnumName(dtype: number | null | undefined): string {
  return (tensorflow.DataType[dtype ?? 0] as string | undefined) ?? String(dtype);
}

/** str(TensorShape): '(None, 1)', '(3,)', '()' or '<unknown>'. */
export function pyShape(shape: tensorflow.TensorShapeProto.$Properties | null | undefined): string {
  if (!shape || shape.unknownRank) return '<unknown>';
  const dims = (shape.dim ?? []).map((d) => {
    const size = Number(d.size ?? 0);
    return size < 0 ? 'None' : String(size);
  });
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** repr() of a TensorSpec (or BoundedTensorSpec, without its bounds). */
export function pyTensorSpec(kind: string, spec: tensorflow.TensorSpecProto.$Properties): string {
  const name = spec.name ? pyStr(spec.name) : 'None';
  return `${kind}(shape=${pyShape(spec.shape)}, dtype=tf.${pyDtypeName(spec.dtype ?? 0)}, name=${name})`;
}

/** The TensorSpec held by a StructuredValue, if it is one. */
export function asTensorSpec(v: Structured): { kind: string; spec: tensorflow.TensorSpecProto.$Properties } | undefined {
  if (v.tensorSpecValue) return { kind: 'TensorSpec', spec: v.tensorSpecValue };
  if (v.boundedTensorSpecValue) return { kind: 'BoundedTensorSpec', spec: v.boundedTensorSpecValue };
  return undefined;
}

/** The Python type name of a StructuredValue ('list', 'tuple', 'dict', 'bool', …). */
export function pyTypeName(v: Structured): string {
  if (v.listValue) return 'list';
  if (v.tupleValue) return 'tuple';
  if (v.dictValue) return 'dict';
  if (v.namedTupleValue) return v.namedTupleValue.name || 'namedtuple';
  if (v.stringValue != null) return 'str';
  if (v.boolValue != null) return 'bool';
  if (v.int64Value != null) return 'int';
  if (v.float64Value != null) return 'float';
  if (v.tensorShapeValue) return 'TensorShape';
  if (v.tensorDtypeValue != null) return 'DType';
  if (v.typeSpecValue) return v.typeSpecValue.typeSpecClassName || 'TypeSpec';
  if (v.tensorValue || v.numpyValue) return 'Tensor';
  return 'NoneType';
}

/** The elements of a list/tuple/namedtuple value, or undefined for other kinds. */
export function pySequence(v: Structured): Structured[] | undefined {
  if (v.listValue) return v.listValue.values ?? [];
  if (v.tupleValue) return v.tupleValue.values ?? [];
  if (v.namedTupleValue) return (v.namedTupleValue.values ?? []).map((p) => p.value ?? {});
  return undefined;
}

/** Python's repr() of a StructuredValue. */
export function pyRepr(v: Structured): string {
  const spec = asTensorSpec(v);
  if (spec) return pyTensorSpec(spec.kind, spec.spec);
  if (v.listValue) return `[${(v.listValue.values ?? []).map(pyRepr).join(', ')}]`;
  if (v.tupleValue) {
    const items = (v.tupleValue.values ?? []).map(pyRepr);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (v.dictValue) {
    const entries = Object.entries(v.dictValue.fields ?? {}).map(([k, x]) => `${pyStr(k)}: ${pyRepr(x)}`);
    return `{${entries.join(', ')}}`;
  }
  if (v.namedTupleValue) {
    const fields = (v.namedTupleValue.values ?? []).map((p) => `${p.key}=${pyRepr(p.value ?? {})}`);
    return `${v.namedTupleValue.name}(${fields.join(', ')})`;
  }
  if (v.stringValue != null) return pyStr(v.stringValue);
  if (v.boolValue != null) return v.boolValue ? 'True' : 'False';
  if (v.int64Value != null) return v.int64Value.toString();
  if (v.float64Value != null) return pyFloat(v.float64Value);
  if (v.tensorShapeValue) return pyShape(v.tensorShapeValue);
  if (v.tensorDtypeValue != null) return `tf.${pyDtypeName(v.tensorDtypeValue)}`;
  if (v.typeSpecValue) return `${v.typeSpecValue.typeSpecClassName || 'TypeSpec'}(…)`;
  if (v.tensorValue || v.numpyValue) return `<tensor ${dtypeEnumName((v.tensorValue ?? v.numpyValue)?.dtype)}>`;
  return 'None';
}
