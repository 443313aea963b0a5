/** `listVariables(prefix)`: what `tf.train.list_variables` lists, read from the index alone. */
import type { FileSystem } from '../io/filesystem.js';
import { BundleReader } from './bundle_reader.js';
import type { DType } from './dtypes.js';

/** One variable of a checkpoint: its key, shape and dtype. */
export interface CheckpointVariable {
  name: string;
  shape: number[];
  dtype: DType;
}

/**
 * Lists the tensors of the checkpoint at `prefix` in key order (partitioned variables once,
 * under their full name and shape), like `tf.train.list_variables`. Reads only the index.
 */
export async function listVariables(prefix: string, options: { fs?: FileSystem } = {}): Promise<CheckpointVariable[]> {
  const reader = await BundleReader.open(prefix, options);
  return reader.keys().map((name) => {
    const e = reader.entry(name);
    return { name, shape: [...e.shape], dtype: e.dtype };
  });
}
