/**
 * StructuredValue builders (struct.proto) for what the SavedObjectGraph says about functions:
 * TensorSpecs, Python's FullArgSpec named tuple, FunctionSpec, canonicalized input signatures
 * and output signatures — the shapes `nested_structure_coder` writes and TF's loader decodes.
 */
import { dtypeToEnum } from '../graph/dtypes.js';
import { SymbolicTensor } from '../graph/symbolic.js';
import type { TensorSpec } from '../trace/tensor_spec.js';

/**
 * A protobuf message as a plain object with protobufjs's camelCase field names (int64 fields as
 * numbers), encoded with the generated classes at the end.
 */
export type ProtoObject = { [field: string]: unknown };

/** A TensorShapeProto (unknown rank for null, -1 for unknown dims). */
export function shapeMessage(dims: readonly number[] | null): ProtoObject {
  if (dims === null) return { unknownRank: true };
  return dims.length ? { dim: dims.map((size) => ({ size })) } : {};
}

/** A StructuredValue as a plain protobufjs object. */
export type StructuredValue = ProtoObject;

/** Python None. */
export const none = (): StructuredValue => ({ noneValue: {} });
/** A Python str. */
export const str = (s: string): StructuredValue => ({ stringValue: s });
/** A Python list. */
export const list = (values: StructuredValue[]): StructuredValue => ({ listValue: { values } });
/** A Python tuple. */
export const tuple = (values: StructuredValue[]): StructuredValue => ({ tupleValue: { values } });

/** A Python dict (keys written in sorted order, as a deterministic serialization does). */
export function dict(fields: Readonly<Record<string, StructuredValue>>): StructuredValue {
  const sorted: Record<string, StructuredValue> = {};
  for (const k of Object.keys(fields).sort()) sorted[k] = fields[k];
  return { dictValue: { fields: sorted } };
}

/** A tf.TensorSpec of dtype and dims (-1 unknown). */
export function tensorSpecValue(name: string, dtype: string, dims: readonly number[] | null): StructuredValue {
  return { tensorSpecValue: { ...(name ? { name } : {}), shape: shapeMessage(dims), dtype: dtypeToEnum(dtype) } };
}

/** A TensorSpec as a StructuredValue, named `name` (default its own name). */
export function specValue(spec: TensorSpec, name = spec.name ?? ''): StructuredValue {
  return tensorSpecValue(name, spec.dtype, spec.dims);
}

/** `inspect.FullArgSpec(args, None, None, None, kwonlyargs, None, {})`. */
export function fullArgSpec(args: readonly string[], kwonlyargs: readonly string[] = []): StructuredValue {
  const pair = (key: string, value: StructuredValue) => ({ key, value });
  return {
    namedTupleValue: {
      name: 'FullArgSpec',
      values: [
        pair('args', list(args.map(str))),
        pair('varargs', none()),
        pair('varkw', none()),
        pair('defaults', none()),
        pair('kwonlyargs', list(kwonlyargs.map(str))),
        pair('kwonlydefaults', none()),
        pair('annotations', dict({})),
      ],
    },
  };
}

/** A FunctionSpec: the argspec and the declared input signature (None when there is none). */
export function functionSpec(args: readonly string[], inputSignature?: readonly TensorSpec[], kwonlyargs: readonly string[] = []): ProtoObject {
  return {
    fullargspec: fullArgSpec(args, kwonlyargs),
    inputSignature: inputSignature ? tuple(inputSignature.map((s) => specValue(s))) : none(),
  };
}

/** `((spec, …), {})`: positional arguments. */
export function positionalSignature(specs: readonly TensorSpec[]): StructuredValue {
  return tuple([tuple(specs.map((s) => specValue(s))), dict({})]);
}

/** `((), {name: spec, …})`: keyword arguments (signature functions). */
export function keywordSignature(specs: readonly TensorSpec[]): StructuredValue {
  const fields: Record<string, StructuredValue> = {};
  for (const s of specs) fields[s.name!] = specValue(s);
  return tuple([tuple([]), dict(fields)]);
}

/** The output signature of a returned structure whose leaves are SymbolicTensors. */
export function outputSignature(structure: unknown, name = 'unknown'): StructuredValue {
  if (structure === null || structure === undefined) return none();
  if (structure instanceof SymbolicTensor) return tensorSpecValue(name, structure.dtype, structure.shape);
  if (Array.isArray(structure)) return tuple(structure.map((s) => outputSignature(s, name)));
  const fields: Record<string, StructuredValue> = {};
  for (const [k, v] of Object.entries(structure as Record<string, unknown>)) fields[k] = outputSignature(v, k);
  return dict(fields);
}
