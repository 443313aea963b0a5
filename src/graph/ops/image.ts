/** Op definitions: image resizing, cropping and projective transforms (kernels: src/runtime/kernels/image.ts). */
import type { OpSpecTable } from '../opdef.js';

const resize = ['align_corners: bool = false', 'half_pixel_centers: bool = false'];
const transform = (withFill: boolean) => ({
  in: ['images: dtype', 'transforms: float', 'output_shape: int32', ...(withFill ? ['fill_value: float'] : [])],
  out: ['transformed_images: dtype'],
  attrs: ['dtype: type', 'interpolation: string', "fill_mode: string = 'CONSTANT'"],
});

export const imageOps: OpSpecTable = {
  ResizeBilinear: { in: ['images: T', 'size: int32'], out: ['resized_images: float'], attrs: resize },
  ResizeNearestNeighbor: { in: ['images: T', 'size: int32'], out: ['resized_images: T'], attrs: resize },
  ResizeBicubic: { in: ['images: T', 'size: int32'], out: ['resized_images: float'], attrs: resize },
  ExtractImagePatches: {
    in: ['images: T'], out: ['patches: T'], attrs: ['ksizes: list(int)', 'strides: list(int)', 'rates: list(int)', "padding: {'SAME', 'VALID'}"],
  },
  CropAndResize: {
    in: ['image: T', 'boxes: float', 'box_ind: int32', 'crop_size: int32'], out: ['crops: float'],
    attrs: ["method: {'bilinear', 'nearest'} = 'bilinear'", 'extrapolation_value: float = 0'],
  },
  ImageProjectiveTransformV2: transform(false),
  ImageProjectiveTransformV3: transform(true),
};
