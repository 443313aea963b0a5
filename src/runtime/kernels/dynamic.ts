/**
 * Kernels: ops whose output size depends on values (definitions: src/graph/ops/dynamic.ts).
 * They read their data on the host, as TF's CPU kernels do.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar, hostStrings } from './host.js';
import { pickStrings } from './select.js';

/** Coordinates of the non-zero (true) elements, row-major, as an `[n, rank]` int64 (int32 carrier) tensor. */
function where([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  if (x.dtype === 'string') throw ctx.error('INVALID_ARGUMENT', 'Where does not accept string tensors');
  if (x.rank === 0) throw ctx.error('INVALID_ARGUMENT', 'Where needs an input of rank ≥ 1, found a scalar');
  const data = x.dataSync() as ArrayLike<number>;
  const step = x.dtype === 'complex64' ? 2 : 1;
  const hits: number[] = [];
  for (let i = 0; i < x.size; i++) if (data[i * step] !== 0 || (step === 2 && data[i * 2 + 1] !== 0)) hits.push(i);
  const rank = x.rank;
  const out = new Int32Array(hits.length * rank);
  hits.forEach((flat, r) => {
    for (let d = rank - 1; d >= 0; d--) {
      out[r * rank + d] = flat % x.shape[d];
      flat = Math.floor(flat / x.shape[d]);
    }
  });
  return tf.tensor2d(out, [hits.length, rank], 'int32');
}

function unique([x, axisT]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  let axis = 0;
  if (axisT && axisT.size > 1) throw ctx.error('INVALID_ARGUMENT', `axis must hold at most one element, found ${axisT.size}`);
  if (axisT && axisT.size === 1) {
    axis = hostScalar(axisT);
    if (axis < -x.rank || axis >= x.rank) throw ctx.error('INVALID_ARGUMENT', `axis ${axis} is out of range for a tensor of rank ${x.rank}`);
    if (axis < 0) axis += x.rank;
  } else if (x.rank !== 1) {
    throw ctx.error('INVALID_ARGUMENT', `unique expects a 1-D vector, found shape [${x.shape}]`);
  }
  const { values, indices } = tf.unique(x, axis);
  return [values, indices];
}

/** A host key for an element (numbers by value, strings by their bytes). */
function keysOf(t: tf.Tensor): (number | string)[] {
  if (t.dtype === 'string') return hostStrings(t).map((b) => Buffer.from(b).toString('latin1'));
  return Array.from(t.dataSync() as ArrayLike<number>);
}

function listDiff([x, y]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  if (x.rank !== 1 || y.rank !== 1) throw ctx.error('INVALID_ARGUMENT', `x and y must be 1-D, found [${x.shape}] and [${y.shape}]`);
  const drop = new Set(keysOf(y));
  const kept: number[] = [];
  keysOf(x).forEach((k, i) => drop.has(k) || kept.push(i));
  const idx = tf.tensor1d(kept, 'int32');
  if (x.dtype === 'string') return [pickStrings(hostStrings(x), kept, [kept.length]), idx];
  const vals = x.dataSync() as ArrayLike<number>;
  return [tf.tensor1d(kept.map((i) => vals[i]), x.dtype as 'float32'), idx];
}

interface NmsArgs {
  boxes: tf.Tensor2D;
  scores: tf.Tensor1D;
  max: number;
  iou: number;
  scoreThreshold: number;
}

/** Shared NMS argument checks: boxes [n, 4], scores [n], max ≥ 0, 0 ≤ iou ≤ 1. */
function nmsArgs(inputs: tf.Tensor[], ctx: KernelContext, iou: number): NmsArgs {
  const [boxes, scores, maxT] = inputs;
  if (boxes.rank !== 2 || boxes.shape[1] !== 4) throw ctx.error('INVALID_ARGUMENT', `boxes must have shape [num_boxes, 4], found [${boxes.shape}]`);
  if (scores.rank !== 1 || scores.shape[0] !== boxes.shape[0]) {
    throw ctx.error('INVALID_ARGUMENT', `scores must have shape [${boxes.shape[0]}], found [${scores.shape}]`);
  }
  const max = hostScalar(maxT);
  if (maxT.size !== 1 || max < 0) throw ctx.error('INVALID_ARGUMENT', `max_output_size must be a non-negative scalar, found ${hostInts(maxT)}`);
  if (!(iou >= 0 && iou <= 1)) throw ctx.error('INVALID_ARGUMENT', `iou_threshold must be in [0, 1], found ${iou}`);
  const scoreThreshold = inputs[4] ? hostScalar(inputs[4]) : -Infinity;
  return { boxes: boxes as tf.Tensor2D, scores: scores as tf.Tensor1D, max, iou, scoreThreshold };
}

function nmsV3(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const a = nmsArgs(inputs, ctx, inputs[3] ? hostScalar(inputs[3]) : ctx.float('iou_threshold'));
  return tf.image.nonMaxSuppression(a.boxes, a.scores, a.max, a.iou, a.scoreThreshold);
}

function nmsV4(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const a = nmsArgs(inputs, ctx, hostScalar(inputs[3]));
  const r = tf.image.nonMaxSuppressionPadded(a.boxes, a.scores, a.max, a.iou, a.scoreThreshold, ctx.bool('pad_to_max_output_size'));
  return [r.selectedIndices, r.validOutputs];
}

function nmsV5(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const a = nmsArgs(inputs, ctx, hostScalar(inputs[3]));
  const sigma = hostScalar(inputs[5]);
  if (sigma < 0) throw ctx.error('INVALID_ARGUMENT', `soft_nms_sigma must be non-negative, found ${sigma}`);
  const r = tf.image.nonMaxSuppressionWithScore(a.boxes, a.scores, a.max, a.iou, a.scoreThreshold, sigma);
  const n = r.selectedIndices.shape[0];
  const valid = tf.scalar(n, 'int32');
  if (!ctx.bool('pad_to_max_output_size') || n >= a.max) return [r.selectedIndices, r.selectedScores, valid];
  const padded = tf.tidy(() => [tf.pad(r.selectedIndices, [[0, a.max - n]]), tf.pad(r.selectedScores, [[0, a.max - n]])]);
  tf.dispose([r.selectedIndices, r.selectedScores]);
  return [padded[0], padded[1], valid];
}

export const dynamicKernels: KernelTable = {
  Where: where,
  Unique: unique,
  UniqueV2: unique,
  ListDiff: listDiff,
  NonMaxSuppression: nmsV3,
  NonMaxSuppressionV2: nmsV3,
  NonMaxSuppressionV3: nmsV3,
  NonMaxSuppressionV4: nmsV4,
  NonMaxSuppressionV5: nmsV5,
};
