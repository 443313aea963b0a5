/**
 * Restored TF2 functions as JS functions. A `tf.function` (SavedFunction) is called with
 * positional arguments: missing trailing ones take their Python defaults, then the first concrete
 * function whose canonicalized input signature accepts the arguments runs (as TensorFlow picks
 * it); a bare concrete function takes its `argument_keywords` positionally or as one record.
 * Results come back in the function's output structure (tensors, records, arrays).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { toNumber, type IntLike } from '../graph/node.js';
import type { tensorflow } from '../proto/index.js';
import { tensorFromProto } from '../runtime/tensor_proto.js';
import { releaseValue, type Value } from '../runtime/values.js';
import type { ObjectRuntime } from './object_runtime.js';
import { isPlainRecord } from './input_tensor.js';
import { bindStructure, describeStructure, packStructure, type BoundTensors } from './structure.js';

type SV = tensorflow.StructuredValue.$Properties;

/** A restored function: call it like the Python one (positional arguments). */
export type RestoredFunction = (...args: unknown[]) => unknown;

/** Positional parameter names and their defaults (aligned to the last names), from a FunctionSpec. */
function argSpecOf(spec: tensorflow.FunctionSpec.$Properties | null | undefined): { names: string[]; defaults: SV[] } {
  const fields = spec?.fullargspec?.namedTupleValue?.values ?? [];
  const get = (k: string): SV | undefined => fields.find((p) => p.key === k)?.value ?? undefined;
  let names = (get('args')?.listValue?.values ?? []).map((v) => v.stringValue ?? '');
  if (spec?.isMethod && names[0] === 'self') names = names.slice(1);
  const d = get('defaults');
  const defaults = d?.tupleValue?.values ?? d?.listValue?.values ?? [];
  return { names, defaults };
}

/** A Python default as a JS value (tensors it creates are pushed to `owned`). */
function defaultValue(sv: SV, owned: tf.Tensor[]): unknown {
  if (sv.noneValue) return null;
  if (sv.boolValue != null) return sv.boolValue;
  if (sv.int64Value != null) return toNumber(sv.int64Value as IntLike);
  if (sv.float64Value != null) return sv.float64Value;
  if (sv.stringValue != null) return sv.stringValue;
  if (sv.listValue || sv.tupleValue) return ((sv.listValue ?? sv.tupleValue)!.values ?? []).map((v) => defaultValue(v, owned));
  if (sv.dictValue) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sv.dictValue.fields ?? {})) out[k] = defaultValue(v, owned);
    return out;
  }
  const proto = sv.tensorValue ?? sv.numpyValue;
  if (proto) {
    const t = tensorFromProto(proto, 'default argument');
    owned.push(t);
    return t;
  }
  throw new SavedModelError('UNIMPLEMENTED', `default argument ${describeStructure(sv)} is not supported`);
}

function dispose(ts: readonly tf.Tensor[]): void {
  for (const t of ts) t.dispose();
}

/** Runs concrete function `name` on bound tensors and packs its results. */
function runConcrete(rt: ObjectRuntime, name: string, bound: BoundTensors): unknown {
  const cf = rt.objectGraph.concreteFunctions[name];
  const flat: Value[] = rt.call(name, bound.tensors);
  const cursor = { i: 0 };
  try {
    const out = packStructure(cf.outputSignature ?? { noneValue: {} }, flat, cursor);
    for (let i = cursor.i; i < flat.length; i++) releaseValue(flat[i]);
    return out;
  } catch (e) {
    flat.forEach(releaseValue);
    throw e;
  }
}

/** Binds canonical argument values to a concrete function's `(args, kwargs)` input signature. */
function bindCanonical(sig: SV | null | undefined, values: readonly unknown[], names: readonly string[], bound: BoundTensors): string | null {
  const [argsSpec, kwargsSpec] = sig?.tupleValue?.values ?? [];
  const argSpecs = argsSpec?.tupleValue?.values ?? argsSpec?.listValue?.values ?? [];
  const kwargs = kwargsSpec?.dictValue?.fields ?? {};
  if (values.length < argSpecs.length) return `takes ${argSpecs.length} positional argument(s), got ${values.length}`;
  for (let i = 0; i < argSpecs.length; i++) {
    const p = bindStructure(argSpecs[i], values[i], names[i] ?? `argument ${i}`, bound);
    if (p) return p;
  }
  for (const k of Object.keys(kwargs).sort()) {
    const idx = names.indexOf(k);
    const p = bindStructure(kwargs[k], idx >= 0 ? values[idx] : undefined, k, bound);
    if (p) return p;
  }
  const used = argSpecs.length + Object.keys(kwargs).filter((k) => names.indexOf(k) >= argSpecs.length).length;
  if (values.length > used && values.slice(used).some((v) => v !== null && v !== undefined)) return `takes ${used} argument(s), got ${values.length}`;
  return null;
}

/** A `tf.function` of the object graph as a JS function. */
export function makeRestoredFunction(rt: ObjectRuntime, saved: tensorflow.SavedFunction.$Properties, label: string): RestoredFunction {
  const { names, defaults } = argSpecOf(saved.functionSpec);
  const concrete = saved.concreteFunctions ?? [];
  return (...args: unknown[]): unknown => {
    while (args.length > 0 && args[args.length - 1] === undefined) args = args.slice(0, -1);
    if (args.length > names.length && names.length > 0) {
      throw new SavedModelError('INVALID_ARGUMENT', `${label}() takes ${names.length} argument(s) (${names.join(', ')}), got ${args.length}`);
    }
    const owned: tf.Tensor[] = [];
    try {
      const values = [...args];
      for (let i = args.length; i < names.length; i++) {
        const d = i - (names.length - defaults.length);
        if (d < 0) throw new SavedModelError('INVALID_ARGUMENT', `${label}() is missing required argument '${names[i]}'`);
        values.push(defaultValue(defaults[d], owned));
      }
      const reasons: string[] = [];
      for (const name of concrete) {
        const cf = rt.objectGraph.concreteFunctions[name];
        const bound: BoundTensors = { tensors: [], owned: [] };
        const problem = cf ? bindCanonical(cf.canonicalizedInputSignature, values, names, bound) : `concrete function ${name} is missing`;
        try {
          if (!problem) return runConcrete(rt, name, bound);
          reasons.push(`  ${describeStructure(cf?.canonicalizedInputSignature?.tupleValue?.values?.[0] ?? {})}: ${problem}`);
        } finally {
          dispose(bound.owned);
        }
      }
      throw new SavedModelError(
        'INVALID_ARGUMENT',
        `could not find a matching concrete function to call ${label} loaded from the SavedModel; expected the arguments to match one of these ${concrete.length} option(s):\n${reasons.join('\n')}`,
      );
    } finally {
      dispose(owned);
    }
  };
}

/** A bare concrete function (called by `argument_keywords`) as a JS function. */
export function makeBareFunction(rt: ObjectRuntime, bare: tensorflow.SavedBareConcreteFunction.$Properties, label: string): RestoredFunction {
  const name = bare.concreteFunctionName ?? '';
  const keywords = bare.argumentKeywords ?? [];
  return (...args: unknown[]): unknown => {
    const cf = rt.objectGraph.concreteFunctions[name];
    if (!cf) throw new SavedModelError('DATA_LOSS', `${label}: concrete function '${name}' is not in the object graph`);
    const [argsSpec, kwargsSpec] = cf.canonicalizedInputSignature?.tupleValue?.values ?? [];
    const positional = argsSpec?.tupleValue?.values ?? [];
    const kwargs = kwargsSpec?.dictValue?.fields ?? {};
    const first = args[0];
    const byKeyword = args.length === 1 && keywords.length > 0 && isPlainRecord(first);
    const values: unknown[] = byKeyword ? keywords.map((k) => (first as Record<string, unknown>)[k]) : args;
    const expected = Math.max(keywords.length, positional.length);
    if (values.length !== expected) {
      throw new SavedModelError('INVALID_ARGUMENT', `${label} takes ${expected} argument(s) (${keywords.join(', ')}), got ${values.length}`);
    }
    const bound: BoundTensors = { tensors: [], owned: [] };
    try {
      values.forEach((v, i) => {
        const spec = positional[i] ?? kwargs[keywords[i]];
        const problem = spec ? bindStructure(spec, v, keywords[i] ?? `argument ${i}`, bound) : `no input signature for argument ${i}`;
        if (problem) throw new SavedModelError('INVALID_ARGUMENT', `${label}: ${problem}`);
      });
      return runConcrete(rt, name, bound);
    } finally {
      dispose(bound.owned);
    }
  };
}
