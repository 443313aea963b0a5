/**
 * Signatures, as `tf.saved_model.save(signatures=…)` makes them: each signature function is
 * wrapped in a `signature_wrapper` function that takes keyword inputs (sorted by name) and
 * returns a flat record of outputs (`output_0` … for non-record results); the default signature
 * is the root's single tfFunction with an input signature, when there is one.
 */
import { SavedModelError } from '../errors.js';
import { addFunctionCall } from '../graph/call.js';
import { FuncGraph } from '../graph/func_graph.js';
import { SymbolicTensor } from '../graph/symbolic.js';
import { ConcreteFunction } from '../trace/concrete_function.js';
import type { Module } from '../trace/module.js';
import { trackedValues } from '../trace/module.js';
import { packAs } from '../trace/structure.js';
import { isTfFunction, nextFunctionUid, type TfFunction } from '../trace/tf_function.js';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY } from './constants.js';

/** What `saveModel`'s `signatures` option accepts. */
export type SignaturesOption = TfFunction | ConcreteFunction | Readonly<Record<string, TfFunction | ConcreteFunction>>;

/** One signature: its key, the function it serves and the wrapper saved for it. */
export interface SignatureEntry {
  readonly key: string;
  readonly target: ConcreteFunction;
  readonly wrapper: ConcreteFunction;
}

const isSymbolic = (x: unknown): x is SymbolicTensor => x instanceof SymbolicTensor;

function concreteOf(f: TfFunction | ConcreteFunction, key: string): ConcreteFunction {
  if (f instanceof ConcreteFunction) return f;
  if (isTfFunction(f)) {
    if (!f.inputSignature) {
      throw new SavedModelError('INVALID_ARGUMENT', `signature '${key}': a tfFunction used as a signature needs an inputSignature (or pass fn.getConcreteFunction(...specs))`);
    }
    return f.getConcreteFunction();
  }
  throw new SavedModelError('INVALID_ARGUMENT', `signature '${key}' must be a tfFunction or a ConcreteFunction`);
}

/** The signature functions to save, by key (sorted). */
export function resolveSignatures(root: Module, option: SignaturesOption | undefined): [string, ConcreteFunction][] {
  let entries: [string, ConcreteFunction][];
  if (option === undefined) {
    const candidates = trackedValues(root).filter(([, v]) => isTfFunction(v) && v.inputSignature).map(([, v]) => v as TfFunction);
    entries = candidates.length === 1 ? [[DEFAULT_SERVING_SIGNATURE_DEF_KEY, candidates[0].getConcreteFunction()]] : [];
  } else if (option instanceof ConcreteFunction || isTfFunction(option)) {
    entries = [[DEFAULT_SERVING_SIGNATURE_DEF_KEY, concreteOf(option, DEFAULT_SERVING_SIGNATURE_DEF_KEY)]];
  } else {
    entries = Object.entries(option).map(([k, f]) => [k, concreteOf(f, k)]);
  }
  for (const [k] of entries) {
    if (!/^[A-Za-z0-9_.\-/]+$/.test(k) || k.startsWith('__')) {
      throw new SavedModelError('INVALID_ARGUMENT', `signature key '${k}' is not valid (letters, digits, '_', '.', '-', '/'; not starting with '__')`);
    }
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The outputs of a signature function as a flat record (TF's `_normalize_outputs`). */
function normalizeOutputs(structured: unknown, key: string): Record<string, SymbolicTensor> {
  const bad = (what: string): never => {
    throw new SavedModelError('INVALID_ARGUMENT', `signature '${key}' must return a tensor, an array of tensors or a record of tensors; ${what}`);
  };
  if (structured === null || structured === undefined) return {};
  if (structured instanceof SymbolicTensor) return { output_0: structured };
  const out: Record<string, SymbolicTensor> = {};
  if (Array.isArray(structured)) {
    structured.forEach((v, i) => {
      if (!(v instanceof SymbolicTensor)) bad(`element ${i} is not a tensor`);
      out[`output_${i}`] = v as SymbolicTensor;
    });
    return out;
  }
  for (const [k, v] of Object.entries(structured as Record<string, unknown>)) {
    if (!(v instanceof SymbolicTensor)) bad(`output '${k}' is not a tensor`);
    out[k] = v as SymbolicTensor;
  }
  return out;
}

/** The function's base name inside `__inference_<base>_<n>`. */
function baseName(name: string): string {
  const m = /^__inference_(.*)_\d+$/.exec(name);
  return m ? m[1] : name;
}

/** Traces the wrapper saved for signature `key` of `target`. */
export function makeSignatureWrapper(key: string, target: ConcreteFunction): SignatureEntry {
  const specs = [...target.inputSpecs];
  const sorted = [...specs].sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));
  const g = new FuncGraph(`__inference_signature_wrapper_${baseName(target.name)}_${nextFunctionUid()}`);
  const placeholders = new Map(sorted.map((s) => [s.name!, g.addInput(s.tfDtype, s.dims, s.name!)]));
  const call = addFunctionCall(g, target.graph, specs.map((s) => placeholders.get(s.name!)!));
  const structured = packAs(target.structuredOutputs, call.outputs, isSymbolic);
  const outputs = normalizeOutputs(structured, key);
  const keys = Object.keys(outputs).sort();
  const finished = g.finish(keys.map((k) => outputs[k]));
  const structuredOutputs: Record<string, SymbolicTensor> = {};
  keys.forEach((k, i) => (structuredOutputs[k] = finished[i]));
  const wrapper = ConcreteFunction.fromTrace({
    graph: g,
    inputSpecs: sorted,
    argNames: [],
    structuredOutputs,
    fn: ((...args: unknown[]) => target(...args)) as (...args: never[]) => unknown,
    variables: target.variables,
  });
  return { key, target, wrapper };
}
