/** Op definitions: sorted search (kernels: src/runtime/kernels/evaluation.ts; Unique/UniqueV2 are in dynamic.ts). */
import type { OpSpecTable } from '../opdef.js';

const bound = { in: ['sorted_inputs: T', 'values: T'], out: ['output: out_type'], attrs: ['T: type', 'out_type: type = int32'] };

export const evaluationOps: OpSpecTable = {
  LowerBound: bound,
  UpperBound: bound,
};
