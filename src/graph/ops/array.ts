/** Op definitions: tensor creation, shapes, slicing and joining (kernels: src/runtime/kernels/array.ts). */
import type { OpSpecTable } from '../opdef.js';

export const arrayOps: OpSpecTable = {
  Const: { out: ['output: dtype'], attrs: ['value: tensor', 'dtype: type'] },
  Placeholder: { out: ['output: dtype'], attrs: ['dtype: type', 'shape: shape = ?'] },
  PlaceholderWithDefault: { in: ['input: dtype'], out: ['output: dtype'], attrs: ['dtype: type', 'shape: shape'] },
  Identity: { in: ['input: T'], out: ['output: T'] },
  IdentityN: { in: ['input: T'], out: ['output: T'], attrs: ['T: list(type)'] },
  Snapshot: { in: ['input: T'], out: ['output: T'] },
  StopGradient: { in: ['input: T'], out: ['output: T'] },
  Reshape: { in: ['tensor: T', 'shape: Tshape'], out: ['output: T'], attrs: ['Tshape: type = int32'] },
  Shape: { in: ['input: T'], out: ['output: out_type'], attrs: ['out_type: type = int32'] },
};
