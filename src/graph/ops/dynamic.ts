/** Op definitions: ops whose output size depends on values — Where, Unique, ListDiff, non-max suppression (kernels: src/runtime/kernels/dynamic.ts). */
import type { OpSpecTable } from '../opdef.js';

const nms = ['boxes: T', 'scores: T', 'max_output_size: int32'];
const nmsTypes = ['T: type = float', 'T_threshold: type = float'];

export const dynamicOps: OpSpecTable = {
  CombinedNonMaxSuppression: {
    in: ['boxes: float', 'scores: float', 'max_output_size_per_class: int32', 'max_total_size: int32', 'iou_threshold: float', 'score_threshold: float'],
    out: ['nmsed_boxes: float', 'nmsed_scores: float', 'nmsed_classes: float', 'valid_detections: int32'],
    attrs: ['pad_per_class: bool = false', 'clip_boxes: bool = true'],
  },
  Where: { in: ['input: T'], out: ['index: int64'], attrs: ['T: type = bool'] },
  Unique: { in: ['x: T'], out: ['y: T', 'idx: out_idx'], attrs: ['out_idx: type = int32'] },
  UniqueV2: { in: ['x: T', 'axis: Taxis'], out: ['y: T', 'idx: out_idx'], attrs: ['Taxis: type = int64', 'out_idx: type = int32'] },
  ListDiff: { in: ['x: T', 'y: T'], out: ['out: T', 'idx: out_idx'], attrs: ['out_idx: type = int32'] },
  NonMaxSuppression: {
    in: ['boxes: float', 'scores: float', 'max_output_size: int32'], out: ['selected_indices: int32'],
    attrs: ['iou_threshold: float = 0.5'],
  },
  NonMaxSuppressionV2: { in: [...nms, 'iou_threshold: T_threshold'], out: ['selected_indices: int32'], attrs: nmsTypes },
  NonMaxSuppressionV3: {
    in: [...nms, 'iou_threshold: T_threshold', 'score_threshold: T_threshold'], out: ['selected_indices: int32'], attrs: nmsTypes,
  },
  NonMaxSuppressionV4: {
    in: [...nms, 'iou_threshold: T_threshold', 'score_threshold: T_threshold'], out: ['selected_indices: int32', 'valid_outputs: int32'],
    attrs: [...nmsTypes, 'pad_to_max_output_size: bool = false'],
  },
  NonMaxSuppressionV5: {
    in: [...nms, 'iou_threshold: T', 'score_threshold: T', 'soft_nms_sigma: T'],
    out: ['selected_indices: int32', 'selected_scores: T', 'valid_outputs: int32'],
    attrs: ['T: type = float', 'pad_to_max_output_size: bool = false'],
  },
};
