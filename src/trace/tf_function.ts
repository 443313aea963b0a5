/**
 * `tfFunction` (tf.function): wraps a JS function so it can be traced into a FunctionDef. Each
 * distinct input signature (dtype and shape of each argument, or the declared
 * `inputSignature`) is traced once and cached as a ConcreteFunction. Called eagerly it runs the
 * JS function on tfjs (and remembers the signature, traced when the function is saved); called
 * while a graph is being built it records a call of the concrete function.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { FuncGraph } from '../graph/func_graph.js';
import { SymbolicTensor } from '../graph/symbolic.js';
import { tfjsDtype } from '../runtime/dtypes.js';
import { ConcreteFunction, type TraceResult } from './concrete_function.js';
import { defaultGraph, withDefaultGraph } from './context.js';
import { flattenLike, graphFor, toGraphTensor } from './convert.js';
import { parameterNames } from './param_names.js';
import { flatten, packAs } from './structure.js';
import { TensorSpec } from './tensor_spec.js';
import { Variable } from './variable.js';

/** Options of tfFunction. */
export interface TfFunctionOptions {
  /** Fixes the accepted signature (tf.function's input_signature): one spec per argument. */
  inputSignature?: readonly TensorSpec[];
  /** Name used in function names (`__inference_<name>_<n>`); default the JS function's name. */
  name?: string;
}

/** A traceable function (tf.function). */
export interface TfFunction {
  (...args: any[]): any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The concrete function for `specs` (tensors or TensorSpecs; default the input signature), traced on first request. */
  getConcreteFunction(...specs: unknown[]): ConcreteFunction;
  /** Every concrete function, tracing signatures seen in eager calls first. */
  concreteFunctions(): ConcreteFunction[];
  /** The declared input signature, if any. */
  readonly inputSignature: readonly TensorSpec[] | undefined;
  /** Parameter names of the wrapped function (`input_N` where unknown). */
  readonly argNames: readonly string[];
  /** The wrapped JS function. */
  readonly pythonFunction: (...args: never[]) => unknown;
}

let uid = 0;

/** A fresh number for function names (like TF's `ops.uid()`). */
export function nextFunctionUid(): number {
  return ++uid;
}

const TF_FUNCTION = Symbol('tfFunction');

/** True for functions made by tfFunction. */
export function isTfFunction(x: unknown): x is TfFunction {
  return typeof x === 'function' && (x as unknown as Record<symbol, unknown>)[TF_FUNCTION] === true;
}

const isLeaf = (x: unknown): x is unknown =>
  x instanceof SymbolicTensor || x instanceof tf.Tensor || x instanceof Variable || typeof x === 'number' || typeof x === 'boolean' || typeof x === 'string';

function validName(name: string): string {
  const n = name.replace(/[^A-Za-z0-9_.\-/]/g, '_');
  return /^[A-Za-z0-9.]/.test(n) ? n : `arg${n}`;
}

/** The TensorSpec an actual argument stands for. */
export function specOf(arg: unknown, what: string): TensorSpec {
  if (arg instanceof TensorSpec) return arg;
  if (arg instanceof SymbolicTensor) return new TensorSpec(arg.shape === null ? null : arg.shape.map((d) => (d < 0 ? null : d)), arg.dtype);
  if (arg instanceof tf.Tensor) return new TensorSpec([...arg.shape], arg.dtype);
  if (arg instanceof Variable) return new TensorSpec([...arg.shape], arg.dtype);
  const { shape, values } = flattenLike(arg, what);
  // JS numbers are floats: they trace as float32 (pass an int32 tensor for integer inputs).
  const dtype = values.length && values.every((v) => typeof v === 'boolean') ? 'bool' : values.length && values.every((v) => typeof v === 'string') ? 'string' : 'float32';
  return new TensorSpec(shape, dtype);
}

/** Traces `fn` for `specs` into a new FuncGraph named `__inference_<fnName>_<n>`. */
export function traceFunction(fn: (...args: never[]) => unknown, fnName: string, specs: readonly TensorSpec[], argNames: readonly string[]): TraceResult {
  const g = new FuncGraph(`__inference_${fnName}_${nextFunctionUid()}`, defaultGraph());
  const named = specs.map((s, i) => s.withName(validName(s.name ?? argNames[i] ?? `input_${i}`)));
  const seen = new Set<string>();
  for (const s of named) {
    if (seen.has(s.name!)) throw new SavedModelError('INVALID_ARGUMENT', `${fnName}: two inputs are named '${s.name}'; give the TensorSpecs distinct names`);
    seen.add(s.name!);
  }
  const result = withDefaultGraph(g, () => {
    const args = named.map((s) => g.addInput(s.tfDtype, s.dims, s.name!));
    const out = (fn as (...a: unknown[]) => unknown)(...args);
    if (out instanceof Promise) throw new SavedModelError('INVALID_ARGUMENT', `${fnName}: a traced function must be synchronous (it returned a Promise)`);
    return out;
  });
  const leaves = flatten(result, isLeaf);
  const tensors = withDefaultGraph(g, () => leaves.map((l) => toGraphTensor(g, l, { name: 'Const' })));
  const outputs = g.finish(tensors);
  const variables = g.captures.flatMap((c) => ('variable' in c.source ? [c.source.variable as Variable] : []));
  return { graph: g, inputSpecs: named, argNames, structuredOutputs: packAs(result, outputs, isLeaf), fn, variables };
}

/** Wraps `fn` as a traceable function (tf.function). */
export function tfFunction<F extends (...args: never[]) => unknown>(fn: F, opts: TfFunctionOptions = {}): TfFunction {
  if (typeof fn !== 'function') throw new SavedModelError('INVALID_ARGUMENT', 'tfFunction needs a function');
  // Anonymous functions are '<lambda>', as Python names them (valid in function names).
  const fnName = (opts.name ?? (fn.name || '<lambda>')).replace(/[^A-Za-z0-9_.<>-]/g, '_');
  const params = parameterNames(fn);
  const signature = opts.inputSignature ? [...opts.inputSignature] : undefined;
  const arity = signature?.length ?? Math.max(params.length, fn.length);
  const argNames = Array.from({ length: arity }, (_, i) => params[i] ?? `input_${i}`);
  const traced = new Map<string, ConcreteFunction>();
  const pending = new Map<string, TensorSpec[]>();

  const keyOf = (specs: readonly TensorSpec[]): string => specs.map((s) => s.key()).join(';');

  const specsFor = (args: readonly unknown[]): TensorSpec[] => {
    if (!signature) return args.map((a, i) => specOf(a, `${fnName} argument ${i}`));
    if (args.length !== signature.length) {
      throw new SavedModelError('INVALID_ARGUMENT', `${fnName} has input signature (${signature.map(String).join(', ')}) and takes ${signature.length} argument(s), got ${args.length}`);
    }
    args.forEach((a, i) => {
      if (a instanceof TensorSpec || a === undefined) return;
      const s = specOf(a, `${fnName} argument ${i}`);
      const dtypeOk = a instanceof tf.Tensor ? a.dtype === tfjsDtype(signature[i].tfDtype) : s.dtype === signature[i].dtype || typeof a === 'number';
      if (!dtypeOk || !signature[i].isCompatibleWith(signature[i].dtype, s.dims)) {
        throw new SavedModelError('INVALID_ARGUMENT', `${fnName}: argument ${i} (${s}) does not match the input signature's ${signature[i]}`);
      }
    });
    return signature;
  };

  const getConcreteFunction = (...specArgs: unknown[]): ConcreteFunction => {
    const specs = specArgs.length === 0 && signature ? signature : specsFor(specArgs);
    const key = keyOf(specs);
    let cf = traced.get(key);
    if (!cf) {
      cf = ConcreteFunction.fromTrace(traceFunction(fn, fnName, specs, argNames));
      traced.set(key, cf);
      pending.delete(key);
    }
    return cf;
  };

  const wrapper = function tfFunctionWrapper(...args: unknown[]): unknown {
    const g = graphFor(args) ?? defaultGraph();
    if (g) return getConcreteFunction(...args).run(...args);
    const specs = specsFor(args);
    const key = keyOf(specs);
    if (!traced.has(key) && !pending.has(key)) pending.set(key, specs);
    if (signature) {
      const cf = traced.get(key);
      if (cf) cf.checkArgs(args);
    }
    return (fn as unknown as (...a: unknown[]) => unknown)(...args);
  } as TfFunction;

  Object.defineProperties(wrapper, {
    [TF_FUNCTION]: { value: true },
    name: { value: fnName },
    getConcreteFunction: { value: getConcreteFunction },
    concreteFunctions: {
      value: (): ConcreteFunction[] => {
        for (const specs of [...pending.values()]) getConcreteFunction(...specs);
        if (signature && traced.size === 0) getConcreteFunction();
        return [...traced.values()];
      },
    },
    inputSignature: { value: signature },
    argNames: { value: argNames },
    pythonFunction: { value: fn },
  });
  return wrapper;
}
