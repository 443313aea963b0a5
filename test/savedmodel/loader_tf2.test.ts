/** loadModel on TF2 SavedModels: signatures, the restored object graph, shared state. */
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { RestoredAsset, RestoredVariable, loadModel, type LoadedModel } from '../../src/index.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';
import { editedCopy, examples, leakedBy, take, values } from './loader_helpers.js';
import { tensorflow } from '../../src/proto/index.js';

const load = (name: string): Promise<LoadedModel> => loadModel(join(FIXTURES_TF, name));
type Fn = (...args: unknown[]) => unknown;

describeWithFixtures('loadModel: TF2 models', () => {
  test('times_three_float: signature, __call__, and mutate() changing what both compute', async () => {
    const m = await load('times_three_float');
    const v = m.v as RestoredVariable;
    expect(v).toBeInstanceOf(RestoredVariable);
    expect([v.name, v.dtype, v.shape, take(v.value())]).toEqual(['Variable', 'float32', [], 3]);
    expect(values(m.signatures.serving_default({ x: tf.scalar(123.5) }))).toEqual({ output_0: 370.5 });
    expect(take((m.__call__ as Fn)(tf.scalar(2)))).toBe(6);
    expect((m.mutate as Fn)(tf.scalar(5))).toBeNull();
    expect(values(m.signatures.serving_default({ x: 2 }))).toEqual({ output_0: 10 });
    v.assign(4);
    expect(take((m.__call__ as Fn)(2))).toBe(8);
    const x = tf.scalar(1);
    expect(leakedBy(() => tf.dispose([...Object.values(m.signatures.serving_default(x)), (m.__call__ as Fn)(x) as tf.Tensor]))).toBe(0);
    x.dispose();
    m.dispose();
  });

  test('times_two_int: int32 in and out', async () => {
    const m = await load('times_two_int');
    const out = m.signatures.serving_default({ x: tf.scalar(123, 'int32') }).output_0;
    expect([out.dtype, take(out)]).toEqual(['int32', 246]);
    m.dispose();
  });

  test('module_with_multiple_signatures: two signatures on one module', async () => {
    const m = await load('module_with_multiple_signatures');
    expect(Object.keys(m.signatures).sort()).toEqual(['serving_default', 'timestwo']);
    expect(values(m.signatures.serving_default({ x: 3 }))).toEqual({ output_0: 9 });
    expect(values(m.signatures.timestwo({ x: 3 }))).toEqual({ output_0: 6 });
    m.dispose();
  });

  test('model_single_input_multi_output and model_multi_output: outputs keyed by name', async () => {
    const a = await load('model_single_input_multi_output');
    expect(values(a.signatures.serving_default(tf.scalar(4, 'int32')))).toEqual({ output_0: 8, output_1: 4 });
    a.dispose();
    const b = await load('model_multi_output');
    expect(values(b.signatures.serving_default({ x: tf.scalar(4, 'int32'), y: tf.scalar(7, 'int32') }))).toEqual({ output_0: 8, output_1: 7 });
    b.dispose();
  });

  test('int64_multiply and uint8_multiply: int64 and uint8 inputs carried as int32', async () => {
    const a = await load('int64_multiply');
    expect(a.signatures.serving_default.inputs.x.dtype).toBe('int64');
    const y = a.signatures.serving_default({ x: tf.tensor1d([3, 4], 'int32') }).output_0;
    expect([y.dtype, a.signatures.serving_default.outputs.output_0.dtype, take(y)]).toEqual(['int32', 'int64', [18, 24]]);
    expect(() => a.signatures.serving_default({ x: [3, 2 ** 40] })).toThrow(/out of range for int64/);
    a.dispose();
    const b = await load('uint8_multiply');
    expect(b.signatures.serving_default.inputs.x.dtype).toBe('uint8');
    expect(values(b.signatures.serving_default({ x: [3] }))).toEqual({ output_0: [18] });
    expect(() => b.signatures.serving_default({ x: [256] })).toThrow(/256 is out of range for uint8/);
    b.dispose();
  });

  test('half_plus_two_v2: restored variables, functions, asset, tf.Example signatures', async () => {
    const m = await load('half_plus_two_v2');
    expect(['a', 'b', 'c'].map((k) => take((m[k] as RestoredVariable).value()))).toEqual([0.5, 2, 3]);
    const asset = m.asset as RestoredAsset;
    expect(asset).toBeInstanceOf(RestoredAsset);
    expect(asset.assetPath).toBe(join(FIXTURES_TF, 'half_plus_two_v2', 'assets', 'foo.txt'));
    const predict = (...args: unknown[]): unknown => values((m.predict as Fn)(...args) as Record<string, tf.Tensor>);
    expect(predict(tf.tensor1d([4]))).toEqual({ y: [4] });
    expect(predict()).toEqual({ y: [2] }); // the Python default x = [0.0]
    expect(values(m.signatures.serving_default({ x: [1] }))).toEqual({ y: [2.5] });
    expect(values(m.signatures.serving_default({}))).toEqual({ y: [2] }); // SignatureDef default
    const ex = examples([{ x: [1] }, { x: [3], x2: [4] }]);
    expect(values(m.signatures.classify_x_to_y({ inputs: ex }))).toEqual({ scores: [[2.5], [3.5]] });
    expect(values(m.signatures.regress_x_to_y2({ inputs: ex }))).toEqual({ outputs: [[3.5], [4.5]] });
    ex.dispose();
    expect(values(m.signatures.regress_x2_to_y3({ inputs: [4] }))).toEqual({ outputs: [5] });
    // state is shared between attributes, functions and signatures
    (m.a as RestoredVariable).assign(2);
    expect(values(m.signatures.serving_default({ x: [1] }))).toEqual({ y: [4] });
    expect(predict([1])).toEqual({ y: [4] });
    m.dispose();
  });

  test('restored functions pick the concrete function matching the arguments, or explain', async () => {
    const m = await load('half_plus_two_v2');
    expect(() => (m.predict as Fn)(tf.tensor1d([1, 2]))).toThrow(/could not find a matching concrete function to call model\.predict[^]*shape \(2,\) does not fit \(1,\)/);
    expect(() => (m.predict as Fn)(tf.tensor1d([1], 'int32'))).toThrow(/expects float32/);
    expect(() => (m.predict as Fn)([1], [2])).toThrow(/takes 1 argument\(s\) \(x\), got 2/);
    m.dispose();
  });

  test('a TF2 signature that is no function call runs on the graph, sharing state with the object graph', async () => {
    const files = ['variables/variables.index', 'variables/variables.data-00000-of-00001', 'assets/foo.txt'];
    const fs = await editedCopy('half_plus_two_v2', files, (sm) => {
      sm.metaGraphs[0].signatureDef!.read_a = tensorflow.SignatureDef.create({
        outputs: { a: { name: 'a/Read/ReadVariableOp:0', dtype: tensorflow.DataType.DT_FLOAT, tensorShape: {} } },
        methodName: 'tensorflow/serving/predict',
      });
    });
    const m = await loadModel('/m', { fs });
    expect(values(m.signatures.read_a())).toEqual({ a: 0.5 });
    (m.a as RestoredVariable).assign(7);
    expect(values(m.signatures.read_a())).toEqual({ a: 7 });
    expect(values(m.signatures.serving_default({ x: [2] }))).toEqual({ y: [16] });
    m.dispose();
  });

  test('dispose frees every tensor of a TF2 model (variables, defaults, asset paths, tables)', async () => {
    const before = tf.memory().numTensors;
    for (const dir of [join(FIXTURES_TF, 'half_plus_two_v2'), join(__dirname, '..', 'fixtures', 'tf-generated', '2.21.0', 'vocab_asset')]) {
      const m = await loadModel(dir);
      for (const sig of Object.values(m.signatures)) {
        const inputs = Object.fromEntries(Object.entries(sig.inputs).map(([k, info]) => [k, info.dtype === 'string' ? ['a'] : [1]]));
        try {
          tf.dispose(Object.values(sig(inputs)));
        } catch {
          // a tf.Example signature fed 'a' fails to parse; only the bookkeeping matters here
        }
      }
      m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
