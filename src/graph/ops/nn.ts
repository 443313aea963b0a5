/** Op definitions: activations, convolution, pooling, normalisation (kernels: src/runtime/kernels/nn.ts). */
import type { OpSpecTable } from '../opdef.js';

const dataFormat = "data_format: string = 'NHWC'";
const conv = ['strides: list(int)', "padding: {'SAME', 'VALID', 'EXPLICIT'}", 'explicit_paddings: list(int) = []', dataFormat, 'dilations: list(int) = [1, 1, 1, 1]'];
const poolWindow = ['ksize: list(int)', 'strides: list(int)'];
const fusedBn = (u: string) => ({
  in: ['x: T', `scale: ${u}`, `offset: ${u}`, `mean: ${u}`, `variance: ${u}`],
  out: ['y: T', `batch_mean: ${u}`, `batch_variance: ${u}`, `reserve_space_1: ${u}`, `reserve_space_2: ${u}`],
  attrs: ['epsilon: float = 0.0001', 'exponential_avg_factor: float = 1', dataFormat, 'is_training: bool = true'],
});

export const nnOps: OpSpecTable = {
  Relu: { in: ['features: T'], out: ['activations: T'] },
  Relu6: { in: ['features: T'], out: ['activations: T'] },
  Softmax: { in: ['logits: T'], out: ['softmax: T'] },
  BiasAdd: { in: ['value: T', 'bias: T'], out: ['output: T'], attrs: [dataFormat] },
  BiasAddV1: { in: ['value: T', 'bias: T'], out: ['output: T'] },
  Conv2D: { in: ['input: T', 'filter: T'], out: ['output: T'], attrs: [...conv, 'use_cudnn_on_gpu: bool = true'] },
  DepthwiseConv2dNative: { in: ['input: T', 'filter: T'], out: ['output: T'], attrs: conv },
  MaxPool: {
    in: ['input: T'], out: ['output: T'],
    attrs: ['T: type = float', ...poolWindow, "padding: {'SAME', 'VALID', 'EXPLICIT'}", 'explicit_paddings: list(int) = []', dataFormat],
  },
  AvgPool: { in: ['value: T'], out: ['output: T'], attrs: [...poolWindow, "padding: {'SAME', 'VALID'}", dataFormat] },
  FusedBatchNormV3: { ...fusedBn('U'), out: [...fusedBn('U').out, 'reserve_space_3: U'] },
  TopKV2: {
    in: ['input: T', 'k: Tk'], out: ['values: T', 'indices: index_type'],
    attrs: ['sorted: bool = true', 'Tk: type = int32', 'index_type: type = int32'],
  },
};
