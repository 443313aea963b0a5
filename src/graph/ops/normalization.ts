/** Op definitions: fused batch norm (V1, V2; V3 is in nn.ts), LRN, log-softmax (kernels: src/runtime/kernels/normalization.ts). */
import type { OpSpecTable } from '../opdef.js';

const batchNormAttrs = [
  'epsilon: float = 0.0001', 'exponential_avg_factor: float = 1', "data_format: {'NHWC', 'NCHW'} = 'NHWC'",
  'is_training: bool = true',
];

export const normalizationOps: OpSpecTable = {
  FusedBatchNorm: {
    in: ['x: T', 'scale: T', 'offset: T', 'mean: T', 'variance: T'],
    out: ['y: T', 'batch_mean: T', 'batch_variance: T', 'reserve_space_1: T', 'reserve_space_2: T'],
    attrs: ['T: type', ...batchNormAttrs],
  },
  FusedBatchNormV2: {
    in: ['x: T', 'scale: U', 'offset: U', 'mean: U', 'variance: U'],
    out: ['y: T', 'batch_mean: U', 'batch_variance: U', 'reserve_space_1: U', 'reserve_space_2: U'],
    attrs: ['T: type', 'U: type', ...batchNormAttrs],
  },
  LRN: {
    in: ['input: T'], out: ['output: T'],
    attrs: ['depth_radius: int = 5', 'bias: float = 1', 'alpha: float = 1', 'beta: float = 0.5', 'T: type = float32'],
  },
  LogSoftmax: { in: ['logits: T'], out: ['logsoftmax: T'] },
};
