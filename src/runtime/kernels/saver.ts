/**
 * Kernels: checkpoint save/restore (definitions: src/graph/ops/saver.ts). They run only through
 * `runAsync` and only when the executor was given a `CheckpointService` (the loader supplies one
 * backed by the bundle reader/writer); otherwise they are refused with FAILED_PRECONDITION.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CheckpointService, KernelContext, KernelTable } from '../kernel.js';
import { hostStrings } from './host.js';

const utf8 = new TextDecoder();
const strs = (t: tf.Tensor): string[] => hostStrings(t).map((b) => utf8.decode(b));

function service(ctx: KernelContext): CheckpointService {
  const s = ctx.runtime.checkpoints;
  if (!s) throw ctx.error('FAILED_PRECONDITION', `${ctx.op} reads or writes checkpoint files; it runs only inside the model loader/saver (no CheckpointService given)`);
  return s;
}

export const saverKernels: KernelTable = {
  SaveV2: {
    async: async ([prefix, names, slices, ...tensors], ctx) => {
      await service(ctx).save(strs(prefix)[0], strs(names), strs(slices), tensors, ctx.dtypes('dtypes'));
      return [];
    },
  },
  RestoreV2: {
    async: async ([prefix, names, slices], ctx) => service(ctx).restore(strs(prefix)[0], strs(names), strs(slices), ctx.dtypes('dtypes')),
  },
  MergeV2Checkpoints: {
    async: async ([prefixes, dest], ctx) => {
      await service(ctx).merge(strs(prefixes), strs(dest)[0], ctx.bool('delete_old_dirs'));
      return [];
    },
  },
};
