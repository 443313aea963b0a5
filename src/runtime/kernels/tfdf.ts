/**
 * Kernels: TensorFlow Decision Forests (definitions: src/graph/ops/tfdf.ts). The model resource
 * holds a Yggdrasil forest loaded from the SavedModel's assets through the executor's FileSystem
 * (async); inference walks the trees on the host (src/runtime/ydf/).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import type { Resource } from '../resources.js';
import { ResourceHandle, expectHandle, type Value } from '../values.js';
import { loadYdfModel, Task, type YdfModel } from '../ydf/model.js';
import { featureLayout, outputDim, predict, type FeatureLayout } from '../ydf/predict.js';
import { hostStrings } from './host.js';

/** A TF-DF model resource: empty until the load op ran. */
export class YdfModelResource implements Resource {
  model?: YdfModel;
  layout?: FeatureLayout;

  dispose(): void {
    this.model = undefined;
  }
}

function resource(v: tf.Tensor, ctx: KernelContext): YdfModelResource {
  const h = expectHandle(v as Value, `node '${ctx.node}' model_handle`);
  const r = ctx.runtime.resources.get(h);
  if (!(r instanceof YdfModelResource)) throw ctx.error('NOT_FOUND', `decision forest resource '${h.name}' does not exist (run its SimpleMLCreateModelResource first)`);
  return r;
}

function create(ctx: KernelContext): ResourceHandle {
  const h = ctx.memo(() => new ResourceHandle('simple_ml_model', ctx.str('container'), ctx.str('shared_name') || ctx.node));
  ctx.runtime.resources.getOrCreate(h, () => new YdfModelResource());
  return h;
}

async function load([h, path]: tf.Tensor[], ctx: KernelContext): Promise<[]> {
  const r = resource(h, ctx);
  const fs = ctx.runtime.fs;
  if (!fs) throw ctx.error('FAILED_PRECONDITION', 'loading a decision forest needs the executor to have a FileSystem');
  if (path.size !== 1) throw ctx.error('INVALID_ARGUMENT', `path must hold exactly one string, found ${path.size}`);
  const dir = new TextDecoder().decode(hostStrings(path)[0]);
  const model = await loadYdfModel(fs, dir, ctx.str('file_prefix'));
  r.layout = featureLayout(model);
  r.model = model;
  return [];
}

function infer(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const [num, bool, cat, setValues] = inputs;
  const r = resource(inputs[6], ctx);
  if (!r.model || !r.layout) throw ctx.error('FAILED_PRECONDITION', 'the decision forest was not loaded (run SimpleMLLoadModelFromPathWithHandle first)');
  const { model, layout } = r;
  if (setValues.size > 0) throw ctx.error('UNIMPLEMENTED', 'categorical-set features');
  const mats = [num, bool, cat];
  if (mats.some((t) => t.rank !== 2)) throw ctx.error('INVALID_ARGUMENT', 'feature inputs must be matrices');
  mats.forEach((t, g) => {
    if (t.shape[1] !== layout.counts[g] && t.size > 0) {
      throw ctx.error('INVALID_ARGUMENT', `input ${g} has ${t.shape[1]} feature columns, the model has ${layout.counts[g]}`);
    }
  });
  const batch = mats.find((t) => t.size > 0)?.shape[0] ?? 0;
  if (mats.some((t) => t.size > 0 && t.shape[0] !== batch)) throw ctx.error('INVALID_ARGUMENT', 'the batch size of the input features are inconsistent');
  const dim = outputDim(model);
  if (dim !== ctx.int('dense_output_dim')) throw ctx.error('INVALID_ARGUMENT', `dense_output_dim is ${ctx.int('dense_output_dim')}, the model outputs ${dim}`);
  const out = predict(model, layout, {
    batch,
    numerical: num.dataSync() as Float32Array,
    boolean: bool.dataSync() as Float32Array,
    categorical: cat.dataSync() as Int32Array,
  });
  return [tf.tensor2d(out, [batch, dim], 'float32'), tf.tensor(columnNames(model), [dim], 'string')];
}

/** Label names of the output columns (classification), else one empty string. */
function columnNames(m: YdfModel): Uint8Array[] {
  if (m.task !== Task.CLASSIFICATION) return [new Uint8Array(0)];
  const byIndex = new Map<number, string>();
  for (const [k, i] of m.columns[m.labelColumn].vocab) byIndex.set(i, k);
  const enc = new TextEncoder();
  return Array.from({ length: outputDim(m) }, (_, i) => enc.encode(byIndex.get(i + 1) ?? String(i + 1)));
}

export const tfdfKernels: KernelTable = {
  SimpleMLCreateModelResource: (_, ctx) => create(ctx),
  SimpleMLLoadModelFromPathWithHandle: { async: load },
  SimpleMLInferenceOpWithHandle: infer,
};
