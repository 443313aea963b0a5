/** Kernels: image resizing, cropping and projective transforms (definitions: src/graph/ops/image.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar } from './host.js';
import { bicubicTaps, extractPatches, resampleTaps } from './image_resample.js';
import { projectiveTransform, type FillMode } from './image_transform.js';
import { spatialAttr } from './conv_util.js';
import { selectAny } from './select.js';

/** A `[2]` size input (height, width), positive. */
function size2(t: tf.Tensor, what: string, ctx: KernelContext): [number, number] {
  const v = hostInts(t);
  if (v.length !== 2 || v.some((d) => d <= 0)) throw ctx.error('INVALID_ARGUMENT', `${what} must be 2 positive sizes, found [${v}]`);
  return [v[0], v[1]];
}

function images4d(x: tf.Tensor, ctx: KernelContext): tf.Tensor4D {
  if (x.rank !== 4) throw ctx.error('INVALID_ARGUMENT', `images must be 4-D [batch, height, width, channels], found [${x.shape}]`);
  return x as tf.Tensor4D;
}

function resizeFlags(ctx: KernelContext): [boolean, boolean] {
  const align = ctx.bool('align_corners');
  const half = ctx.bool('half_pixel_centers');
  if (align && half) throw ctx.error('INVALID_ARGUMENT', 'align_corners and half_pixel_centers cannot both be true');
  return [align, half];
}

function resizeBilinear([x, sizeT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const img = images4d(x, ctx);
  const [align, half] = resizeFlags(ctx);
  const size = size2(sizeT, 'size', ctx);
  if (img.dtype === 'float32') return tf.image.resizeBilinear(img, size, align, half);
  return tf.tidy(() => tf.image.resizeBilinear(tf.cast(img, 'float32'), size, align, half));
}

function resizeNearest([x, sizeT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const img = images4d(x, ctx);
  const [align, half] = resizeFlags(ctx);
  const y = tf.image.resizeNearestNeighbor(img, size2(sizeT, 'size', ctx), align, half);
  if (y.dtype === img.dtype) return y;
  const cast = tf.cast(y, img.dtype);
  y.dispose();
  return cast;
}

function cropAndResize([image, boxes, boxInd, cropT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const img = images4d(image, ctx);
  const n = boxes.shape[0];
  if (boxes.rank !== 2 || boxes.shape[1] !== 4) throw ctx.error('INVALID_ARGUMENT', `boxes must be [num_boxes, 4], found [${boxes.shape}]`);
  if (boxInd.rank !== 1 || boxInd.shape[0] !== n) throw ctx.error('INVALID_ARGUMENT', `box_ind must be [${n}], found [${boxInd.shape}]`);
  const bad = hostInts(boxInd).find((b) => b < 0 || b >= img.shape[0]);
  if (bad !== undefined) throw ctx.error('OUT_OF_RANGE', `box_ind value ${bad} is not in [0, ${img.shape[0]})`);
  const crop = size2(cropT, 'crop_size', ctx);
  const method = ctx.str('method') as 'bilinear' | 'nearest';
  return tf.tidy(() => tf.image.cropAndResize(img.dtype === 'float32' ? img : tf.cast(img, 'float32'), boxes as tf.Tensor2D, boxInd as tf.Tensor1D,
    crop, method, ctx.float('extrapolation_value')));
}

const FILL_MODES: readonly string[] = ['CONSTANT', 'REFLECT', 'WRAP', 'NEAREST'];

function projective([x, transforms, shapeT, fillT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const img = images4d(x, ctx);
  if (transforms.rank !== 2 || transforms.shape[1] !== 8 || (transforms.shape[0] !== 1 && transforms.shape[0] !== img.shape[0])) {
    throw ctx.error('INVALID_ARGUMENT', `transforms must be [1 or ${img.shape[0]}, 8], found [${transforms.shape}]`);
  }
  const interp = ctx.str('interpolation');
  if (interp !== 'NEAREST' && interp !== 'BILINEAR') throw ctx.error('INVALID_ARGUMENT', `interpolation must be NEAREST or BILINEAR, found '${interp}'`);
  const mode = ctx.str('fill_mode');
  if (!FILL_MODES.includes(mode)) throw ctx.error('INVALID_ARGUMENT', `unknown fill_mode '${mode}'`);
  const [outHeight, outWidth] = size2(shapeT, 'output_shape', ctx);
  const values = projectiveTransform(img.dataSync() as ArrayLike<number>, {
    shape: img.shape, transforms: transforms.dataSync() as Float32Array, outHeight, outWidth,
    bilinear: interp === 'BILINEAR', mode: mode as FillMode, fill: fillT ? hostScalar(fillT) : 0,
  });
  const shape = [img.shape[0], outHeight, outWidth, img.shape[3]];
  if (img.dtype === 'float32') return tf.tensor(values, shape, 'float32');
  // T(value): C++ conversion truncates toward zero
  return tf.tensor(Int32Array.from(values, Math.trunc), shape, img.dtype);
}

function resizeBicubic([x, sizeT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const img = images4d(x, ctx);
  const [align, half] = resizeFlags(ctx);
  const [oh, ow] = size2(sizeT, 'size', ctx);
  const [, h, w] = img.shape;
  return resampleTaps(img, bicubicTaps(h, oh, align, half), bicubicTaps(w, ow, align, half));
}

function patches([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const img = images4d(x, ctx);
  const k = spatialAttr(ctx, 'ksizes', 4);
  const s = spatialAttr(ctx, 'strides', 4);
  const r = spatialAttr(ctx, 'rates', 4);
  if ([...k, ...s, ...r].some((v) => v < 1)) throw ctx.error('INVALID_ARGUMENT', 'ksizes, strides and rates must be positive');
  return selectAny(img, (t) => extractPatches(t as tf.Tensor4D, k, s, r, ctx.str('padding') === 'SAME'));
}

export const imageKernels: KernelTable = {
  ResizeBicubic: resizeBicubic,
  ExtractImagePatches: patches,
  ResizeBilinear: resizeBilinear,
  ResizeNearestNeighbor: resizeNearest,
  CropAndResize: cropAndResize,
  ImageProjectiveTransformV2: projective,
  ImageProjectiveTransformV3: projective,
};
