/**
 * Reading a model's own variables checkpoint as tfjs tensors: the bundle at
 * `<export dir>/variables/variables`, opened once, tensors read with range reads (a few at a
 * time), each converted through the dtype table. Used by the object-graph restore (TF2) and by
 * the RestoreV2 service the graph restore (TF1) runs with.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { BundleReader, dtypeInfo, numElements, type DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import { joinPath, type FileSystem } from '../io/index.js';
import { VARIABLES_DIRECTORY, VARIABLES_FILENAME } from './constants.js';
import { unfilledTensor, type UnfilledTensor } from '../runtime/tensor_memory.js';
import { hostToTfjs } from './host_tfjs.js';
import { ProgressCounter, type ProgressCallback } from './progress.js';

/** How many tensors are read concurrently. */
const READ_CONCURRENCY = 8;

/** Checkpoint dtypes whose stored bytes are their tfjs tensor's bytes. */
const IN_PLACE_DTYPES: ReadonlySet<DType> = new Set(['float32', 'int32', 'bool']);

/** The checkpoint prefix of a SavedModel directory (`…/variables/variables`). */
export function variablesPrefix(exportDir: string): string {
  return joinPath(exportDir, VARIABLES_DIRECTORY, VARIABLES_FILENAME);
}

/** True when the model directory holds a V2 (TensorBundle) checkpoint. */
export async function hasCheckpoint(fs: FileSystem, exportDir: string): Promise<boolean> {
  return fs.exists(`${variablesPrefix(exportDir)}.index`);
}

/**
 * Throws a clear error for the TF 0.x/1.x "V1" checkpoint layout (a single TensorSlice file
 * `variables/variables`, no `.index`), which this library does not read.
 */
export async function refuseV1Checkpoint(fs: FileSystem, exportDir: string): Promise<void> {
  const prefix = variablesPrefix(exportDir);
  if (!(await fs.exists(`${prefix}.index`)) && (await fs.exists(prefix)) && !(await fs.isDirectory(prefix))) {
    throw new SavedModelError('UNIMPLEMENTED', `${prefix}: a V1 (TensorSlice) checkpoint; only V2 checkpoints (variables.index + data shards, TF ≥ 0.12) are supported`);
  }
}

/** One tensor to read: its checkpoint key and the dtype the reader expects. */
export interface CheckpointRequest {
  readonly key: string;
  readonly dtype?: DType;
}

/** The variables checkpoint of one model. */
export class ModelCheckpoint {
  private constructor(readonly prefix: string, readonly reader: BundleReader) {}

  /** Opens `<exportDir>/variables/variables`. */
  static async open(fs: FileSystem, exportDir: string): Promise<ModelCheckpoint> {
    const prefix = variablesPrefix(exportDir);
    return new ModelCheckpoint(prefix, await BundleReader.open(prefix, { fs }));
  }

  /** True when the checkpoint holds `key`. */
  has(key: string): boolean {
    return this.reader.has(key);
  }

  /** Bytes a tensor occupies (its slices summed for a partitioned one). */
  size(key: string): number {
    const e = this.reader.entry(key);
    if (e.slices.length === 0) return e.size;
    const bytes = dtypeInfo(e.dtype).elementBytes;
    return bytes === null ? 0 : numElements(e.shape) * bytes;
  }

  /** Reads one tensor as a new tfjs tensor, checking its dtype when `dtype` is given. */
  async read(key: string, dtype?: DType): Promise<tf.Tensor> {
    const unfilled = this.allocate(key, dtype);
    return unfilled ? this.fill(key, unfilled) : hostToTfjs(await this.reader.read(key), `checkpoint tensor '${key}'`);
  }

  /**
   * For a tensor whose stored bytes are its tfjs bytes (float32, int32, bool, stored whole) on the
   * WASM backend: its tfjs tensor, allocated but not yet read. Else null (read through a HostTensor).
   */
  private allocate(key: string, dtype?: DType): UnfilledTensor | null {
    const entry = this.reader.entry(key);
    if (dtype !== undefined && entry.dtype !== dtype) {
      throw new SavedModelError('INVALID_ARGUMENT', `checkpoint ${this.prefix}: tensor '${key}' is ${entry.dtype}, expected ${dtype}`);
    }
    if (!IN_PLACE_DTYPES.has(entry.dtype) || !this.reader.canReadInto(key)) return null;
    return unfilledTensor(entry.shape, entry.dtype as 'float32' | 'int32' | 'bool');
  }

  /** Reads tensor `key` straight into the memory of `t` (freed on failure). */
  private async fill(key: string, t: UnfilledTensor): Promise<tf.Tensor> {
    try {
      await this.reader.readInto(key, () => t.bytes());
      return t.tensor;
    } catch (e) {
      t.tensor.dispose();
      throw e;
    }
  }

  /**
   * Reads several tensors (READ_CONCURRENCY at a time), reporting progress per tensor. Each result
   * is the tensor or the error reading it gave; results are in request order. Tensors read in
   * place are all allocated before the first read, so that backend memory grows once rather than
   * under reads in flight.
   */
  async readSettled(requests: readonly CheckpointRequest[], onProgress?: ProgressCallback): Promise<Array<tf.Tensor | Error>> {
    const sizes = requests.map((r) => (this.has(r.key) ? this.size(r.key) : 0));
    const progress = new ProgressCounter('restore', sizes.reduce((a, b) => a + b, 0), requests.length, onProgress);
    const out: Array<tf.Tensor | Error> = new Array(requests.length);
    const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
    const unfilled = requests.map((r, i) => {
      try {
        return this.allocate(r.key, r.dtype);
      } catch (e) {
        out[i] = toError(e);
        return null;
      }
    });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const i = next++;
        if (out[i] === undefined) {
          try {
            const t = unfilled[i];
            out[i] = t ? await this.fill(requests[i].key, t) : hostToTfjs(await this.reader.read(requests[i].key), `checkpoint tensor '${requests[i].key}'`);
          } catch (e) {
            out[i] = toError(e);
          }
        }
        progress.step(sizes[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, requests.length) }, worker));
    return out;
  }

  /** Like `readSettled`, but all or nothing: the first error is thrown after freeing what was read. */
  async readMany(requests: readonly CheckpointRequest[], onProgress?: ProgressCallback): Promise<tf.Tensor[]> {
    const out = await this.readSettled(requests, onProgress);
    const failed = out.find((r): r is Error => r instanceof Error);
    if (failed) {
      for (const r of out) if (!(r instanceof Error)) r.dispose();
      throw failed;
    }
    return out as tf.Tensor[];
  }
}
