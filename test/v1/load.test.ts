import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Graph } from '../../src/v1/graph.js';
import { load } from '../../src/v1/loader.js';
import { Session } from '../../src/v1/session.js';
import { fixture, versionsWith } from './fixtures.js';

beforeAll(() => ensureBackend());

interface GoldenTensor { dtype: string; shape: number[]; values: (number | string)[]; encoding?: string }
interface Call { signature: string; inputs: Record<string, GoldenTensor>; outputs: Record<string, GoldenTensor> }

function tensorOf(g: GoldenTensor): tf.Tensor {
  if (g.dtype === 'string') {
    const items = g.values.map((v) => (g.encoding === 'base64' ? new Uint8Array(Buffer.from(String(v), 'base64')) : new TextEncoder().encode(String(v))));
    return tf.tensor(items, g.shape, 'string');
  }
  return tf.tensor(g.values.map(Number), g.shape, g.dtype === 'float32' ? 'float32' : 'int32');
}

const CASES: Array<[string, (c: Call) => boolean]> = [
  ['guide_builder', () => true],
  ['guide_simple_save', () => true],
  ['guide_estimator', () => true],
  ['example_parsing_v1', () => true],
  ['guide_tf2_module', () => true],
];

describe('v1.savedModel.load on TensorFlow-written SavedModels', () => {
  for (const [model, wanted] of CASES) {
    for (const v of versionsWith(model)) {
      test(`${v}/${model}: Session.run by the signatures' tensor names gives TF's outputs`, async () => {
        const dir = fixture(v, model);
        const golden = JSON.parse(readFileSync(join(dir, 'golden.json'), 'utf8')) as { calls: Call[] };
        const sess = new Session(new Graph());
        const mg = await load(sess, ['serve'], dir);
        let checked = 0;
        for (const call of golden.calls.filter(wanted)) {
          const sig = mg.signatureDef![call.signature];
          const feeds = Object.fromEntries(Object.entries(call.inputs).map(([k, t]) => [sig.inputs![k].name!, tensorOf(t)]));
          const keys = Object.keys(call.outputs);
          const out = sess.run(keys.map((k) => sig.outputs![k].name!), feeds) as tf.Tensor[];
          keys.forEach((k, i) => {
            const want = call.outputs[k];
            expect(out[i].shape).toEqual(want.shape);
            if (want.dtype === 'string') expect(Array.from(out[i].dataSync() as unknown as string[])).toEqual(want.values);
            else Array.from(out[i].dataSync()).forEach((x, j) => expect(x).toBeCloseTo(Number(want.values[j]), 4));
          });
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
        sess.close();
      });
    }
  }

  test('errors: unknown tags list the available ones; importing twice into one graph is refused', async () => {
    const dir = fixture('2.15.1', 'guide_builder');
    const sess = new Session(new Graph());
    await expect(load(sess, ['train'], dir)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining("{'serve'}") });
    await load(sess, ['serve'], dir);
    await expect(load(sess, ['serve'], dir)).rejects.toThrow(/already has an operation named 'Placeholder'/);
  });
});
