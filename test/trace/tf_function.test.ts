/** tfFunction tracing: caching per signature, naming rules, nested calls, variables, Module. */
import * as tf from '@tensorflow/tfjs-core';
import { isSavedModelError } from '../../src/errors.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { parameterNames } from '../../src/trace/param_names.js';
import { ConcreteFunction, Module, ops, TensorSpec, tfFunction, Variable } from '../../src/trace/index.js';
import { makeSignatureWrapper } from '../../src/savedmodel/writer_signatures.js';
import { runTraced } from './helpers.js';

beforeAll(() => ensureBackend());

describe('parameter names from the function source', () => {
  test.each([
    [(input: unknown) => input, ['input']],
    [(a: unknown, b: unknown) => [a, b], ['a', 'b']],
    [function named(x: unknown, y = 2) { return [x, y]; }, ['x', 'y']],
    [(first: unknown, { z }: { z: unknown }, ...rest: unknown[]) => [first, z, rest], ['first', undefined, 'rest']],
    [async (q: unknown) => q, ['q']],
  ])('%p', (fn, want) => {
    expect(parameterNames(fn as (...a: never[]) => unknown)).toEqual(want);
  });
  test('a single unparenthesised arrow parameter', () => {
    // eslint-disable-next-line no-new-func
    expect(parameterNames(new Function('return x => x * 2')() as (...a: never[]) => unknown)).toEqual(['x']);
  });
});

describe('tracing and caching', () => {
  test('one trace per input signature; eager calls run on tfjs and trace lazily', () => {
    let traces = 0;
    const f = tfFunction((x: tf.Tensor) => {
      traces++;
      return ops.mul(x, 2);
    });
    const r = f(tf.tensor1d([1, 2])) as tf.Tensor;
    expect(Array.from(r.dataSync())).toEqual([2, 4]);
    expect(traces).toBe(1); // the eager run itself
    const a = f.getConcreteFunction(new TensorSpec([2], 'float32'));
    const b = f.getConcreteFunction(new TensorSpec([2], 'float32'));
    expect(a).toBe(b);
    expect(traces).toBe(2);
    const c = f.getConcreteFunction(new TensorSpec([3], 'float32'));
    expect(c).not.toBe(a);
    f(tf.tensor1d([5, 6, 7, 8]));
    expect(f.concreteFunctions().length).toBe(3);
    expect(a.name).toMatch(/^__inference_<lambda>_\d+$/);
  });

  test('inputSignature fixes the trace and rejects incompatible arguments', () => {
    const f = tfFunction((x: tf.Tensor) => ops.add(x, 1), { inputSignature: [new TensorSpec([null, 2], 'float32')] });
    const cf = f.getConcreteFunction();
    expect(f.getConcreteFunction(tf.zeros([5, 2]))).toBe(cf);
    expect(cf.inputSpecs[0].shape).toEqual([null, 2]);
    expect(() => f(tf.zeros([2, 3]))).toThrow(/does not match the input signature/);
    let err: unknown;
    try {
      f(tf.zeros([2, 2], 'int32'));
    } catch (e) {
      err = e;
    }
    expect(isSavedModelError(err) && err.code).toBe('INVALID_ARGUMENT');
    expect((err as Error).message).toMatch(/input signature/);
  });

  test('input names: TensorSpec name, else parameter name, else input_N; output keys', () => {
    const f = tfFunction((images: tf.Tensor, ...rest: tf.Tensor[]) => ({ b: ops.identity(images), a: ops.identity(rest[0]) }));
    const cf = f.getConcreteFunction(new TensorSpec([], 'float32'), new TensorSpec([], 'float32', 'labels'));
    expect(cf.inputSpecs.map((s) => s.name)).toEqual(['images', 'labels']);
    const g = tfFunction((...xs: tf.Tensor[]) => xs[0]).getConcreteFunction(new TensorSpec([]), new TensorSpec([]));
    expect(g.inputSpecs.map((s) => s.name)).toEqual(['xs', 'input_1']);
    const w = makeSignatureWrapper('serving_default', cf);
    expect(w.wrapper.inputSpecs.map((s) => s.name)).toEqual(['images', 'labels']);
    expect(Object.keys(w.wrapper.structuredOutputs as object)).toEqual(['a', 'b']);
    const single = makeSignatureWrapper('k', tfFunction((x: tf.Tensor) => [ops.neg(x), ops.abs(x)]).getConcreteFunction(new TensorSpec([3])));
    expect(Object.keys(single.wrapper.structuredOutputs as object)).toEqual(['output_0', 'output_1']);
  });

  test('nested tfFunction calls record a PartitionedCall of the inner function', () => {
    const inner = tfFunction((x: tf.Tensor) => ops.add(x, 2));
    const outer = tfFunction((x: tf.Tensor) => ({ output: inner(ops.mul(x, 3)) }));
    const cf = outer.getConcreteFunction(new TensorSpec([], 'float32'));
    const call = cf.graph.operations.find((o) => o.type === 'PartitionedCall')!;
    expect(call).toBeDefined();
    expect(call.attrs.f.func!.name).toBe(inner.concreteFunctions()[0].name);
    const [y] = runTraced(cf, [tf.scalar(5)]);
    expect(y.dataSync()[0]).toBe(17);
  });

  test('variables: eager reads/assigns, traced ReadVariableOp/AssignVariableOp on captured handles', () => {
    const v = new Variable(tf.tensor1d([1, 2, 3]), { name: 'v' });
    const step = tfFunction((x: tf.Tensor) => {
      v.assign(ops.add(v, x));
      return v.value();
    });
    const out = step(tf.tensor1d([1, 1, 1])) as tf.Tensor;
    expect(Array.from(out.dataSync())).toEqual([2, 3, 4]);
    const cf = step.getConcreteFunction(new TensorSpec([3], 'float32'));
    expect(cf.variables).toEqual([v]);
    const types = cf.graph.operations.map((o) => o.type);
    expect(types).toEqual(expect.arrayContaining(['ReadVariableOp', 'AssignVariableOp', 'NoOp']));
    const assign = cf.graph.operations.find((o) => o.type === 'AssignVariableOp')!;
    const lastRead = cf.graph.operations.filter((o) => o.type === 'ReadVariableOp').pop()!;
    expect(lastRead.controlInputs).toContain(assign);
    expect(cf.graph.isStateful).toBe(true);
    const outer = tfFunction((x: tf.Tensor) => step(x)).getConcreteFunction(new TensorSpec([3], 'float32'));
    const call = outer.graph.operations.find((o) => o.type === 'StatefulPartitionedCall')!;
    expect(call.inputs.map((t) => t.dtype)).toEqual(['float32', 'resource']);
    expect(outer.variables).toEqual([v]);
    expect(() => v.assign(tf.zeros([2]))).toThrow(/shape \[2\]/);
  });

  test('ConcreteFunctions are callable and check their signature', () => {
    const cf = tfFunction((a: tf.Tensor, b: tf.Tensor) => ops.sub(a, b)).getConcreteFunction(new TensorSpec([2]), new TensorSpec([2]));
    expect(cf).toBeInstanceOf(ConcreteFunction);
    expect(Array.from((cf(tf.tensor1d([5, 5]), tf.tensor1d([1, 2])) as tf.Tensor).dataSync())).toEqual([4, 3]);
    expect(() => cf(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 2, 3]))).toThrow(/argument 'a' must match/);
  });

  test('a Promise-returning function cannot be traced', () => {
    const f = tfFunction(async (x: tf.Tensor) => x);
    expect(() => f.getConcreteFunction(new TensorSpec([]))).toThrow(/synchronous/);
  });
});

describe('Module', () => {
  test('tracks variables, submodules and functions in properties', () => {
    class Dense extends Module {
      kernel = new Variable(tf.ones([2, 3]), { name: 'kernel' });
      bias = new Variable(tf.zeros([3]), { name: 'bias', trainable: false });
    }
    const m = new Module('root') as Module & Record<string, unknown>;
    const d = new Dense();
    m.layers = [d, { extra: new Variable(1, { name: 'extra' }) }];
    m.same = d;
    expect(d.name).toBe('dense');
    expect(m.name).toBe('root');
    expect(m.variables.map((v) => v.name)).toEqual(['kernel', 'bias', 'extra']);
    expect(m.trainableVariables.map((v) => v.name)).toEqual(['kernel', 'extra']);
    expect(m.submodules).toEqual([d]);
    expect(Object.keys(m)).toEqual(['layers', 'same']);
  });
});
