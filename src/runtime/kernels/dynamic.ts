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

const BYTES_AS_TEXT = new TextDecoder('latin1');

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
  // windows-1252 decoding maps each byte to its own code point: a lossless key, browser-safe
  if (t.dtype === 'string') return hostStrings(t).map((b) => BYTES_AS_TEXT.decode(b));
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

/**
 * TF's CombinedNonMaxSuppression: per image and class, NMS over that class's scores (boxes
 * shared across classes when q = 1); the survivors of all classes sorted by score, cut to
 * `max_total_size` (or, with pad_per_class, to min(max_total_size, per-class × classes)), boxes
 * clipped to [0, 1] unless clip_boxes is false, zero-padded.
 */
function combinedNms([boxes, scores, perClassT, totalT, iouT, scoreT]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  if (boxes.rank !== 4 || boxes.shape[3] !== 4) throw ctx.error('INVALID_ARGUMENT', `boxes must be [batch, num_boxes, q, 4], found [${boxes.shape}]`);
  const [batch, num, q] = boxes.shape;
  if (scores.rank !== 3 || scores.shape[0] !== batch || scores.shape[1] !== num) {
    throw ctx.error('INVALID_ARGUMENT', `scores must be [${batch}, ${num}, num_classes], found [${scores.shape}]`);
  }
  const classes = scores.shape[2] as number;
  if (q !== 1 && q !== classes) throw ctx.error('INVALID_ARGUMENT', `boxes' third dimension must be 1 or ${classes}, found ${q}`);
  const perClass = hostScalar(perClassT);
  const total = hostScalar(totalT);
  const iou = hostScalar(iouT);
  const minScore = hostScalar(scoreT);
  if (perClass <= 0 || total <= 0) throw ctx.error('INVALID_ARGUMENT', 'max_output_size_per_class and max_total_size must be positive');
  if (!(iou >= 0 && iou <= 1)) throw ctx.error('INVALID_ARGUMENT', `iou_threshold must be in [0, 1], found ${iou}`);
  const maxDet = ctx.bool('pad_per_class') ? Math.min(total, perClass * classes) : total;
  const box = boxes.dataSync() as Float32Array;
  const sc = scores.dataSync() as Float32Array;
  const clip = ctx.bool('clip_boxes');
  const outBoxes = new Float32Array(batch * maxDet * 4);
  const outScores = new Float32Array(batch * maxDet);
  const outClasses = new Float32Array(batch * maxDet);
  const valid = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const found: { score: number; cls: number; box: number }[] = [];
    for (let c = 0; c < classes; c++) {
      const cb = new Float32Array(num * 4);
      const cs = new Float32Array(num);
      for (let i = 0; i < num; i++) {
        const at = ((b * num + i) * q + (q === 1 ? 0 : c)) * 4;
        cb.set(box.subarray(at, at + 4), i * 4);
        cs[i] = sc[(b * num + i) * classes + c];
      }
      const sel = tf.tidy(() => tf.image.nonMaxSuppression(tf.tensor2d(cb, [num, 4]), tf.tensor1d(cs), perClass, iou, minScore).dataSync());
      for (const i of sel) found.push({ score: cs[i], cls: c, box: ((b * num + i) * q + (q === 1 ? 0 : c)) * 4 });
    }
    found.sort((x, y) => y.score - x.score);
    const n = Math.min(found.length, maxDet);
    valid[b] = n;
    for (let k = 0; k < n; k++) {
      const o = b * maxDet + k;
      outScores[o] = found[k].score;
      outClasses[o] = found[k].cls;
      for (let j = 0; j < 4; j++) {
        const v = box[found[k].box + j];
        outBoxes[o * 4 + j] = clip ? Math.min(Math.max(v, 0), 1) : v;
      }
    }
  }
  return [tf.tensor3d(outBoxes, [batch, maxDet, 4]), tf.tensor2d(outScores, [batch, maxDet]), tf.tensor2d(outClasses, [batch, maxDet]), tf.tensor1d(valid, 'int32')];
}

export const dynamicKernels: KernelTable = {
  CombinedNonMaxSuppression: combinedNms,
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
