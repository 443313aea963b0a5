/**
 * Op definitions: convolutions (1-D, 3-D, transposed, fused, morphological) and 3-D / argmax
 * pooling (kernels: src/runtime/kernels/conv.ts). Conv2D, DepthwiseConv2dNative, MaxPool and
 * AvgPool live in nn.ts. `Conv1D`, `DepthwiseConv2d` and `FusedDepthwiseConv2dNative` are
 * tfjs-converter pseudo-ops, defined the way the converter reads them.
 */
import type { OpSpecTable } from '../opdef.js';

const fmt2d = "data_format: {'NHWC', 'NCHW'} = 'NHWC'";
const fmt3d = "data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'";
const pad = "padding: {'SAME', 'VALID'}";
const padExplicit = "padding: {'SAME', 'VALID', 'EXPLICIT'}";
const dil4 = 'dilations: list(int) = [1, 1, 1, 1]';
const depthwise = { in: ['input: T', 'filter: T'], out: ['output: T'], attrs: ['strides: list(int)', padExplicit, 'explicit_paddings: list(int) = []', fmt2d, dil4] };
const fusedDepthwise = {
  in: ['input: T', 'filter: T', 'args: num_args * T'], out: ['output: T'],
  attrs: ['num_args: int', 'strides: list(int)', pad, fmt2d, dil4, 'fused_ops: list(string) = []', 'epsilon: float = 0.0001', 'leakyrelu_alpha: float = 0.2'],
};
const pool3d = { in: ['input: T'], out: ['output: T'], attrs: ['ksize: list(int)', 'strides: list(int)', pad, fmt3d] };

export const convOps: OpSpecTable = {
  Conv1D: { in: ['x: T', 'filter: T'], out: ['output: T'], attrs: ['stride: int', pad, "data_format: {'NWC', 'NCW'} = 'NWC'", 'dilation: int = 1'] },
  Conv2DBackpropInput: {
    in: ['input_sizes: int32', 'filter: T', 'out_backprop: T'], out: ['output: T'],
    attrs: ['strides: list(int)', 'use_cudnn_on_gpu: bool = true', padExplicit, 'explicit_paddings: list(int) = []', fmt2d, dil4],
  },
  Conv3D: { in: ['input: T', 'filter: T'], out: ['output: T'], attrs: ['strides: list(int)', pad, fmt3d, 'dilations: list(int) = [1, 1, 1, 1, 1]'] },
  DepthwiseConv2d: depthwise,
  Dilation2D: { in: ['input: T', 'filter: T'], out: ['output: T'], attrs: ['strides: list(int)', 'rates: list(int)', pad] },
  _FusedConv2D: {
    in: ['input: T', 'filter: T', 'args: TArgs', 'host_args: num_host_args * float'], out: ['output: T'],
    attrs: [
      'TArgs: list(type)', 'num_args: int', 'num_host_args: int = 0', 'strides: list(int)', padExplicit, 'explicit_paddings: list(int) = []',
      "data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'", "filter_format: {'HWIO', 'OIHW', 'OIHW_VECT_I'} = 'HWIO'", dil4,
      'use_cudnn_on_gpu: bool = true', 'fused_ops: list(string) = []', 'epsilon: float = 0.0001', 'leakyrelu_alpha: float = 0.2',
    ],
  },
  _FusedDepthwiseConv2dNative: fusedDepthwise,
  FusedDepthwiseConv2dNative: fusedDepthwise,
  AvgPool3D: pool3d,
  MaxPool3D: pool3d,
  MaxPoolWithArgmax: {
    in: ['input: T'], out: ['output: T', 'argmax: Targmax'],
    attrs: ['ksize: list(int)', 'strides: list(int)', 'Targmax: type = int64', pad, 'include_batch_in_index: bool = false'],
  },
};
