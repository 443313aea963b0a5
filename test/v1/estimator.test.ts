import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader } from '../../src/bundle/index.js';
import { tensorflow } from '../../src/proto/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { loadModel } from '../../src/savedmodel/loader.js';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { ops } from '../../src/trace/index.js';
import {
  buildParsingServingInputReceiver,
  buildRawServingInputReceiver,
  ClassificationOutput,
  exportSavedModel,
  fixedLenFeature,
  PredictOutput,
  RegressionOutput,
} from '../../src/v1/estimator/index.js';
import { Graph } from '../../src/v1/graph.js';
import { Session } from '../../src/v1/session.js';
import { fixture, tempDir, metaGraphs } from './fixtures.js';

beforeAll(() => ensureBackend());

const value = (t: tf.Tensor) => Array.from(t.dataSync() as Float32Array);
const enc = (sig: tensorflow.SignatureDef.$Properties) => Buffer.from(tensorflow.SignatureDef.encode(sig).finish()).toString('hex');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** Serialized tf.Examples of the example_parsing_v1 golden (x = 1, 4, -6). */
function goldenExamples(): Uint8Array[] {
  const g = JSON.parse(readFileSync(join(fixture('2.15.1', 'example_parsing_v1'), 'golden.json'), 'utf8'));
  return (g.calls[1].inputs.inputs.values as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64')));
}

describe('exportSavedModel', () => {
  test('the guide\'s estimator export: the signature, global step, main op and saver TF 2.15 wrote', async () => {
    const graph = new Graph();
    const { features, receiverTensors } = buildRawServingInputReceiver(graph, { input: { dtype: 'float32', shape: [] } });
    const output = ops.add((features as Record<string, never>).input, 2, { name: 'add' });
    const dir = join(tmp.dir, 'estimator-model');
    await exportSavedModel(dir, { servingInputReceiver: { features, receiverTensors }, exportOutputs: { serving_default: new PredictOutput({ output }) } });
    const ours = (await metaGraphs(dir))[0];
    const theirs = (await metaGraphs(fixture('2.15.1', 'guide_estimator')))[0];
    expect(Object.keys(ours.signatureDef)).toEqual(['serving_default']);
    expect(enc(ours.signatureDef.serving_default)).toBe(enc(theirs.signatureDef.serving_default));
    expect(ours.collectionDef.global_step.bytesList.value).toEqual(theirs.collectionDef.global_step.bytesList.value);
    expect(ours.collectionDef.saved_model_main_op.nodeList.value).toEqual(['group_deps']);
    const node = (mg: typeof ours, name: string) => mg.graphDef.node.find((n: { name: string }) => n.name === name)!;
    for (const name of ['group_deps', 'global_step/Initializer/zeros', 'global_step', 'save/Identity', 'save/restore_all']) {
      expect([node(ours, name).op, node(ours, name).input]).toEqual([node(theirs, name).op, node(theirs, name).input]);
    }
    expect(tensorflow.SaverDef.encode(ours.saverDef!).finish()).toEqual(tensorflow.SaverDef.encode(theirs.saverDef!).finish());
    const reader = await BundleReader.open(join(dir, 'variables', 'variables'));
    expect(reader.keys()).toEqual(['global_step']);
    expect((await reader.read('global_step')).data).toEqual(new BigInt64Array([0n]));
    const m = await loadModel(dir);
    expect(value(m.signatures.serving_default({ input: [5, 10, -1, 0.25] }).output)).toEqual([7, 12, 1, 2.25]);
    m.dispose();
  });

  test('a tf.Example-parsing receiver: classify, regress and predict signatures compute what TF computed', async () => {
    const graph = new Graph();
    const recv = buildParsingServingInputReceiver(graph, { x: fixedLenFeature([1], 'float32'), x2: fixedLenFeature([1], 'float32', 0) });
    const f = recv.features as Record<string, never>;
    const a = graph.variable(0, { name: 'a' });
    const b = graph.variable(2, { name: 'b' });
    const y = ops.add(ops.mul(a, f.x), b, { name: 'y' });
    const scores = ops.sigmoid(y, { name: 'scores' });
    const excluded: Record<string, string>[] = [];
    const dir = join(tmp.dir, 'parsing');
    await exportSavedModel(dir, {
      servingInputReceiver: recv,
      exportOutputs: {
        serving_default: new ClassificationOutput({ scores }),
        regress: new RegressionOutput(y),
        predict: new PredictOutput({ y, x2: f.x2 }),
      },
      variables: { a: 0.5 },
      onExcluded: (e) => excluded.push(e),
    });
    expect(excluded).toEqual([]);
    const mg = (await metaGraphs(dir))[0];
    expect(Object.fromEntries(Object.entries(mg.signatureDef).map(([k, s]) => [k, (s as { methodName: string }).methodName]))).toEqual({
      predict: 'tensorflow/serving/predict', regress: 'tensorflow/serving/regress', serving_default: 'tensorflow/serving/classify',
    });
    expect(mg.signatureDef.serving_default.inputs.inputs.name).toBe('input_example_tensor:0');
    const m = await loadModel(dir);
    const examples = tf.tensor(goldenExamples(), [3], 'string');
    // TF's sigmoid(0.5 x + 2) for x = 1, 4, -6 (the example_parsing_v1 golden scores).
    const s = value(m.signatures.serving_default({ inputs: examples }).scores);
    [0.9241418242454529, 0.9820137619972229, 0.2689414322376251].forEach((want, i) => expect(s[i]).toBeCloseTo(want, 6));
    expect(value(m.signatures.regress({ inputs: examples }).outputs)).toEqual([2.5, 4, -1]);
    expect(value(m.signatures.predict({ examples }).x2)).toEqual([0, 2, -1]);
    m.dispose();
  });

  test('signatures that cannot be served are left out with TF\'s reason; the default-key rule', async () => {
    const graph = new Graph();
    const recv = buildRawServingInputReceiver(graph, { x: { dtype: 'float32', shape: [null, 2] } });
    const x = (recv.features as Record<string, never>).x;
    const y = ops.mul(x, 2, { name: 'y' });
    const excluded: Record<string, string>[] = [];
    const dir = join(tmp.dir, 'e');
    const sess = new Session(graph);
    await exportSavedModel(dir, { servingInputReceiver: recv, exportOutputs: { serving_default: new PredictOutput(y), reg: new RegressionOutput(y) }, variables: sess, onExcluded: (e) => excluded.push(e) });
    expect(Object.keys(excluded[0])).toEqual(['reg']);
    expect(excluded[0].reg).toMatch(/^Regression signatures can only accept a single tensor input of type tf.string/);
    expect(Object.keys((await metaGraphs(dir))[0].signatureDef)).toEqual(['serving_default']);
    expect((await metaGraphs(dir))[0].signatureDef.serving_default.outputs.output.name).toBe('y:0');
    await expect(exportSavedModel(join(tmp.dir, 'f'), { servingInputReceiver: recv, exportOutputs: { a: new PredictOutput(y), b: new PredictOutput(y) } }))
      .rejects.toThrow(/none of them is specified as the default/);
    expect(() => new ClassificationOutput({})).toThrow(/At least one of `scores` and `classes`/);
    expect(() => new RegressionOutput(graph.placeholder('int32', []))).toThrow(/must be a float32 Tensor/);
  });
});
