/** Op definitions: TensorList (DT_VARIANT lists of tensors) (kernels: src/runtime/kernels/lists.ts). */
import type { OpSpecTable } from '../opdef.js';

const list = 'input_handle: variant';
/** The dtype of an `element_shape` input: TF allows int32 and int64 and gives no default. */
const shapeType = 'shape_type: {int32, int64}';
const shapeAttrs = ['element_dtype: type', shapeType];

export const listOps: OpSpecTable = {
  EmptyTensorList: { in: ['element_shape: shape_type', 'max_num_elements: int32'], out: ['handle: variant'], attrs: shapeAttrs },
  TensorListReserve: { in: ['element_shape: shape_type', 'num_elements: int32'], out: ['handle: variant'], attrs: shapeAttrs },
  TensorListFromTensor: { in: ['tensor: element_dtype', 'element_shape: shape_type'], out: ['output_handle: variant'], attrs: shapeAttrs },
  TensorListGetItem: { in: [list, 'index: int32', 'element_shape: int32'], out: ['item: element_dtype'], attrs: ['element_dtype: type'] },
  TensorListSetItem: {
    in: [list, 'index: int32', 'item: element_dtype'], out: ['output_handle: variant'],
    attrs: ['element_dtype: type', 'resize_if_index_out_of_bounds: bool = false'],
  },
  TensorListStack: { in: [list, 'element_shape: int32'], out: ['tensor: element_dtype'], attrs: ['element_dtype: type', 'num_elements: int = -1'] },
  TensorListLength: { in: [list], out: ['length: int32'] },
  TensorListElementShape: { in: [list], out: ['element_shape: shape_type'], attrs: [shapeType] },
  TensorListPushBack: { in: [list, 'tensor: element_dtype'], out: ['output_handle: variant'], attrs: ['element_dtype: type'] },
  TensorListPopBack: { in: [list, 'element_shape: int32'], out: ['output_handle: variant', 'tensor: element_dtype'], attrs: ['element_dtype: type'] },
  TensorListGather: { in: [list, 'indices: int32', 'element_shape: int32'], out: ['values: element_dtype'], attrs: ['element_dtype: type'] },
  TensorListScatter: { in: ['tensor: element_dtype', 'indices: int32', 'element_shape: shape_type'], out: ['output_handle: variant'], attrs: shapeAttrs },
  TensorListScatterV2: {
    in: ['tensor: element_dtype', 'indices: int32', 'element_shape: shape_type', 'num_elements: int32'], out: ['output_handle: variant'], attrs: shapeAttrs,
  },
  TensorListConcat: { in: [list], out: ['tensor: element_dtype', 'lengths: int64'], attrs: ['element_dtype: type', 'element_shape: shape = ?'] },
  TensorListConcatV2: { in: [list, 'element_shape: shape_type', 'leading_dims: int64'], out: ['tensor: element_dtype', 'lengths: int64'], attrs: shapeAttrs },
  TensorListSplit: { in: ['tensor: element_dtype', 'element_shape: shape_type', 'lengths: int64'], out: ['output_handle: variant'], attrs: shapeAttrs },
  TensorListResize: { in: [list, 'size: int32'], out: ['output_handle: variant'] },
};
