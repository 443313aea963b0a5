/**
 * Parsing serialized `tf.Example` protos into dense, sparse and ragged feature tensors, with
 * ParseExample's rules: a dense feature must hold exactly as many values as its shape has
 * elements, or be absent and have a default; sparse features become (indices, values, shape);
 * ragged ones (values, row_splits).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { TfDType } from '../graph/dtypes.js';
import { tensorflow } from '../proto/index.js';
import { checkInt32 } from './dtypes.js';

/** What to extract. */
export interface ExampleSpec {
  readonly dense: readonly { key: string; dtype: TfDType; shape: readonly number[]; defaults: tf.Tensor }[];
  readonly sparse: readonly { key: string; dtype: TfDType }[];
  readonly ragged: readonly { key: string; dtype: TfDType; splitDtype: TfDType }[];
}

type Values = number[] | Uint8Array[];

function featureValues(f: tensorflow.Feature | undefined, key: string, dtype: TfDType, index: number): Values | undefined {
  if (!f) return undefined;
  const want = dtype === 'string' ? 'bytesList' : dtype === 'int64' ? 'int64List' : 'floatList';
  const kind = f.bytesList ? 'bytesList' : f.int64List ? 'int64List' : f.floatList ? 'floatList' : undefined;
  if (kind === undefined) return [];
  if (kind !== want) {
    throw new SavedModelError('INVALID_ARGUMENT', `Name: <unknown>, Key: ${key}, Index: ${index}. Data types don't match. Expected type: ${dtype}, found ${kind.replace('List', '')}`);
  }
  if (kind === 'bytesList') return (f.bytesList!.value ?? []) as Uint8Array[];
  if (kind === 'floatList') return (f.floatList!.value ?? []) as number[];
  return (f.int64List!.value ?? []).map((v) => checkInt32(typeof v === 'number' ? v : (v as { toNumber(): number }).toNumber(), `feature '${key}'`));
}

function decode(bytes: Uint8Array, index: number): Map<string, tensorflow.Feature> {
  let ex: tensorflow.Example;
  try {
    ex = tensorflow.Example.decode(bytes);
  } catch (e) {
    throw new SavedModelError('INVALID_ARGUMENT', `Could not parse example input, value ${index}: ${(e as Error).message}`);
  }
  const m = ex.features?.feature ?? {};
  return new Map(Object.entries(m) as [string, tensorflow.Feature][]);
}

function makeTensor(values: Values, shape: number[], dtype: TfDType): tf.Tensor {
  if (dtype === 'string') return tf.tensor(values as Uint8Array[], shape, 'string');
  return dtype === 'float32' ? tf.tensor(Float32Array.from(values as number[]), shape, 'float32') : tf.tensor(Int32Array.from(values as number[]), shape, 'int32');
}

function hostValues(t: tf.Tensor): Values {
  return t.dtype === 'string' ? (tf.engine().readSync(t.dataId) as unknown as Uint8Array[]) : Array.from(t.dataSync() as ArrayLike<number>);
}

/**
 * Parses `serialized` (byte strings of one batch; `batchShape` [] for a scalar input) and
 * returns [sparse indices…, sparse values…, sparse shapes…, dense…, ragged values…, ragged splits…].
 */
export function parseExamples(serialized: Uint8Array[], batchShape: number[], spec: ExampleSpec): tf.Tensor[] {
  const examples = serialized.map(decode);
  const B = examples.length;
  const dense = spec.dense.map(({ key, dtype, shape, defaults }) => {
    if (shape.some((d) => d < 0)) throw new SavedModelError('UNIMPLEMENTED', `dense feature '${key}' with an unknown dimension`);
    const n = shape.reduce((a, b) => a * b, 1);
    const def = defaults.size > 0 ? hostValues(defaults) : undefined;
    if (def && def.length !== n && def.length !== 1) {
      throw new SavedModelError('INVALID_ARGUMENT', `default for dense feature '${key}' has ${def.length} values, its shape [${shape}] needs ${n}`);
    }
    const out: (number | Uint8Array)[] = new Array(B * n);
    examples.forEach((ex, b) => {
      let v = featureValues(ex.get(key), key, dtype, b);
      if (v === undefined) {
        if (!def) throw new SavedModelError('INVALID_ARGUMENT', `Feature: ${key} (data type: ${dtype}) is required but could not be found.`);
        v = def.length === n ? def : (new Array(n).fill(def[0]) as Values);
      }
      if (v.length !== n) {
        throw new SavedModelError('INVALID_ARGUMENT', `Key: ${key}, Index: ${b}. Number of ${dtype} values != expected. values size: ${v.length} but output shape: [${shape}]`);
      }
      for (let i = 0; i < n; i++) out[b * n + i] = v[i];
    });
    return makeTensor(out as Values, [...batchShape, ...shape], dtype);
  });
  const sparseIdx: tf.Tensor[] = [];
  const sparseVals: tf.Tensor[] = [];
  const sparseShapes: tf.Tensor[] = [];
  for (const { key, dtype } of spec.sparse) {
    const idx: number[] = [];
    const vals: (number | Uint8Array)[] = [];
    let maxLen = 0;
    examples.forEach((ex, b) => {
      const v = featureValues(ex.get(key), key, dtype, b) ?? [];
      maxLen = Math.max(maxLen, v.length);
      for (let i = 0; i < v.length; i++) {
        if (batchShape.length) idx.push(b, i);
        else idx.push(i);
        vals.push(v[i]);
      }
    });
    const rank = batchShape.length + 1;
    sparseIdx.push(tf.tensor(Int32Array.from(idx), [vals.length, rank], 'int32'));
    sparseVals.push(makeTensor(vals as Values, [vals.length], dtype));
    sparseShapes.push(tf.tensor1d(batchShape.length ? [B, maxLen] : [maxLen], 'int32'));
  }
  const raggedVals: tf.Tensor[] = [];
  const raggedSplits: tf.Tensor[] = [];
  for (const { key, dtype } of spec.ragged) {
    const vals: (number | Uint8Array)[] = [];
    const splits = [0];
    examples.forEach((ex, b) => {
      for (const x of featureValues(ex.get(key), key, dtype, b) ?? []) vals.push(x);
      splits.push(vals.length);
    });
    raggedVals.push(makeTensor(vals as Values, [vals.length], dtype));
    raggedSplits.push(tf.tensor1d(splits, 'int32'));
  }
  return [...sparseIdx, ...sparseVals, ...sparseShapes, ...dense, ...raggedVals, ...raggedSplits];
}
