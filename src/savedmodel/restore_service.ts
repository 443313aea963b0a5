/**
 * The CheckpointService a loaded graph's saver ops run with: RestoreV2 reads the model's own
 * checkpoint (and nothing else — any other prefix is PERMISSION_DENIED, so a graph cannot make the
 * loader read files outside the model); SaveV2 and MergeV2Checkpoints are refused, loading never
 * writes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import type { CheckpointService } from '../runtime/kernel.js';
import type { ModelCheckpoint } from './checkpoint_reader.js';
import type { ProgressCallback } from './progress.js';

/** A parsed `shape_and_slices` entry: the full shape and, per dim, [begin, size] (size -1: all). */
interface SliceSpec {
  full: number[];
  begin: number[];
  size: number[];
}

/** Parses TF's slice spec `"d0 d1 … s0:s1:…"` where each `s` is `-` or `start,length`. */
export function parseSliceSpec(spec: string, what: string): SliceSpec | null {
  if (spec === '') return null;
  const parts = spec.trim().split(/\s+/);
  const bad = (): SavedModelError => new SavedModelError('INVALID_ARGUMENT', `${what}: malformed shape_and_slice '${spec}'`);
  if (parts.length < 2) throw bad();
  const full = parts.slice(0, -1).map(Number);
  const extents = parts[parts.length - 1].split(':');
  if (extents.length !== full.length || full.some((d) => !Number.isSafeInteger(d) || d < 0)) throw bad();
  const begin: number[] = [];
  const size: number[] = [];
  extents.forEach((e, i) => {
    if (e === '-') {
      begin.push(0);
      size.push(full[i]);
      return;
    }
    const [s, l] = e.split(',').map(Number);
    if (!Number.isSafeInteger(s) || !Number.isSafeInteger(l) || s < 0 || l < 0 || s + l > full[i]) throw bad();
    begin.push(s);
    size.push(l);
  });
  return { full, begin, size };
}

function normalize(prefix: string): string {
  return prefix.replace(/\/+/g, '/');
}

/** RestoreV2 over a model's checkpoint; refuses everything else. */
export class ModelRestoreService implements CheckpointService {
  constructor(
    private readonly checkpoint: ModelCheckpoint | null,
    private readonly onProgress?: ProgressCallback,
  ) {}

  async restore(prefix: string, names: readonly string[], shapeAndSlices: readonly string[], dtypes: readonly TfDType[]): Promise<tf.Tensor[]> {
    const ckpt = this.checkpoint;
    if (!ckpt) throw new SavedModelError('NOT_FOUND', `RestoreV2 asks for checkpoint '${prefix}', but the model has no variables checkpoint`);
    if (normalize(prefix) !== normalize(ckpt.prefix)) {
      throw new SavedModelError('PERMISSION_DENIED', `RestoreV2 may read only the model's own checkpoint ${ckpt.prefix}, not '${prefix}'`);
    }
    if (names.length !== dtypes.length || (shapeAndSlices.length !== names.length && shapeAndSlices.length !== 0)) {
      throw new SavedModelError('INVALID_ARGUMENT', `RestoreV2: ${names.length} names, ${shapeAndSlices.length} slice specs and ${dtypes.length} dtypes`);
    }
    const specs = names.map((n, i) => parseSliceSpec(shapeAndSlices[i] ?? '', `RestoreV2 of '${n}'`));
    const tensors = await ckpt.readMany(names.map((key, i) => ({ key, dtype: dtypes[i] as DType })), this.onProgress);
    const out: tf.Tensor[] = [];
    try {
      for (let i = 0; i < tensors.length; i++) {
        const t = tensors[i];
        const s = specs[i];
        if (s && !tf.util.arraysEqual(t.shape, s.full)) {
          throw new SavedModelError('INVALID_ARGUMENT', `RestoreV2: '${names[i]}' has shape [${t.shape}] in the checkpoint, the slice spec says [${s.full}]`);
        }
        out.push(s ? tf.slice(t, s.begin, s.size) : t);
      }
    } catch (e) {
      out.forEach((t, i) => t !== tensors[i] && t.dispose());
      tensors.forEach((t) => t.dispose());
      throw e;
    }
    tensors.forEach((t, i) => t !== out[i] && t.dispose());
    return out;
  }

  async save(prefix: string): Promise<void> {
    throw new SavedModelError('PERMISSION_DENIED', `SaveV2 to '${prefix}' refused: loading a model never writes checkpoints`);
  }

  async merge(_prefixes: readonly string[], destination: string): Promise<void> {
    throw new SavedModelError('PERMISSION_DENIED', `MergeV2Checkpoints into '${destination}' refused: loading a model never writes checkpoints`);
  }
}
