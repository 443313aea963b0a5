import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader } from '../../src/bundle/index.js';
import { tensorflow } from '../../src/proto/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { assetPathsByTensor } from '../../src/savedmodel/graph_restore.js';
import { loadModel } from '../../src/savedmodel/loader.js';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { ops } from '../../src/trace/index.js';
import { Builder } from '../../src/v1/builder.js';
import { Graph } from '../../src/v1/graph.js';
import { load } from '../../src/v1/loader.js';
import { Session } from '../../src/v1/session.js';
import { predictSignatureDef } from '../../src/v1/signature_def_utils.js';
import { simpleSave } from '../../src/v1/simple_save.js';
import { fixture, tempDir, TF_VERSIONS, metaGraphs } from './fixtures.js';

beforeAll(() => ensureBackend());

const value = (t: tf.Tensor | null) => Array.from(t!.dataSync() as Float32Array);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;
const enc = (sig: tensorflow.SignatureDef.$Properties) => Buffer.from(tensorflow.SignatureDef.encode(sig).finish()).toString('hex');

function addTwo() {
  const graph = new Graph();
  const input = graph.placeholder('float32', []);
  const output = ops.add(input, 2, { name: 'add' });
  return { graph, input, output, sess: new Session(graph) };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('Builder', () => {
  test('the guide\'s add_two: same graph nodes and signature as TF wrote; loads back with 7.0', async () => {
    const { input, output, sess } = addTwo();
    expect(value(sess.run(output, new Map([[input, 3]])))).toEqual([5]);
    const dir = join(tmp.dir, 'saved-model-builder');
    const b = new Builder(dir);
    b.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: { serving_default: predictSignatureDef({ inputs: { input }, outputs: { output } }) } });
    expect(await b.save()).toBe(join(dir, 'saved_model.pb'));
    // TF writes an empty variables/ folder when there are no variables.
    expect(readdirSync(dir).sort()).toEqual(['saved_model.pb', 'variables']);
    expect(readdirSync(join(dir, 'variables'))).toEqual([]);
    const ours = (await metaGraphs(dir))[0];
    for (const v of TF_VERSIONS) {
      const theirs = (await metaGraphs(fixture(v, 'guide_builder')))[0];
      expect(enc(ours.signatureDef.serving_default)).toBe(enc(theirs.signatureDef.serving_default));
      expect(ours.graphDef.node.map((n: Node) => [n.name, n.op, n.input])).toEqual(theirs.graphDef.node.map((n: Node) => [n.name, n.op, n.input]));
      expect(ours.saverDef).toBeNull();
    }
    const s = new Session(new Graph());
    await load(s, ['serve'], dir);
    expect(value(s.run('add:0', { 'Placeholder:0': 5 }))).toEqual([7]);
    const m = await loadModel(dir);
    expect(value(m.signatures.serving_default({ input: 10 }).output)).toEqual([12]);
    m.dispose();
  });

  test('variables go through the graph\'s sharded Saver: keys, values, SaverDef as TF builds them', async () => {
    const g = new Graph();
    const x = g.placeholder('float32', [null], 'x');
    const v = g.variable([1.5, -2], { name: 'dense/kernel' });
    const r = g.variable(7, { name: 'step', dtype: 'int64', useResource: false, trainable: false });
    const y = ops.add(ops.mul(x, v), ops.cast(r, 'float32'), { name: 'y' });
    const sess = new Session(g);
    sess.run([v.initializer, r.initializer]);
    const dir = join(tmp.dir, 'm');
    const b = new Builder(dir);
    b.addMetaGraphAndVariables(sess, ['serve', 'gpu'], { signatureDefMap: { serving_default: predictSignatureDef({ inputs: { x }, outputs: { y } }) }, mainOp: v.assign([10, 20], { name: 'main' }) });
    // Values are captured when the meta graph is added.
    sess.run(v.assign([0, 0]));
    await b.save();
    const reader = await BundleReader.open(join(dir, 'variables', 'variables'));
    expect(reader.keys()).toEqual(['dense/kernel', 'step']);
    expect(Array.from((await reader.read('dense/kernel')).data as Float32Array)).toEqual([1.5, -2]);
    expect((await reader.read('step')).data).toEqual(new BigInt64Array([7n]));
    expect(readdirSync(join(dir, 'variables')).sort()).toEqual(['variables.data-00000-of-00001', 'variables.index']);
    const mg = (await metaGraphs(dir))[0];
    expect(mg.metaInfoDef.tags).toEqual(['serve', 'gpu']);
    expect(mg.saverDef).toMatchObject({ filenameTensorName: 'save/Const:0', saveTensorName: 'save/Identity:0', restoreOpName: 'save/restore_all', sharded: true, maxToKeep: 5, version: 2 });
    expect(Object.keys(mg.collectionDef).sort()).toEqual(['saved_model_main_op', 'trainable_variables', 'variables']);
    expect(mg.collectionDef.saved_model_main_op.nodeList.value).toEqual(['main']);
    // The sharded save nodes TF 2.15 builds (estimator fixture), in the same order.
    const saveNodes = mg.graphDef.node.filter((n: Node) => n.name.startsWith('save/')).map((n: Node) => n.name);
    const tfSaveNodes = (await metaGraphs(fixture('2.15.1', 'guide_estimator')))[0].graphDef.node.filter((n: Node) => n.name.startsWith('save/')).map((n: Node) => n.name);
    expect(saveNodes.filter((n: string) => !/Assign|Identity_/.test(n))).toEqual(tfSaveNodes.filter((n: string) => !/Assign|Identity_/.test(n)));
    // clearDevices drops the saver's /device:CPU:0 placements.
    const cleared = new Builder(join(tmp.dir, 'cleared'));
    cleared.addMetaGraphAndVariables(sess, ['serve'], { clearDevices: true });
    await cleared.save();
    expect(mg.graphDef.node.some((n: Node) => n.device)).toBe(true);
    expect((await metaGraphs(join(tmp.dir, 'cleared')))[0].graphDef.node.filter((n: Node) => n.device)).toEqual([]);
    // Loading restores, then runs the main op.
    const s = new Session(new Graph());
    await load(s, ['gpu', 'serve'], dir);
    expect(value(s.run('y:0', { 'x:0': [1, 1] }))).toEqual([17, 27]);
    const m = await loadModel(dir, { tags: ['serve', 'gpu'] });
    expect(value(m.signatures.serving_default({ x: [2, 0] }).y)).toEqual([27, 7]);
    m.dispose();
  });

  test('assets are copied, listed as AssetFileDefs in saved_model_assets, and resolved on load', async () => {
    const vocab = join(tmp.dir, 'vocab.txt');
    writeFileSync(vocab, 'a\nb\n');
    const { graph, input, output, sess } = addTwo();
    const asset = graph.asDefault(() => ops.constant(vocab, 'string', { name: 'asset_path' }));
    const dir = join(tmp.dir, 'with-assets');
    const b = new Builder(dir);
    b.addMetaGraphAndVariables(sess, ['serve'], { assetsCollection: [asset as never], signatureDefMap: { serving_default: predictSignatureDef({ inputs: { input }, outputs: { output } }) } });
    await b.save();
    expect(readFileSync(join(dir, 'assets', 'vocab.txt'), 'utf8')).toBe('a\nb\n');
    const mg = (await metaGraphs(dir))[0];
    const any = mg.collectionDef.saved_model_assets.anyList.value[0];
    expect(any.type_url).toBe('type.googleapis.com/tensorflow.AssetFileDef');
    const def = tensorflow.AssetFileDef.decode(any.value);
    expect([def.filename, def.tensorInfo?.name]).toEqual(['vocab.txt', 'asset_path:0']);
    // The loader feeds the asset tensor with the copy inside the model.
    expect(assetPathsByTensor(mg, dir)).toEqual(new Map([['asset_path:0', join(dir, 'assets', 'vocab.txt')]]));
  });

  test('text output, several meta graphs, and TF\'s errors', async () => {
    const { graph, input, output, sess } = addTwo();
    graph.variable(1, { name: 'v' });
    sess.run(graph.globalVariables()[0].initializer);
    const sig = { serving_default: predictSignatureDef({ inputs: { input }, outputs: { output } }) };
    const b = new Builder(join(tmp.dir, 't'));
    expect(() => b.addMetaGraph(['x'])).toThrow(/has not been saved yet/);
    expect(() => b.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: { __saved_model_init_op: sig.serving_default } })).toThrow(/is reserved for initialization/);
    expect(() => b.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: { s: { inputs: { a: { name: 'Placeholder:0' } } } } })).toThrow(/must have the dtype field set/);
    b.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: sig });
    expect(() => b.addMetaGraphAndVariables(sess, ['serve'])).toThrow(/already been saved/);
    b.addMetaGraph(['train'], { signatureDefMap: sig });
    expect(await b.save({ asText: true })).toBe(join(tmp.dir, 't', 'saved_model.pbtxt'));
    const sm = await readSavedModel(join(tmp.dir, 't'));
    expect(sm.metaGraphs.map((m) => [m.metaInfoDef?.tags, m.saverDef?.restoreOpName])).toEqual([[['serve'], 'save/restore_all'], [['train'], 'save_1/restore_all']]);
    for (const tags of [['serve'], ['train']]) {
      const m = await loadModel(join(tmp.dir, 't'), { tags });
      expect(value(m.signatures.serving_default({ input: 1 }).output)).toEqual([3]);
      m.dispose();
    }
    await expect(b.save()).rejects.toThrow(/already written/);
    const again = new Builder(join(tmp.dir, 't'));
    again.addMetaGraphAndVariables(sess, ['serve']);
    await expect(again.save()).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining("Export directory already exists, and isn't empty") });
    expect(readdirSync(tmp.dir).filter((n: Node) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('simpleSave', () => {
  test.each(TF_VERSIONS)('writes what TF %s\'s simple_save wrote for the guide (signature, nodes), devices cleared', async (v) => {
    const { input, output, sess } = addTwo();
    const dir = join(tmp.dir, 'simple-save');
    await simpleSave(sess, dir, { input }, { output });
    const ours = (await metaGraphs(dir))[0];
    const theirs = (await metaGraphs(fixture(v, 'guide_simple_save')))[0];
    expect(enc(ours.signatureDef.serving_default)).toBe(enc(theirs.signatureDef.serving_default));
    expect(ours.graphDef.node.map((n: Node) => [n.name, n.op, n.input, n.device])).toEqual(theirs.graphDef.node.map((n: Node) => [n.name, n.op, n.input, n.device]));
    expect(ours.metaInfoDef.tags).toEqual(['serve']);
    const m = await loadModel(dir);
    expect(value(m.signatures.serving_default({ input: 5 }).output)).toEqual([7]);
    m.dispose();
    expect(existsSync(join(dir, 'variables'))).toBe(true);
  });
});
