/**
 * Python structures of TF2 functions (StructuredValue): matching call arguments against a
 * concrete function's input signature (flattening tensors in TensorFlow's `nest` order: dict keys
 * sorted, lists and tuples in order), and packing flat results into the output signature.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import { dtypeFromEnum } from '../graph/dtypes.js';
import { toNumber, type IntLike } from '../graph/node.js';
import type { tensorflow } from '../proto/index.js';
import type { Value } from '../runtime/values.js';
import { inputTensor, isPlainRecord, isTensorLike } from './input_tensor.js';
import { formatShape, partialShape, shapeFits } from './tensor_info.js';

type SV = tensorflow.StructuredValue.$Properties;

/** Tensors bound to a function's inputs; `owned` ones were made from plain values. */
export interface BoundTensors {
  readonly tensors: tf.Tensor[];
  readonly owned: tf.Tensor[];
}

const sortedKeys = (o: object): string[] => Object.keys(o).sort();

function tensorSpecOf(sv: SV): tensorflow.TensorSpecProto.$Properties | null {
  return sv.tensorSpecValue ?? sv.boundedTensorSpecValue ?? null;
}

/** Python-like text of a structure, for error messages. */
export function describeStructure(sv: SV): string {
  const spec = tensorSpecOf(sv);
  if (spec) {
    const name = spec.name ? `, name='${spec.name}'` : '';
    return `TensorSpec(shape=${formatShape(partialShape(spec.shape))}, dtype=${dtypeFromEnum(spec.dtype ?? 0)}${name})`;
  }
  if (sv.noneValue) return 'None';
  if (sv.boolValue != null) return sv.boolValue ? 'True' : 'False';
  if (sv.int64Value != null) return String(toNumber(sv.int64Value as IntLike));
  if (sv.float64Value != null) return String(sv.float64Value);
  if (sv.stringValue != null) return `'${sv.stringValue}'`;
  if (sv.listValue) return `[${(sv.listValue.values ?? []).map(describeStructure).join(', ')}]`;
  if (sv.tupleValue) {
    const v = sv.tupleValue.values ?? [];
    return `(${v.map(describeStructure).join(', ')}${v.length === 1 ? ',' : ''})`;
  }
  if (sv.dictValue) return `{${sortedKeys(sv.dictValue.fields ?? {}).map((k) => `'${k}': ${describeStructure(sv.dictValue!.fields![k])}`).join(', ')}}`;
  if (sv.namedTupleValue) return `${sv.namedTupleValue.name}(${(sv.namedTupleValue.values ?? []).map((p) => `${p.key}=${describeStructure(p.value ?? {})}`).join(', ')})`;
  if (sv.typeSpecValue) return `${sv.typeSpecValue.typeSpecClassName || 'TypeSpec'}(…)`;
  return '<value>';
}

function bindTensor(spec: tensorflow.TensorSpecProto.$Properties, value: unknown, path: string, out: BoundTensors): string | null {
  if (!(value instanceof tf.Tensor) && !isTensorLike(value)) return `${path}: expected a tensor, got ${value === null ? 'null' : typeof value}`;
  const dtype = dtypeFromEnum(spec.dtype ?? 0) as DType;
  let t;
  try {
    t = inputTensor(value, dtype, path);
  } catch (e) {
    return (e as Error).message;
  }
  if (t.owned) out.owned.push(t.tensor);
  const shape = partialShape(spec.shape);
  if (!shapeFits(t.tensor.shape, shape)) return `${path}: shape ${formatShape(t.tensor.shape)} does not fit ${formatShape(shape)}`;
  out.tensors.push(t.tensor);
  return null;
}

function bindSequence(specs: readonly SV[], value: unknown, path: string, out: BoundTensors): string | null {
  if (!Array.isArray(value)) return `${path}: expected a list of ${specs.length}, got ${typeof value}`;
  if (value.length !== specs.length) return `${path}: expected ${specs.length} items, got ${value.length}`;
  for (let i = 0; i < specs.length; i++) {
    const p = bindStructure(specs[i], value[i], `${path}[${i}]`, out);
    if (p) return p;
  }
  return null;
}

/**
 * Binds `value` to the structure `spec`, appending its tensors to `out` in nest order. Returns
 * null on success, else why it does not match.
 */
export function bindStructure(spec: SV, value: unknown, path: string, out: BoundTensors): string | null {
  const ts = tensorSpecOf(spec);
  if (ts) return bindTensor(ts, value, path, out);
  if (spec.noneValue) return value === null || value === undefined ? null : `${path}: expected None (null)`;
  const scalar = (want: unknown): string | null => (value === want ? null : `${path}: expected ${String(want)}, got ${String(value)}`);
  if (spec.boolValue != null) return scalar(spec.boolValue);
  if (spec.int64Value != null) return scalar(toNumber(spec.int64Value as IntLike));
  if (spec.float64Value != null) return scalar(spec.float64Value);
  if (spec.stringValue != null) return scalar(spec.stringValue);
  if (spec.listValue) return bindSequence(spec.listValue.values ?? [], value, path, out);
  if (spec.tupleValue) return bindSequence(spec.tupleValue.values ?? [], value, path, out);
  if (spec.dictValue) {
    const fields = spec.dictValue.fields ?? {};
    if (!isPlainRecord(value)) return `${path}: expected a record with keys ${sortedKeys(fields).join(', ')}`;
    const want = sortedKeys(fields);
    const got = sortedKeys(value);
    if (want.join('\0') !== got.join('\0')) return `${path}: expected keys ${want.join(', ')}, got ${got.join(', ')}`;
    for (const k of want) {
      const p = bindStructure(fields[k], value[k], `${path}.${k}`, out);
      if (p) return p;
    }
    return null;
  }
  if (spec.namedTupleValue) {
    const pairs = spec.namedTupleValue.values ?? [];
    const items = Array.isArray(value) ? value : isPlainRecord(value) ? pairs.map((p) => value[p.key ?? '']) : null;
    if (!items) return `${path}: expected a ${spec.namedTupleValue.name}`;
    return bindSequence(pairs.map((p) => p.value ?? {}), items, path, out);
  }
  return `${path}: ${describeStructure(spec)} inputs are not supported`;
}

/** The number of tensors a structure flattens to. */
export function countTensors(spec: SV): number {
  if (tensorSpecOf(spec)) return 1;
  if (spec.listValue) return (spec.listValue.values ?? []).reduce((a, v) => a + countTensors(v), 0);
  if (spec.tupleValue) return (spec.tupleValue.values ?? []).reduce((a, v) => a + countTensors(v), 0);
  if (spec.dictValue) return Object.values(spec.dictValue.fields ?? {}).reduce((a, v) => a + countTensors(v), 0);
  if (spec.namedTupleValue) return (spec.namedTupleValue.values ?? []).reduce((a, p) => a + countTensors(p.value ?? {}), 0);
  return 0;
}

/** Packs flat results (from `cursor.i` on) into the structure `spec`; non-tensor leaves are their values. */
export function packStructure(spec: SV, flat: readonly Value[], cursor: { i: number }): unknown {
  if (tensorSpecOf(spec)) {
    if (cursor.i >= flat.length) throw new SavedModelError('INTERNAL', `function returned ${flat.length} values, its output signature needs more`);
    return flat[cursor.i++];
  }
  if (spec.noneValue) return null;
  if (spec.boolValue != null) return spec.boolValue;
  if (spec.int64Value != null) return toNumber(spec.int64Value as IntLike);
  if (spec.float64Value != null) return spec.float64Value;
  if (spec.stringValue != null) return spec.stringValue;
  if (spec.listValue) return (spec.listValue.values ?? []).map((v) => packStructure(v, flat, cursor));
  if (spec.tupleValue) return (spec.tupleValue.values ?? []).map((v) => packStructure(v, flat, cursor));
  if (spec.dictValue) {
    const fields = spec.dictValue.fields ?? {};
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(fields)) out[k] = packStructure(fields[k], flat, cursor);
    return out;
  }
  if (spec.namedTupleValue) {
    const out: Record<string, unknown> = {};
    for (const p of spec.namedTupleValue.values ?? []) out[p.key ?? ''] = packStructure(p.value ?? {}, flat, cursor);
    return out;
  }
  throw new SavedModelError('UNIMPLEMENTED', `output structure ${describeStructure(spec)} is not supported`);
}
