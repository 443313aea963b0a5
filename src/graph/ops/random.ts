/** Op definitions: random number generation (kernels: src/runtime/kernels/random.ts). */
import type { OpSpecTable } from '../opdef.js';

export const randomOps: OpSpecTable = {
  RandomUniform: { in: ['shape: T'], out: ['output: dtype'], attrs: ['seed: int = 0', 'seed2: int = 0'], stateful: true },
};
