/**
 * `ConcreteFunction`: one trace of a function for one input signature — its FuncGraph (the
 * FunctionDef to be), named input specs, structured outputs and the variables it captured.
 * Calling it runs the JS function eagerly on tfjs, or records a (Stateful)PartitionedCall
 * when a graph is being built.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { addFunctionCall } from '../graph/call.js';
import type { FuncGraph } from '../graph/func_graph.js';
import { describeDims, SymbolicTensor } from '../graph/symbolic.js';
import { tfjsDtype } from '../runtime/dtypes.js';
import { defaultGraph } from './context.js';
import { graphFor, toGraphTensor } from './convert.js';
import { flatten, packAs } from './structure.js';
import type { TensorSpec } from './tensor_spec.js';
import type { Variable } from './variable.js';

/** A traced function: callable like the function it traced, for its signature only. */
export interface ConcreteFunction {
  (...args: unknown[]): unknown;
}

/** What a trace produced (see `traceFunction`). */
export interface TraceResult {
  readonly graph: FuncGraph;
  /** Input specs, each named (spec name, parameter name, or `input_N`). */
  readonly inputSpecs: readonly TensorSpec[];
  /** Parameter names of the traced JS function (FullArgSpec `args`). */
  readonly argNames: readonly string[];
  /** The returned structure with the function's outputs (Identity tensors) as leaves. */
  readonly structuredOutputs: unknown;
  /** The JS function traced. */
  readonly fn: (...args: never[]) => unknown;
  /** Variables captured, in capture order (FunctionDef trailing inputs, `bound_inputs`). */
  readonly variables: readonly Variable[];
}

const isSymbolic = (x: unknown): x is SymbolicTensor => x instanceof SymbolicTensor;

/** One trace of a function, callable. */
export class ConcreteFunction {
  /** The function's name in the library (`__inference_serving_default_12`). */
  readonly name: string;

  /** Use `tfFunction(...).getConcreteFunction(...)`; `fromTrace` builds the callable. */
  protected constructor(readonly trace: TraceResult) {
    this.name = trace.graph.name;
  }

  /** A callable ConcreteFunction for a trace. */
  static fromTrace(trace: TraceResult): ConcreteFunction {
    const self = function concreteFunction(...args: unknown[]): unknown {
      return (self as unknown as ConcreteFunction).run(...args);
    } as unknown as ConcreteFunction;
    Object.setPrototypeOf(self, ConcreteFunction.prototype);
    (self as { trace: TraceResult }).trace = trace;
    Object.defineProperty(self, 'name', { value: trace.graph.name });
    return self;
  }

  /** The traced graph. */
  get graph(): FuncGraph {
    return this.trace.graph;
  }

  /** Named input specs (the signature). */
  get inputSpecs(): readonly TensorSpec[] {
    return this.trace.inputSpecs;
  }

  /** Output structure with SymbolicTensor leaves. */
  get structuredOutputs(): unknown {
    return this.trace.structuredOutputs;
  }

  /** Flat output tensors of the graph. */
  get outputs(): SymbolicTensor[] {
    return this.trace.graph.outputs;
  }

  /** Captured variables (trailing inputs). */
  get variables(): readonly Variable[] {
    return this.trace.variables;
  }

  /** Checks positional `args` against the signature; throws INVALID_ARGUMENT naming the mismatch. */
  checkArgs(args: readonly unknown[]): void {
    const specs = this.trace.inputSpecs;
    if (args.length !== specs.length) {
      throw new SavedModelError('INVALID_ARGUMENT', `${this.name} takes ${specs.length} argument(s) (${specs.map((s) => s.name).join(', ')}), got ${args.length}`);
    }
    args.forEach((a, i) => {
      const s = specs[i];
      if (a instanceof SymbolicTensor) {
        if (!s.isCompatibleWith(a.dtype, a.shape)) throw argError(this.name, s, `${a.dtype} ${describeDims(a.shape)}`);
      } else if (a instanceof tf.Tensor) {
        if (tfjsDtype(s.tfDtype) !== a.dtype || !s.isCompatibleWith(s.dtype, a.shape)) throw argError(this.name, s, `${a.dtype} [${a.shape}]`);
      }
    });
  }

  /** Calls the function: eagerly on tfjs values, or recorded as a call when building a graph. */
  run(...args: unknown[]): unknown {
    const g = graphFor(args) ?? defaultGraph();
    if (!g) {
      this.checkArgs(args);
      return (this.trace.fn as (...a: unknown[]) => unknown)(...args);
    }
    const inputs = args.map((a, i) => toGraphTensor(g, a, { dtype: this.trace.inputSpecs[i]?.tfDtype, name: this.trace.inputSpecs[i]?.name ?? `input_${i}` }));
    this.checkArgs(inputs);
    const op = addFunctionCall(g, this.trace.graph, inputs);
    return packAs(this.trace.structuredOutputs, op.outputs, isSymbolic);
  }

  /** Flat outputs of a structured result (SymbolicTensor leaves). */
  static flatOutputs(structured: unknown): SymbolicTensor[] {
    return flatten(structured, isSymbolic);
  }

  toString(): string {
    return `ConcreteFunction ${this.name}(${this.trace.inputSpecs.map(String).join(', ')})`;
  }
}

function argError(name: string, spec: TensorSpec, got: string): SavedModelError {
  return new SavedModelError('INVALID_ARGUMENT', `${name}: argument '${spec.name}' must match ${spec}, got ${got}`);
}
