/**
 * Checkpoint bundles seen from the runtime: HostTensor (exact TF values) → tfjs tensor per the
 * dtype table in dtypes.ts, and a `CheckpointService` over BundleReader/BundleWriter, so a
 * graph's own saver ops (RestoreV2 / SaveV2 / MergeV2Checkpoints, TF1 `save/restore_all` or a
 * TF2 `__inference__traced_restore` function) run against real checkpoint files.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader, BundleWriter, type HostTensor } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import { resolveFileSystem, type FileSystem } from '../io/index.js';
import { INT_RANGES, tfjsDtype } from './dtypes.js';
import type { CheckpointService } from './kernel.js';
import { halfToFloat } from './tensor_proto.js';

function toInt32(data: ArrayLike<number | bigint>, dtype: TfDType, what: string): Int32Array {
  const [lo, hi] = INT_RANGES[dtype] ?? [-2147483648, 2147483647];
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (!(v >= lo && v <= hi)) throw new SavedModelError('OUT_OF_RANGE', `${what}: ${dtype} value ${data[i]} does not fit the int32 that tfjs computes with`);
    out[i] = v;
  }
  return out;
}

/** A new tfjs tensor holding a HostTensor's values (carrier dtype per the dtype table). */
export function hostToTensor(h: HostTensor, what = 'tensor'): tf.Tensor {
  const dtype = h.dtype as TfDType;
  const data = h.data;
  if (dtype === 'string') return tf.tensor(data as Uint8Array[], h.shape, 'string');
  const target = tfjsDtype(dtype);
  const arr = data as ArrayLike<number | bigint>;
  switch (dtype) {
    case 'float32': return tf.tensor(data as Float32Array, h.shape, 'float32');
    case 'float64': return tf.tensor(Float32Array.from(data as Float64Array), h.shape, 'float32');
    case 'float16': return tf.tensor(Float32Array.from(data as Uint16Array, halfToFloat), h.shape, 'float32');
    case 'bfloat16': {
      const bits = Uint32Array.from(data as Uint16Array, (b) => b << 16);
      return tf.tensor(new Float32Array(bits.buffer), h.shape, 'float32');
    }
    case 'int32': return tf.tensor(data as Int32Array, h.shape, 'int32');
    case 'bool': return tf.tensor(data as Uint8Array, h.shape, 'bool');
    case 'int64': case 'uint64': case 'uint32': return tf.tensor(toInt32(arr, dtype, what), h.shape, 'int32');
    default:
      if (target === 'int32') return tf.tensor(Int32Array.from(data as ArrayLike<number>), h.shape, 'int32');
      if (target === 'complex64') {
        const v = Float32Array.from(data as ArrayLike<number>);
        return tf.tidy(() => {
          const pairs = tf.reshape(tf.tensor(v, [v.length / 2, 2]), [-1, 2]);
          const [re, im] = tf.split(pairs, 2, 1);
          return tf.complex(tf.reshape(re, h.shape), tf.reshape(im, h.shape));
        });
      }
      throw new SavedModelError('UNIMPLEMENTED', `${what}: checkpoint dtype ${dtype}`);
  }
}

/** A HostTensor holding a tfjs tensor's values as TF dtype `dtype` (for SaveV2). */
export function tensorToHost(t: tf.Tensor, dtype: TfDType): HostTensor {
  const shape = [...t.shape];
  if (dtype === 'string') return { dtype, shape, data: tf.engine().readSync(t.dataId) as unknown as Uint8Array[] };
  const v = t.dataSync() as ArrayLike<number>;
  switch (dtype) {
    case 'float32': return { dtype, shape, data: Float32Array.from(v) };
    case 'float64': return { dtype, shape, data: Float64Array.from(v) };
    case 'int32': return { dtype, shape, data: Int32Array.from(v) };
    case 'int64': return { dtype, shape, data: BigInt64Array.from(Array.from(v, (x) => BigInt(x))) };
    case 'bool': return { dtype, shape, data: Uint8Array.from(v) };
    case 'uint8': return { dtype, shape, data: Uint8Array.from(v) };
    case 'int8': return { dtype, shape, data: Int8Array.from(v) };
    case 'int16': return { dtype, shape, data: Int16Array.from(v) };
    case 'uint16': return { dtype, shape, data: Uint16Array.from(v) };
    default: throw new SavedModelError('UNIMPLEMENTED', `saving a ${dtype} tensor from the graph runtime`);
  }
}

/** CheckpointService over TF's tensor bundle format. */
export class BundleCheckpoints implements CheckpointService {
  private readonly readers = new Map<string, Promise<BundleReader>>();

  constructor(private readonly fs?: FileSystem) {}

  private reader(prefix: string): Promise<BundleReader> {
    let r = this.readers.get(prefix);
    if (!r) {
      r = BundleReader.open(prefix, { fs: this.fs });
      this.readers.set(prefix, r);
      r.catch(() => this.readers.delete(prefix));
    }
    return r;
  }

  async restore(prefix: string, names: readonly string[], slices: readonly string[], dtypes: readonly TfDType[]): Promise<tf.Tensor[]> {
    const reader = await this.reader(prefix);
    const out: tf.Tensor[] = [];
    try {
      for (let i = 0; i < names.length; i++) {
        if (slices[i]) throw new SavedModelError('UNIMPLEMENTED', `RestoreV2 of a slice ('${slices[i]}') of '${names[i]}'`);
        const h = await reader.read(names[i]);
        if (h.dtype !== dtypes[i]) {
          throw new SavedModelError('INVALID_ARGUMENT', `checkpoint ${prefix}: '${names[i]}' is ${h.dtype}, the graph restores it as ${dtypes[i]}`);
        }
        out.push(hostToTensor(h, `checkpoint entry '${names[i]}'`));
      }
    } catch (e) {
      tf.dispose(out);
      throw e;
    }
    return out;
  }

  async save(prefix: string, names: readonly string[], slices: readonly string[], tensors: readonly tf.Tensor[], dtypes: readonly TfDType[]): Promise<void> {
    const w = await BundleWriter.create(prefix, { fs: this.fs });
    const order = names.map((n, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
    for (const i of order) {
      if (slices[i]) throw new SavedModelError('UNIMPLEMENTED', `SaveV2 of a slice ('${slices[i]}') of '${names[i]}'`);
      await w.add(names[i], tensorToHost(tensors[i], dtypes[i]));
    }
    await w.finish();
    this.readers.delete(prefix);
  }

  async merge(prefixes: readonly string[], destination: string, deleteOld: boolean): Promise<void> {
    if (prefixes.length !== 1) throw new SavedModelError('UNIMPLEMENTED', `merging ${prefixes.length} checkpoint shards`);
    const fs = await resolveFileSystem(this.fs, destination);
    const src = prefixes[0];
    if (src === destination) return;
    for (const name of await fs.list(dirOf(src))) {
      const base = src.slice(src.lastIndexOf('/') + 1);
      if (!name.startsWith(`${base}.`)) continue;
      const suffix = name.slice(base.length);
      await fs.rename(`${dirOf(src)}/${name}`, `${destination}${suffix}`);
    }
    if (deleteOld) await fs.remove(dirOf(src)).catch(() => undefined);
    this.readers.delete(destination);
  }
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i) || '/';
}
