import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader } from '../../src/bundle/index.js';
import { tensorflow } from '../../src/proto/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { ops, TensorSpec } from '../../src/trace/index.js';
import { Graph } from '../../src/v1/graph.js';
import { readMetaGraphFile } from '../../src/v1/meta_graph_file.js';
import { Session } from '../../src/v1/session.js';
import { importMetaGraph, latestCheckpoint, Saver } from '../../src/v1/train.js';
import { wrapFunction } from '../../src/v1/wrap_function.js';
import { fixture, tempDir, TF_VERSIONS } from './fixtures.js';

beforeAll(() => ensureBackend());

const value = (t: unknown) => Array.from((t as tf.Tensor).dataSync() as Float32Array);

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** The guide's multiply graph: x * v with v = 3. */
function multiply() {
  const g = new Graph();
  const x = g.placeholder('float32', [], 'x');
  const v = g.variable(3.0, { name: 'v' });
  const y = ops.mul(x, v, { name: 'y' });
  const sess = new Session(g);
  sess.run(v.initializer);
  return { g, x, v, y, sess };
}

describe('Saver', () => {
  test.each(TF_VERSIONS)('the guide\'s multiply graph: the save subgraph and SaverDef TF %s exported, node for node', async (ver) => {
    const { g } = multiply();
    const saver = new Saver({ graph: g });
    const ours = saver.metaGraphDef();
    const theirs = await readMetaGraphFile(join(fixture(ver, 'guide_meta_graph'), 'multiply.meta'));
    const shape = (nodes: readonly { name?: string | null; op?: string | null; input?: string[] | null; device?: string | null }[] | null | undefined) => (nodes ?? []).map((n) => `${n.name} ${n.op} ${(n.input ?? []).join(',')} ${n.device ?? ''}`);
    expect(shape(ours.graphDef?.node)).toEqual(shape(theirs.graphDef?.node));
    expect(tensorflow.SaverDef.encode(ours.saverDef!).finish()).toEqual(tensorflow.SaverDef.encode(theirs.saverDef!).finish());
    expect(Object.keys(ours.collectionDef)).toEqual(Object.keys(theirs.collectionDef));
    // stripped_op_list: TensorFlow 2.15's OpDefs of the ops used, as TF 2.15 wrote them.
    const opList = (mg: typeof ours) => tensorflow.OpList.encode(mg.metaInfoDef!.strippedOpList!).finish();
    expect(ours.metaInfoDef!.strippedOpList!.op!.map((o) => o.name)).toEqual(theirs.metaInfoDef!.strippedOpList!.op!.map((o) => o.name));
    if (ver === '2.15.1') expect(Buffer.from(opList(ours)).equals(Buffer.from(opList(theirs)))).toBe(true);
    expect(ours.collectionDef.variables.bytesList?.value).toEqual(theirs.collectionDef.variables.bytesList?.value);
  });

  test('save writes the V2 checkpoint, the state file TF writes, and the .meta; restore brings values back', async () => {
    const { g, v, y, sess } = multiply();
    const saver = new Saver({ graph: g });
    const prefix = join(tmp.dir, 'multiply_values.ckpt');
    expect(await saver.save(sess, prefix)).toBe(prefix);
    expect(readdirSync(tmp.dir).sort()).toEqual(['checkpoint', 'multiply_values.ckpt.data-00000-of-00001', 'multiply_values.ckpt.index', 'multiply_values.ckpt.meta']);
    expect(readFileSync(join(tmp.dir, 'checkpoint'), 'utf8')).toBe(`model_checkpoint_path: "${prefix}"\nall_model_checkpoint_paths: "${prefix}"\n`);
    const reader = await BundleReader.open(prefix);
    expect(reader.keys()).toEqual(['v']);
    expect(Array.from((await reader.read('v')).data as Float32Array)).toEqual([3]);
    // The index and data bytes are TF's own for the same variable (its checkpoint of v = 3.0).
    for (const ver of TF_VERSIONS) {
      const tfPrefix = join(fixture(ver, 'guide_meta_graph'), 'multiply_values.ckpt');
      expect(readFileSync(`${prefix}.data-00000-of-00001`)).toEqual(readFileSync(`${tfPrefix}.data-00000-of-00001`));
      expect(readFileSync(`${prefix}.index`)).toEqual(readFileSync(`${tfPrefix}.index`));
    }
    sess.run(v.assign(100));
    expect(value(sess.run(y, { 'x:0': 5 }))).toEqual([500]);
    await saver.restore(sess, prefix);
    expect(value(sess.run(y, { 'x:0': 5 }))).toEqual([15]);
    expect(await latestCheckpoint(tmp.dir)).toBe(prefix);
    await expect(saver.restore(sess, join(tmp.dir, 'missing'))).rejects.toThrow(/not a valid checkpoint/);
    await expect(saver.save(sess, join(tmp.dir, 'no', 'such', 'dir', 'ckpt'))).rejects.toThrow(/Parent directory of .* doesn't exist, can't save/);
  });

  test('max_to_keep deletes the oldest checkpoints; global steps name them', async () => {
    const { g, v, sess } = multiply();
    const saver = new Saver({ graph: g, maxToKeep: 2 });
    const prefix = join(tmp.dir, 'model.ckpt');
    for (let step = 1; step <= 4; step++) {
      sess.run(v.assign(step));
      expect(await saver.save(sess, prefix, { globalStep: step, writeMetaGraph: step === 4 })).toBe(`${prefix}-${step}`);
    }
    expect(readdirSync(tmp.dir).sort()).toEqual([
      'checkpoint', 'model.ckpt-3.data-00000-of-00001', 'model.ckpt-3.index', 'model.ckpt-4.data-00000-of-00001', 'model.ckpt-4.index', 'model.ckpt-4.meta',
    ]);
    expect(saver.lastCheckpoints).toEqual([`${prefix}-3`, `${prefix}-4`]);
    expect(await latestCheckpoint(tmp.dir)).toBe(`${prefix}-4`);
    const restored = new Session(g);
    await saver.restore(restored, `${prefix}-3`);
    expect(value(restored.run(v))).toEqual([3]);
  });

  test('reference variables, int64 and string dtypes, explicit keys', async () => {
    const g = new Graph();
    const a = g.variable([[1, 2], [3, 4]], { name: 'a', useResource: false });
    const n = g.variable(tf.tensor1d([5, 6], 'int32'), { name: 'n', dtype: 'int64' });
    const s = g.variable(tf.tensor1d(['x', 'yz'], 'string'), { name: 's', useResource: false });
    const sess = new Session(g);
    sess.run([a.initializer, n.initializer, s.initializer]);
    const saver = new Saver({ varList: { 'layer/a': a, steps: n, words: s } });
    const prefix = join(tmp.dir, 'c');
    await saver.save(sess, prefix, { writeState: false });
    expect(existsSync(join(tmp.dir, 'checkpoint'))).toBe(false);
    const reader = await BundleReader.open(prefix);
    expect(reader.keys()).toEqual(['layer/a', 'steps', 'words']);
    expect((await reader.read('steps')).data).toEqual(new BigInt64Array([5n, 6n]));
    expect((await reader.read('words')).data).toEqual([new TextEncoder().encode('x'), new TextEncoder().encode('yz')]);
    sess.run([a.assign([[0, 0], [0, 0]]), n.assign(tf.tensor1d([0, 0], 'int32'))]);
    await saver.restore(sess, prefix);
    expect(value(sess.run(a))).toEqual([1, 2, 3, 4]);
    expect(Array.from(sess.run(n).dataSync())).toEqual([5, 6]);
    expect(() => new Saver({ graph: new Graph() })).toThrow('No variables to save');
  });
});

describe('importMetaGraph', () => {
  test.each(TF_VERSIONS)('imports the text meta graph TF %s exported and restores its checkpoint: 15.0', async (ver) => {
    const dir = fixture(ver, 'guide_meta_graph');
    const g = new Graph();
    const saver = await importMetaGraph(join(dir, 'multiply.pb'), { graph: g });
    const sess = new Session(g);
    await saver!.restore(sess, join(dir, 'multiply_values.ckpt'));
    expect(value(sess.run(g.getTensorByName('y:0'), new Map([[g.getTensorByName('x:0'), 5]])))).toEqual([15]);
    expect(g.globalVariables().map((v) => v.name)).toEqual(['v:0']);
    expect(g.trainableVariables()[0]).toBe(g.globalVariables()[0]);
  });

  test('our own export imports back (text and binary), with a scope', async () => {
    const { g, sess } = multiply();
    const saver = new Saver({ graph: g });
    await saver.exportMetaGraph(join(tmp.dir, 'm.pbtxt'), { asText: true });
    await saver.save(sess, join(tmp.dir, 'ckpt'));
    for (const file of ['m.pbtxt', 'ckpt.meta']) {
      const g2 = new Graph();
      const s = await importMetaGraph(join(tmp.dir, file), { graph: g2, importScope: 'imported' });
      const sess2 = new Session(g2);
      await s!.restore(sess2, join(tmp.dir, 'ckpt'));
      expect(value(sess2.run('imported/y:0', { 'imported/x:0': 2 }))).toEqual([6]);
    }
    const empty = new Graph();
    empty.placeholder('float32', [], 'x');
    const mg = new Saver({ graph: empty, allowEmpty: true }).metaGraphDef();
    expect(mg.saverDef).toBeNull();
    expect(await importMetaGraph(mg, { graph: new Graph() })).toBeNull();
  });
});

describe('wrapFunction', () => {
  test.each(TF_VERSIONS)('the guide\'s wrap_function story on TF %s\'s files: import, restore(null), prune → 15.0', async (ver) => {
    const dir = fixture(ver, 'guide_meta_graph');
    const wrapped = await wrapFunction(() => importMetaGraph(join(dir, 'multiply.pb')), []);
    const x = wrapped.graph.getTensorByName('x:0');
    const y = wrapped.graph.getTensorByName('y:0');
    await new Saver({ varList: wrapped.variables }).restore(null, join(dir, 'multiply_values.ckpt'));
    const multiplyFn = wrapped.prune(x, y);
    expect(value(multiplyFn(tf.scalar(5)))).toEqual([15]);
    expect(value(wrapped.prune(['x:0'], { out: 'y:0' })(tf.scalar(2)) && (wrapped.prune(['x:0'], { out: 'y:0' })(2) as { out: tf.Tensor }).out)).toEqual([6]);
    wrapped.dispose();
  });

  test('a wrapped function with a signature and its own variables', async () => {
    const w = await wrapFunction((g, a, b) => {
      const k = g.variable(2, { name: 'k' });
      return { sum: ops.add(a, b), scaled: ops.mul(a, k) };
    }, [new TensorSpec([2], 'float32'), new TensorSpec([2], 'float32')]);
    const out = w([1, 2], [10, 20]) as { sum: tf.Tensor; scaled: tf.Tensor };
    expect(value(out.sum)).toEqual([11, 22]);
    expect(value(out.scaled)).toEqual([2, 4]);
    expect(w.inputs.map((t) => t.name)).toEqual(['Placeholder:0', 'Placeholder_1:0']);
    expect(() => w([1, 2])).toThrow(/takes 2 input/);
    expect(w.variables.map((v) => v.name)).toEqual(['k:0']);
    await expect(new Saver({ graph: new Graph(), allowEmpty: true }).restore(null, join(tmp.dir, 'x'))).rejects.toThrow(/needs a Session/);
  });
});
