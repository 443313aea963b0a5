/**
 * Kernels: ragged tensors (definitions: src/graph/ops/ragged.ts). Row partitions are small index
 * vectors and are walked on the host; the flat values move with one device gather or scatter.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostInts, hostScalar, hostStrings } from './host.js';
import { selectAny } from './select.js';

function int32s(v: ArrayLike<number>): tf.Tensor1D {
  return tf.tensor1d(Int32Array.from(v), 'int32');
}

/** Checks a row_splits vector: starts at 0, non-decreasing, ends at `size` when given. */
function checkSplits(s: number[], what: string, ctx: KernelContext, size?: number): void {
  if (s.length === 0 || s[0] !== 0) throw ctx.error('INVALID_ARGUMENT', `${what} must start with 0, found [${s.slice(0, 4)}…]`);
  for (let i = 1; i < s.length; i++) if (s[i] < s[i - 1]) throw ctx.error('INVALID_ARGUMENT', `${what} must be non-decreasing`);
  if (size !== undefined && s[s.length - 1] !== size) throw ctx.error('INVALID_ARGUMENT', `${what} ends at ${s[s.length - 1]} but the next level has ${size} rows`);
}

function raggedGather(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const r = ctx.int('PARAMS_RAGGED_RANK');
  const splits = inputs.slice(0, r).map(hostInts);
  const values = inputs[r];
  const indices = inputs[r + 1];
  splits.forEach((s, l) => checkSplits(s, `params_nested_splits[${l}]`, ctx, l + 1 < r ? splits[l + 1].length - 1 : values.shape[0]));
  const nrows = splits[0].length - 1;
  const idx = hostInts(indices);
  const bad = idx.find((i) => i < 0 || i >= nrows);
  if (bad !== undefined) throw ctx.error('INVALID_ARGUMENT', `index ${bad} is out of range [0, ${nrows})`);
  const out: number[][] = [];
  // uniform partitions for the indices' own outer dimensions
  for (let d = 1; d < indices.rank; d++) {
    const rows = indices.shape.slice(0, d).reduce((a, b) => a * b, 1);
    out.push(Array.from({ length: rows + 1 }, (_, i) => i * indices.shape[d]));
  }
  // each index selects one contiguous row range per level
  let ranges = idx.map((i) => [i, i + 1]);
  for (const s of splits) {
    const level = [0];
    for (const [a, b] of ranges) for (let row = a; row < b; row++) level.push(level[level.length - 1] + s[row + 1] - s[row]);
    out.push(level);
    ranges = ranges.map(([a, b]) => [s[a], s[b]]);
  }
  const take: number[] = [];
  for (const [a, b] of ranges) for (let i = a; i < b; i++) take.push(i);
  const picked = tf.tidy(() => {
    const t = int32s(take);
    return selectAny(values, (v) => tf.gather(v, t));
  });
  return [...out.map(int32s), picked];
}

function raggedRange([startsT, limitsT, deltasT]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const all = [startsT, limitsT, deltasT];
  if (all.some((t) => t.rank > 1)) throw ctx.error('INVALID_ARGUMENT', 'starts, limits and deltas must be scalars or vectors');
  const n = Math.max(...all.map((t) => (t.rank === 1 ? t.shape[0] : 1)));
  if (all.some((t) => t.rank === 1 && t.shape[0] !== n)) throw ctx.error('INVALID_ARGUMENT', 'starts, limits and deltas vectors must have one length');
  const [s, l, d] = all.map((t) => Array.from(t.dataSync() as ArrayLike<number>));
  const at = (v: number[], i: number): number => (v.length === 1 ? v[0] : v[i]);
  const float = startsT.dtype === 'float32';
  const splits = [0];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b, step] = [at(s, i), at(l, i), at(d, i)];
    if (step === 0) throw ctx.error('INVALID_ARGUMENT', 'requires delta != 0');
    let size = 0;
    if (!((step > 0 && b < a) || (step < 0 && b > a))) size = float ? Math.ceil(Math.abs(Math.fround((b - a) / step))) : Math.ceil(Math.abs(b - a) / Math.abs(step));
    let v = a;
    for (let k = 0; k < size; k++) {
      vals.push(v);
      v = float ? Math.fround(v + step) : v + step;
    }
    splits.push(vals.length);
  }
  return [int32s(splits), tf.tensor1d(vals, startsT.dtype as 'float32')];
}

/**
 * Per value: its coordinates [row, pos_0, …] in the dense result, from the row partitions
 * (ROW_SPLITS per level, or FIRST_DIM_SIZE then VALUE_ROWIDS per level); also the row counts and
 * the longest row of each level.
 */
function coordinates(types: string[], parts: tf.Tensor[], nvalues: number, ctx: KernelContext): { coords: number[][]; dims: number[] } {
  let k = 0;
  let nrows: number;
  if (types[0] === 'FIRST_DIM_SIZE') {
    nrows = hostScalar(parts[0]);
    k = 1;
  } else {
    nrows = hostInts(parts[0]).length - 1;
  }
  let coords: number[][] = Array.from({ length: nrows }, (_, i) => [i]);
  const dims = [nrows];
  for (; k < types.length; k++) {
    const v = hostInts(parts[k]);
    const next: number[][] = [];
    let longest = 0;
    if (types[k] === 'ROW_SPLITS') {
      checkSplits(v, `row_partition_tensors[${k}]`, ctx);
      if (v.length - 1 !== coords.length) throw ctx.error('INVALID_ARGUMENT', `row_splits[${k}] has ${v.length - 1} rows, the level above has ${coords.length}`);
      for (let r = 0; r < coords.length; r++) {
        for (let j = v[r]; j < v[r + 1]; j++) next.push([...coords[r], j - v[r]]);
        longest = Math.max(longest, v[r + 1] - v[r]);
      }
    } else if (types[k] === 'VALUE_ROWIDS') {
      let prev = -1;
      let pos = 0;
      for (const r of v) {
        if (r < prev || r < 0 || r >= coords.length) throw ctx.error('INVALID_ARGUMENT', `value_rowids[${k}] must be sorted and in [0, ${coords.length})`);
        pos = r === prev ? pos + 1 : 0;
        prev = r;
        next.push([...coords[r], pos]);
        longest = Math.max(longest, pos + 1);
      }
    } else {
      throw ctx.error('UNIMPLEMENTED', `row partition type '${types[k]}'`);
    }
    coords = next;
    dims.push(longest);
  }
  if (coords.length !== nvalues) throw ctx.error('INVALID_ARGUMENT', `the row partitions address ${coords.length} values, found ${nvalues}`);
  return { coords, dims };
}

function raggedToTensor([shapeT, values, dflt, ...parts]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const types = ctx.strs('row_partition_types');
  if (types.length !== parts.length) throw ctx.error('INVALID_ARGUMENT', `${types.length} row_partition_types for ${parts.length} partition tensors`);
  const { coords, dims } = coordinates(types, parts, values.shape[0], ctx);
  const inner = values.shape.slice(1);
  const natural = [...dims, ...inner];
  const given = shapeT.rank === 0 ? [] : hostInts(shapeT);
  if (given.length && given.length !== natural.length) throw ctx.error('INVALID_ARGUMENT', `shape [${given}] should have rank ${natural.length}`);
  const shape = natural.map((d, i) => (given.length && given[i] >= 0 ? given[i] : d));
  if (inner.some((d, i) => d !== shape[dims.length + i])) throw ctx.error('INVALID_ARGUMENT', `value shape [${inner}] does not match the result's inner dims [${shape.slice(dims.length)}]`);
  const kept: number[] = [];
  const where: number[] = [];
  coords.forEach((c, i) => {
    if (c.every((x, d) => x < shape[d])) {
      kept.push(i);
      where.push(...c);
    }
  });
  if (values.dtype === 'string') return stringsToTensor(values, dflt, shape, dims.length, kept, where);
  return tf.tidy(() => {
    const base = tf.broadcastTo(tf.reshape(dflt, [...new Array<number>(shape.length - dflt.rank).fill(1), ...dflt.shape]), shape);
    if (kept.length === 0) return tf.clone(base);
    const idx = tf.tensor2d(where, [kept.length, dims.length], 'int32');
    return tf.tensorScatterUpdate(base, idx, tf.gather(values, int32s(kept)));
  });
}

/** The string case of RaggedTensorToTensor, on the host: default-filled, then each kept value's block copied. */
function stringsToTensor(values: tf.Tensor, dflt: tf.Tensor, shape: number[], outer: number, kept: number[], where: number[]): tf.Tensor {
  const src = hostStrings(values);
  const def = hostStrings(dflt);
  const block = shape.slice(outer).reduce((a, b) => a * b, 1);
  const out = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => def[i % def.length]);
  kept.forEach((k, n) => {
    let off = 0;
    for (let d = 0; d < outer; d++) off = off * shape[d] + where[n * outer + d];
    for (let j = 0; j < block; j++) out[off * block + j] = src[k * block + j];
  });
  return tf.tensor(out, shape, 'string');
}

export const raggedKernels: KernelTable = {
  RaggedGather: raggedGather,
  RaggedRange: raggedRange,
  RaggedTensorToTensor: raggedToTensor,
};
