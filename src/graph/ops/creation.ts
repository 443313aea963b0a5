/**
 * Op definitions: tensors made from shapes, sequences and random draws (kernels:
 * src/runtime/kernels/creation.ts). `Ones` and `Zeros` are not TensorFlow ops but tfjs-converter
 * pseudo-ops (shape input, dtype attr `T`), kept so converter-produced graphs run.
 */
import type { OpSpecTable } from '../opdef.js';

const seeds = ['seed: int = 0', 'seed2: int = 0'];

export const creationOps: OpSpecTable = {
  LinSpace: { in: ['start: T', 'stop: T', 'num: Tidx'], out: ['output: T'], attrs: ['Tidx: type = int32'] },
  Ones: { in: ['shape: Tshape'], out: ['output: T'], attrs: ['Tshape: type = int32'] },
  Zeros: { in: ['shape: Tshape'], out: ['output: T'], attrs: ['Tshape: type = int32'] },
  OnesLike: { in: ['x: T'], out: ['y: T'] },
  ZerosLike: { in: ['x: T'], out: ['y: T'] },
  RandomStandardNormal: { in: ['shape: T'], out: ['output: dtype'], attrs: ['dtype: type', ...seeds], stateful: true },
  TruncatedNormal: { in: ['shape: T'], out: ['output: dtype'], attrs: ['dtype: type', ...seeds], stateful: true },
  RandomUniformInt: { in: ['shape: T', 'minval: Tout', 'maxval: Tout'], out: ['output: Tout'], attrs: seeds, stateful: true },
  Multinomial: {
    in: ['logits: T', 'num_samples: int32'], out: ['output: output_dtype'],
    attrs: [...seeds, 'output_dtype: type = int64'], stateful: true,
  },
};
