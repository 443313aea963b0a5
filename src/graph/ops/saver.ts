/** Op definitions: checkpoint save/restore (kernels: src/runtime/kernels/saver.ts). */
import type { OpSpecTable } from '../opdef.js';

export const saverOps: OpSpecTable = {
  SaveV2: { in: ['prefix: string', 'tensor_names: string', 'shape_and_slices: string', 'tensors: dtypes'], attrs: ['dtypes: list(type)'], stateful: true },
  RestoreV2: { in: ['prefix: string', 'tensor_names: string', 'shape_and_slices: string'], out: ['tensors: dtypes'], attrs: ['dtypes: list(type)'], stateful: true },
  MergeV2Checkpoints: {
    in: ['checkpoint_prefixes: string', 'destination_prefix: string'],
    attrs: ['delete_old_dirs: bool = true', 'allow_missing_files: bool = false'], stateful: true,
  },
};
