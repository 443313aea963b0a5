/** Op definitions: TensorFlow Decision Forests model resources and inference (kernels: src/runtime/kernels/tfdf.ts). */
import type { OpSpecTable } from '../opdef.js';

export const tfdfOps: OpSpecTable = {
  SimpleMLCreateModelResource: { out: ['model_handle: resource'], attrs: ["container: string = ''", "shared_name: string = ''"], stateful: true },
  SimpleMLLoadModelFromPathWithHandle: {
    in: ['model_handle: resource', 'path: string'],
    attrs: ['output_types: list(string) = []', "file_prefix: string = ''", 'allow_slow_inference: bool = true'], stateful: true,
  },
  SimpleMLInferenceOpWithHandle: {
    in: [
      'numerical_features: float', 'boolean_features: float', 'categorical_int_features: int32', 'categorical_set_int_features_values: int32',
      'categorical_set_int_features_row_splits_dim_1: int64', 'categorical_set_int_features_row_splits_dim_2: int64', 'model_handle: resource',
    ],
    out: ['dense_predictions: float', 'dense_col_representation: string'],
    attrs: ['dense_output_dim: int'], stateful: true,
  },
};
