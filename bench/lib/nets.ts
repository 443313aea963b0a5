/**
 * The bench's MLP and CNN three ways, on one set of weights: the SavedModel Keras wrote (loaded
 * with loadModel), the same network written directly in tfjs-core (weights read from that
 * SavedModel's checkpoint), and tfjs-converter's GraphModel running the GraphDef TensorFlow froze
 * from its serving signature (bench/tf/tf_bench.py `models` writes the models and frozen graphs).
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfconv from '@tensorflow/tfjs-converter';
import { BundleReader } from '../../src/bundle/index.js';
import { tensorflow } from '../../src/proto/index.js';
import { tensorFromProto } from '../../src/runtime/tensor_proto.js';
import { hostToTfjs } from '../../src/savedmodel/host_tfjs.js';

/** What tf_bench.py `models` reports about one model. */
export interface NetManifest {
  dir: string;
  frozen: string;
  input: string;
  output: string;
  frozen_inputs: string[];
  frozen_outputs: string[];
  /** Checkpoint key of each weight (w0, b0, w1 …). */
  weights: Record<string, string>;
}

/** Input shape and iterations per timed round of each network. */
export const NETS = {
  mlp: { label: 'MLP 784-256-128-10, batch 32', shape: [32, 784], iters: 60 },
  cnn: { label: 'CNN 2×(conv3x3+relu+pool)+dense, 28×28×1, batch 8', shape: [8, 28, 28, 1], iters: 30 },
} as const;

export type NetName = keyof typeof NETS;

/** Reads the network's weights (tfjs tensors, kept until disposed) from its SavedModel's checkpoint. */
export async function readWeights(m: NetManifest): Promise<Record<string, tf.Tensor>> {
  const reader = await BundleReader.open(`${m.dir}/variables/variables`);
  const out: Record<string, tf.Tensor> = {};
  for (const [name, key] of Object.entries(m.weights)) out[name] = hostToTfjs(await reader.read(key), key);
  return out;
}

/** The network written directly in tfjs-core (what a tfjs user would write). */
export function directNet(name: NetName, w: Record<string, tf.Tensor>): (x: tf.Tensor) => tf.Tensor {
  if (name === 'mlp') {
    return (x) => tf.tidy(() => {
      let h = x as tf.Tensor2D;
      for (let i = 0; i < 3; i++) {
        h = tf.add(tf.matMul(h, w[`w${i}`] as tf.Tensor2D), w[`b${i}`]);
        h = i < 2 ? tf.relu(h) : tf.softmax(h);
      }
      return h;
    });
  }
  return (x) => tf.tidy(() => {
    const block = (input: tf.Tensor4D, i: number): tf.Tensor4D =>
      tf.maxPool(tf.relu(tf.add(tf.conv2d(input, w[`w${i}`] as tf.Tensor4D, 1, 'same'), w[`b${i}`])) as tf.Tensor4D, 2, 2, 'valid');
    const h = block(block(x as tf.Tensor4D, 0), 1);
    return tf.softmax(tf.add(tf.matMul(tf.reshape(h, [h.shape[0], -1]), w.w2 as tf.Tensor2D), w.b2));
  });
}

/** A decoded message as the plain JSON tfjs-converter reads: bytes as arrays, 64-bit integers as strings. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    if ('low' in v && 'high' in v) return String(v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/**
 * A GraphModel over the frozen GraphDef: the GraphDef as tfjs-converter's JSON topology, every
 * Const's value moved into the weights (as tfjs-converter's converter stores them).
 */
export function graphModel(m: NetManifest): tfconv.GraphModel<tf.io.IOHandlerSync> {
  const def = tensorflow.GraphDef.decode(readFileSync(m.frozen));
  const json = plain(def) as { node: { name: string; op: string; attr?: Record<string, unknown> }[] };
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  def.node.forEach((n, i) => {
    if (n.op !== 'Const') return;
    const name = n.name ?? '';
    const t = tensorFromProto(n.attr?.value?.tensor ?? {}, name);
    const values = t.dataSync();
    specs.push({ name, shape: t.shape, dtype: t.dtype as 'float32' | 'int32' });
    buffers.push(new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)));
    t.dispose();
    delete json.node[i].attr!.value;
  });
  const data = new Uint8Array(buffers.reduce((s, b) => s + b.length, 0));
  buffers.reduce((at, b) => (data.set(b, at), at + b.length), 0);
  return tfconv.loadGraphModelSync({
    modelTopology: json,
    weightSpecs: specs,
    weightData: data.buffer,
  } as tf.io.ModelArtifacts);
}
