/** Op definitions: padding, broadcasting, space/batch/depth rearrangements (kernels: src/runtime/kernels/transform.ts). */
import type { OpSpecTable } from '../opdef.js';

const spaceDepth = { in: ['input: T'], out: ['output: T'], attrs: ['block_size: int', "data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'"] };

export const transformOps: OpSpecTable = {
  BatchToSpaceND: {
    in: ['input: T', 'block_shape: Tblock_shape', 'crops: Tcrops'], out: ['output: T'],
    attrs: ['Tblock_shape: type = int32', 'Tcrops: type = int32'],
  },
  SpaceToBatchND: {
    in: ['input: T', 'block_shape: Tblock_shape', 'paddings: Tpaddings'], out: ['output: T'],
    attrs: ['Tblock_shape: type = int32', 'Tpaddings: type = int32'],
  },
  BroadcastArgs: { in: ['s0: T', 's1: T'], out: ['r0: T'], attrs: ['T: type = int32'] },
  BroadcastTo: { in: ['input: T', 'shape: Tidx'], out: ['output: T'], attrs: ['Tidx: type = int32'] },
  DepthToSpace: spaceDepth,
  SpaceToDepth: spaceDepth,
  MirrorPad: { in: ['input: T', 'paddings: Tpaddings'], out: ['output: T'], attrs: ["mode: {'REFLECT', 'SYMMETRIC'}", 'Tpaddings: type = int32'] },
  Pad: { in: ['input: T', 'paddings: Tpaddings'], out: ['output: T'], attrs: ['Tpaddings: type = int32'] },
  PadV2: { in: ['input: T', 'paddings: Tpaddings', 'constant_values: T'], out: ['output: T'], attrs: ['Tpaddings: type = int32'] },
};
