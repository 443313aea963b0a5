/**
 * Direction B, re-export: `saveModel(await loadModel(d), d2)` on SavedModels TensorFlow wrote
 * (the committed direction-A fixtures of the pinned 2.15.1 oracle). TensorFlow loads the copy and
 * must compute, for every golden call, what it computed on its own original (golden.json), and
 * see the same variables through the object graph.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Golden } from '../../test/interop/golden.js';
import { exportAt, type Check, type WriteCase } from './case.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tf-generated', '2.15.1');
/** TF1 Builder, TF2 module, Keras, control flow, tables/assets, many dtypes, parsing. */
const MODELS = ['guide_builder', 'guide_tf2_module', 'guide_dense_layer', 'keras_mlp', 'keras_cnn', 'module_control_flow', 'vocab_asset', 'dtypes_io', 'example_parsing_v1'];

type LoadModel = (dir: string) => Promise<{ dispose(): void }>;
type SaveModel = (m: unknown, dir: string) => Promise<void>;

function reexportCase(model: string): WriteCase {
  return {
    name: `reexport_${model}`,
    path: `saveModel(await loadModel(d)) of TF 2.15.1's ${model}`,
    needs: ['loadModel', 'saveModel'],
    async write(dir) {
      const src = join(FIXTURES, model);
      const golden = JSON.parse(readFileSync(join(src, 'golden.json'), 'utf8')) as Golden;
      const loaded = await (exportAt('loadModel') as LoadModel)(src);
      try {
        await (exportAt('saveModel') as SaveModel)(loaded, join(dir, 'copy'));
      } finally {
        loaded.dispose();
      }
      const checks: Check[] = (golden.calls ?? []).map((c) => ({
        type: 'tf2_signature', dir: 'copy', signature: c.signature, inputs: c.inputs, outputs: c.outputs, rtol: golden.rtol,
      }));
      for (const o of golden.object_values ?? []) checks.push({ type: 'tf2_object_value', dir: 'copy', path: o.path, value: o.value });
      return checks;
    },
  };
}

/** The re-export cases. */
export const reexportCases: WriteCase[] = MODELS.map(reexportCase);
