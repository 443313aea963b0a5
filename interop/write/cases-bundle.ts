/**
 * Direction B, checkpoints: BundleWriter writes TensorBundle checkpoints of every dtype (edge
 * values included), with one and with several data shards, and a TF2 object-graph checkpoint;
 * TensorFlow reads them back with tf.train.load_checkpoint (exact values), restores them into
 * TF1 variables with Saver.restore, and into TF2 variables with tf.train.Checkpoint.read.
 */
import { join } from 'node:path';
import * as api from '../../src/index.js';
import type { GoldenTensor } from '../../test/interop/golden.js';
import type { HostTensorLike } from '../../test/interop/values.js';
import { exportAt, type Check, type WriteCase } from './case.js';
import { hostJson } from './tensor-json.js';

interface BundleWriterLike {
  add(key: string, t: HostTensorLike): Promise<void>;
  finish(): Promise<void>;
}
interface BundleWriterStatic {
  create(prefix: string, opts?: { maxShardBytes?: number }): Promise<BundleWriterLike>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Tensors of every dtype TF checkpoints hold, with edge values. */
function dtypeTensors(): Record<string, HostTensorLike> {
  return {
    'f32/matrix': { dtype: 'float32', shape: [2, 3], data: Float32Array.from([1.5, -0, 3.4028234663852886e38, 1e-45, NaN, -Infinity]) },
    'f64/values': { dtype: 'float64', shape: [3], data: Float64Array.from([0.1, -1e300, 5e-324]) },
    'f16/bits': { dtype: 'float16', shape: [4], data: Uint16Array.from([0x3c00, 0xb555, 0x7bff, 0x0001]) },
    'bf16/bits': { dtype: 'bfloat16', shape: [3], data: Uint16Array.from([0x3f80, 0xc049, 0x0080]) },
    'i8': { dtype: 'int8', shape: [3], data: Int8Array.from([-128, 127, 0]) },
    'i16': { dtype: 'int16', shape: [2], data: Int16Array.from([-32768, 32767]) },
    'i32': { dtype: 'int32', shape: [2, 2], data: Int32Array.from([-2147483648, 2147483647, 7, -7]) },
    'i64': { dtype: 'int64', shape: [3], data: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, 2n ** 40n + 1n]) },
    'u8': { dtype: 'uint8', shape: [3], data: Uint8Array.from([0, 255, 128]) },
    'u16': { dtype: 'uint16', shape: [2], data: Uint16Array.from([0, 65535]) },
    'u32': { dtype: 'uint32', shape: [2], data: Uint32Array.from([0, 4294967295]) },
    'u64': { dtype: 'uint64', shape: [2], data: BigUint64Array.from([0n, 2n ** 64n - 1n]) },
    'c64': { dtype: 'complex64', shape: [2], data: Float32Array.from([1, 2, -0.5, -0.25]) },
    'c128': { dtype: 'complex128', shape: [1], data: Float64Array.from([1e-300, 3]) },
    'flags': { dtype: 'bool', shape: [4], data: Uint8Array.from([1, 0, 1, 1]) },
    'words': { dtype: 'string', shape: [4], data: [utf8('alpha'), utf8('Grüße'), new Uint8Array(0), Uint8Array.from([0xff, 0, 0x62])] },
    'scalar': { dtype: 'float32', shape: [], data: Float32Array.from([42]) },
    'empty': { dtype: 'float32', shape: [0, 3], data: new Float32Array(0) },
  };
}

async function writeBundle(prefix: string, tensors: Record<string, HostTensorLike>, maxShardBytes?: number): Promise<void> {
  const BundleWriter = exportAt('BundleWriter') as BundleWriterStatic;
  const w = await BundleWriter.create(prefix, maxShardBytes ? { maxShardBytes } : {});
  for (const [k, t] of Object.entries(tensors)) await w.add(k, t);
  await w.finish();
}

function jsonValues(tensors: Record<string, HostTensorLike>): Record<string, GoldenTensor> {
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, hostJson(t)]));
}

const SAVER_DTYPES = new Set(['float32', 'float64', 'int32', 'int64', 'bool', 'string', 'float16', 'bfloat16', 'complex64']);

const bundleDtypes: WriteCase = {
  name: 'bundle_dtypes',
  path: 'BundleWriter checkpoint (every dtype) → tf.train.load_checkpoint, Saver.restore',
  needs: ['BundleWriter'],
  async write(dir) {
    const tensors = dtypeTensors();
    await writeBundle(join(dir, 'ckpt'), tensors);
    const restorable = Object.fromEntries(Object.entries(tensors).filter(([, t]) => SAVER_DTYPES.has(t.dtype) && t.shape.length > 0 && !t.shape.includes(0)));
    return [
      { type: 'load_checkpoint', prefix: 'ckpt', data_files: 1, values: jsonValues(tensors) },
      { type: 'saver_restore', prefix: 'ckpt', variables: jsonValues(restorable) },
    ];
  },
};

const bundleSharded: WriteCase = {
  name: 'bundle_sharded',
  path: 'BundleWriter checkpoint with several data shards (maxShardBytes)',
  needs: ['BundleWriter'],
  async write(dir) {
    const tensors: Record<string, HostTensorLike> = {};
    for (let i = 0; i < 6; i++) {
      tensors[`layer_${i}/kernel`] = { dtype: 'float32', shape: [4, 4], data: Float32Array.from({ length: 16 }, (_, j) => (i * 16 + j) / 8 - 3) };
    }
    tensors['global_step'] = { dtype: 'int64', shape: [], data: BigInt64Array.from([1234n]) };
    // 64 bytes per kernel, at most 150 per shard: kernels 0-1, 2-3, 4-5 (+ the step) → 3 shards
    await writeBundle(join(dir, 'model.ckpt'), tensors, 150);
    return [
      { type: 'load_checkpoint', prefix: 'model.ckpt', data_files: 3, values: jsonValues(tensors) },
      { type: 'saver_restore', prefix: 'model.ckpt', variables: jsonValues(tensors) },
    ];
  },
};

/** A TF2 checkpoint: variables under object-graph keys plus the serialized TrackableObjectGraph. */
const bundleObjectGraph: WriteCase = {
  name: 'bundle_tf2_object_graph',
  path: 'BundleWriter + TrackableObjectGraph → tf.train.Checkpoint(...).read',
  needs: ['BundleWriter', 'tensorflow.TrackableObjectGraph'],
  async write(dir) {
    const key = (n: string) => `${n}/.ATTRIBUTES/VARIABLE_VALUE`;
    const graph = api.tensorflow.TrackableObjectGraph.encode({
      nodes: [
        { children: [{ nodeId: 1, localName: 'kernel' }, { nodeId: 2, localName: 'step' }] },
        { attributes: [{ name: 'VARIABLE_VALUE', fullName: 'kernel', checkpointKey: key('kernel') }] },
        { attributes: [{ name: 'VARIABLE_VALUE', fullName: 'step', checkpointKey: key('step') }] },
      ],
    }).finish();
    const vars: Record<string, HostTensorLike> = {
      kernel: { dtype: 'float32', shape: [2, 2], data: Float32Array.from([0.5, -1, 2.25, 8]) },
      step: { dtype: 'int64', shape: [], data: BigInt64Array.from([99n]) },
    };
    const tensors: Record<string, HostTensorLike> = {
      _CHECKPOINTABLE_OBJECT_GRAPH: { dtype: 'string', shape: [], data: [graph] },
      [key('kernel')]: vars.kernel,
      [key('step')]: vars.step,
    };
    await writeBundle(join(dir, 'ckpt-1'), tensors);
    return [
      { type: 'load_checkpoint', prefix: 'ckpt-1', data_files: 1, values: jsonValues(tensors) },
      { type: 'tf2_checkpoint_read', prefix: 'ckpt-1', variables: jsonValues(vars) },
    ];
  },
};

/** The checkpoint cases. */
export const bundleCases: WriteCase[] = [bundleDtypes, bundleSharded, bundleObjectGraph];
