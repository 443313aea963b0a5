/** Op definitions: activations, convolution, pooling, normalisation (kernels: src/runtime/kernels/nn.ts). */
import type { OpSpecTable } from '../opdef.js';

export const nnOps: OpSpecTable = {
  Relu: { in: ['features: T'], out: ['activations: T'] },
};
