/**
 * The CheckpointService a v1 Session runs its saver ops with: SaveV2 writes a TensorBundle
 * through BundleWriter, RestoreV2 reads one through BundleReader (any prefix the graph is fed,
 * the user's own checkpoints), MergeV2Checkpoints folds the per-shard temporary bundles of a
 * sharded Saver into the final prefix and removes the temporary folder.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader, BundleWriter, type DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import { dirname, resolveFileSystem, type FileSystem } from '../io/index.js';
import type { CheckpointService } from '../runtime/kernel.js';
import { hostToTfjs } from '../savedmodel/host_tfjs.js';
import { parseSliceSpec } from '../savedmodel/restore_service.js';
import { hostTensorOf } from '../trace/host.js';
import { checkpointFiles } from './checkpoint_management.js';

/** Reads and writes V2 checkpoints for the saver ops of a session's graph. */
export class BundleCheckpointService implements CheckpointService {
  private fsPromise: Promise<FileSystem> | undefined;

  constructor(private readonly fsOption?: FileSystem) {}

  private fs(path: string): Promise<FileSystem> {
    this.fsPromise ??= resolveFileSystem(this.fsOption, path);
    return this.fsPromise;
  }

  async restore(prefix: string, names: readonly string[], shapeAndSlices: readonly string[], dtypes: readonly TfDType[]): Promise<tf.Tensor[]> {
    const fs = await this.fs(prefix);
    if (!(await fs.exists(`${prefix}.index`))) {
      throw new SavedModelError('NOT_FOUND', `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${prefix} (no ${prefix}.index)`);
    }
    const reader = await BundleReader.open(prefix, { fs });
    const out: tf.Tensor[] = [];
    try {
      for (let i = 0; i < names.length; i++) {
        const key = names[i];
        if (!reader.has(key)) throw new SavedModelError('NOT_FOUND', `Key ${key} not found in checkpoint ${prefix}`);
        const entry = reader.entry(key);
        if (entry.dtype !== dtypes[i]) {
          throw new SavedModelError('INVALID_ARGUMENT', `tensor '${key}' of checkpoint ${prefix} is ${entry.dtype}, the graph restores it as ${dtypes[i]}`);
        }
        const t = hostToTfjs(await reader.read(key), `checkpoint tensor '${key}'`);
        const spec = parseSliceSpec(shapeAndSlices[i] ?? '', `RestoreV2 of '${key}'`);
        if (spec) {
          out.push(tf.slice(t, spec.begin, spec.size));
          t.dispose();
        } else {
          out.push(t);
        }
      }
    } catch (e) {
      out.forEach((t) => t.dispose());
      throw e;
    }
    return out;
  }

  async save(prefix: string, names: readonly string[], shapeAndSlices: readonly string[], tensors: readonly tf.Tensor[], dtypes: readonly TfDType[]): Promise<void> {
    if (names.length !== tensors.length || names.length !== dtypes.length) {
      throw new SavedModelError('INVALID_ARGUMENT', `SaveV2: ${names.length} names for ${tensors.length} tensors and ${dtypes.length} dtypes`);
    }
    const sliced = shapeAndSlices.findIndex((s) => s !== '');
    if (sliced >= 0) throw new SavedModelError('UNIMPLEMENTED', `SaveV2: saving partitioned slices ('${names[sliced]}': '${shapeAndSlices[sliced]}') is not supported`);
    const fs = await this.fs(prefix);
    const writer = await BundleWriter.create(prefix, { fs });
    for (let i = 0; i < names.length; i++) {
      await writer.add(names[i], await hostTensorOf(tensors[i], dtypes[i] as DType, `SaveV2 tensor '${names[i]}'`));
    }
    await writer.finish();
  }

  /**
   * Merges the bundles at `prefixes` into one at `destination` — one part is renamed into place;
   * several are read and written again as one data shard — and deletes the sources and, with
   * `deleteOld`, their folders.
   */
  async merge(prefixes: readonly string[], destination: string, deleteOld: boolean): Promise<void> {
    const fs = await this.fs(destination);
    if (prefixes.length === 1 && prefixes[0] !== destination) {
      // One part (one device): its files are the merged checkpoint, renamed (no copy).
      const part = prefixes[0];
      for (const f of await checkpointFiles(part, fs)) await fs.rename(f, destination + f.slice(part.length));
      await this.removePartDir(part, destination, deleteOld, fs);
      return;
    }
    const readers: BundleReader[] = [];
    for (const p of prefixes) readers.push(await BundleReader.open(p, { fs }));
    const writer = await BundleWriter.create(destination, { fs });
    const seen = new Set<string>();
    for (const r of readers) {
      for (const key of r.keys()) {
        if (seen.has(key)) throw new SavedModelError('INVALID_ARGUMENT', `MergeV2Checkpoints: tensor '${key}' is in more than one shard`);
        seen.add(key);
        await writer.add(key, await r.read(key));
      }
    }
    await writer.finish();
    for (const p of prefixes) {
      if (p === destination) continue;
      for (const f of await checkpointFiles(p, fs)) await fs.remove(f);
      await this.removePartDir(p, destination, deleteOld, fs);
    }
  }

  /** With `deleteOld`, removes the folder of a merged part when it is now empty (TF's `<prefix>_temp`). */
  private async removePartDir(part: string, destination: string, deleteOld: boolean, fs: FileSystem): Promise<void> {
    const dir = dirname(part);
    if (deleteOld && dir && dir !== dirname(destination) && (await fs.exists(dir)) && (await fs.list(dir)).length === 0) await fs.remove(dir);
  }
}
