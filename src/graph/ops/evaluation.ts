/** Op definitions: sorted search and Unique (kernels: src/runtime/kernels/evaluation.ts). */
import type { OpSpecTable } from '../opdef.js';

const bound = { in: ['sorted_inputs: T', 'values: T'], out: ['output: out_type'], attrs: ['T: type', 'out_type: type = int32'] };

export const evaluationOps: OpSpecTable = {
  LowerBound: bound,
  UpperBound: bound,
  Unique: { in: ['x: T'], out: ['y: T', 'idx: out_idx'], attrs: ['T: type', 'out_idx: type = int32'] },
  UniqueV2: {
    in: ['x: T', 'axis: Taxis'], out: ['y: T', 'idx: out_idx'],
    attrs: ['T: type', 'Taxis: type = int64', 'out_idx: type = int32'],
  },
};
