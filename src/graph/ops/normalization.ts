/**
 * Op definitions: LRN, log-softmax (kernels: src/runtime/kernels/normalization.ts). FusedBatchNorm
 * and V2 live with V3 in nn.ts; EuclideanNorm with the reductions.
 */
import type { OpSpecTable } from '../opdef.js';

export const normalizationOps: OpSpecTable = {
  LRN: {
    in: ['input: T'], out: ['output: T'],
    attrs: ['depth_radius: int = 5', 'bias: float = 1', 'alpha: float = 1', 'beta: float = 0.5', 'T: type = float32'],
  },
  LogSoftmax: { in: ['logits: T'], out: ['logsoftmax: T'] },
};
