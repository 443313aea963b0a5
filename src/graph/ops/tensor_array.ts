/** Op definitions: TF1 TensorArrays (kernels: src/runtime/kernels/tensor_array.ts). */
import type { OpSpecTable } from '../opdef.js';

const h = 'handle: resource';
const flow = 'flow_in: float';

export const tensorArrayOps: OpSpecTable = {
  TensorArrayV3: {
    in: ['size: int32'], out: ['handle: resource', 'flow: float'],
    attrs: ['dtype: type', 'element_shape: shape = ?', 'dynamic_size: bool = false', 'clear_after_read: bool = true', 'identical_element_shapes: bool = false', "tensor_array_name: string = ''"],
    stateful: true,
  },
  TensorArrayWriteV3: { in: [h, 'index: int32', 'value: T', flow], out: ['flow_out: float'], stateful: true },
  TensorArrayReadV3: { in: [h, 'index: int32', flow], out: ['value: dtype'], attrs: ['dtype: type'], stateful: true },
  TensorArrayGatherV3: { in: [h, 'indices: int32', flow], out: ['value: dtype'], attrs: ['dtype: type', 'element_shape: shape = ?'], stateful: true },
  TensorArrayScatterV3: { in: [h, 'indices: int32', 'value: T', flow], out: ['flow_out: float'], stateful: true },
  TensorArrayConcatV3: { in: [h, flow], out: ['value: dtype', 'lengths: int64'], attrs: ['dtype: type', 'element_shape_except0: shape = ?'], stateful: true },
  TensorArraySplitV3: { in: [h, 'value: T', 'lengths: int64', flow], out: ['flow_out: float'], stateful: true },
  TensorArraySizeV3: { in: [h, flow], out: ['size: int32'], stateful: true },
  TensorArrayCloseV3: { in: [h], stateful: true },
};
