/**
 * Decision-forest inference as TF-DF's `SimpleMLInferenceOpWithHandle` returns it: features come
 * grouped by type (numerical and boolean as float, NaN missing; categorical as vocabulary index,
 * −1 missing, out-of-range → 0), each group in the model's input-feature order. Output per example:
 * class probabilities (binary: [1 − p, p]) or the regression value.
 */
import { SavedModelError } from '../../errors.js';
import { ColumnType, Loss, Task, type Condition, type TreeNode, type YdfModel } from './model.js';

/** Feature matrices of one batch, row-major. */
export interface FeatureBatch {
  batch: number;
  numerical: Float32Array;
  boolean: Float32Array;
  categorical: Int32Array;
}

/** Where each model column is found in the batch: group and column within it. */
export interface FeatureLayout {
  /** column index → [group, position]; group 0 numerical, 1 boolean, 2 categorical. */
  at: Map<number, [number, number]>;
  counts: [number, number, number];
}

/** The per-type feature layout of a model (TF-DF's FeatureIndex). */
export function featureLayout(m: YdfModel): FeatureLayout {
  const at = new Map<number, [number, number]>();
  const counts: [number, number, number] = [0, 0, 0];
  for (const c of m.inputFeatures) {
    const t = m.columns[c]?.type;
    const group = ([ColumnType.NUMERICAL, ColumnType.BOOLEAN, ColumnType.CATEGORICAL] as number[]).indexOf(t) as 0 | 1 | 2 | -1;
    if (group === -1) throw new SavedModelError('UNIMPLEMENTED', `feature '${m.columns[c]?.name}' has column type ${t} (only numerical, boolean and categorical features run)`);
    at.set(c, [group, counts[group]++]);
  }
  return { at, counts };
}

/** The value of column `c` for example `e` (NaN when missing; categorical as its index, −1 missing). */
function valueOf(m: YdfModel, lay: FeatureLayout, f: FeatureBatch, e: number, c: number): number {
  const loc = lay.at.get(c);
  if (!loc) throw new SavedModelError('INVALID_ARGUMENT', `the model splits on column ${c}, which is not an input feature`);
  const [g, k] = loc;
  if (g === 0) return f.numerical[e * lay.counts[0] + k];
  if (g === 1) {
    const v = f.boolean[e * lay.counts[1] + k];
    return Number.isNaN(v) ? NaN : v >= 0.5 ? 1 : 0;
  }
  const v = f.categorical[e * lay.counts[2] + k];
  if (v === -1) return NaN;
  return v < -1 || v >= m.columns[c].numUnique ? 0 : v;
}

function evalCondition(m: YdfModel, lay: FeatureLayout, f: FeatureBatch, e: number, n: TreeNode, c: Condition): boolean {
  if (c.kind === 'oblique') {
    let sum = 0;
    for (let i = 0; i < c.attributes.length; i++) {
      let v = valueOf(m, lay, f, e, c.attributes[i]);
      if (Number.isNaN(v)) {
        if (c.naReplacements.length === 0) return n.naValue;
        v = c.naReplacements[i];
      }
      sum += v * c.weights[i];
    }
    return sum >= c.threshold;
  }
  const v = valueOf(m, lay, f, e, n.attribute);
  if (c.kind === 'na') return Number.isNaN(v);
  if (Number.isNaN(v)) return n.naValue;
  switch (c.kind) {
    case 'higher': return v >= c.threshold;
    case 'true': return v === 1;
    case 'contains': return c.elements.has(v);
    case 'bitmap': return ((c.bitmap[v >> 3] ?? 0) >> (v & 7) & 1) === 1;
  }
}

function leaf(m: YdfModel, lay: FeatureLayout, f: FeatureBatch, e: number, tree: TreeNode[]): TreeNode {
  let n = tree[0];
  while (n.condition) n = tree[evalCondition(m, lay, f, e, n, n.condition) ? n.pos : n.neg];
  return n;
}

/** Number of output columns: classes (without out-of-vocabulary) or 1. */
export function outputDim(m: YdfModel): number {
  return m.task === Task.CLASSIFICATION ? m.columns[m.labelColumn].numUnique - 1 : 1;
}

/** Predictions [batch, outputDim] for the batch. */
export function predict(m: YdfModel, lay: FeatureLayout, f: FeatureBatch): Float32Array {
  if (m.task !== Task.CLASSIFICATION && m.task !== Task.REGRESSION) throw new SavedModelError('UNIMPLEMENTED', `Yggdrasil task ${m.task} (classification and regression run)`);
  const dim = outputDim(m);
  const out = new Float32Array(f.batch * dim);
  const acc = new Float64Array(Math.max(dim, m.treesPerIter) + 1);
  for (let e = 0; e < f.batch; e++) {
    acc.fill(0);
    if (m.kind === 'GRADIENT_BOOSTED_TREES') {
      m.trees.forEach((t, i) => (acc[i % m.treesPerIter] += leaf(m, lay, f, e, t).value));
      gbtActivate(m, acc, out.subarray(e * dim, (e + 1) * dim));
    } else {
      for (const t of m.trees) {
        const l = leaf(m, lay, f, e, t);
        if (m.task === Task.REGRESSION) acc[0] += l.value;
        else if (m.winnerTakeAll) acc[l.value - 1] += 1;
        else {
          const d = l.distribution ?? [];
          const sum = d.reduce((a, b) => a + b, 0) || 1;
          for (let k = 0; k < dim; k++) acc[k] += (d[k + 1] ?? 0) / sum;
        }
      }
      for (let k = 0; k < dim; k++) out[e * dim + k] = acc[k] / m.trees.length;
    }
  }
  return out;
}

/** GBT link function: sigmoid (binary), softmax (multiclass), exp (Poisson), identity otherwise. */
function gbtActivate(m: YdfModel, acc: Float64Array, out: Float32Array): void {
  const k = m.treesPerIter;
  for (let i = 0; i < k; i++) acc[i] += m.initialPredictions[i] ?? 0;
  if (m.outputLogits || m.task === Task.REGRESSION) {
    out[0] = m.loss === Loss.POISSON && !m.outputLogits ? Math.exp(acc[0]) : acc[0];
    return;
  }
  if (m.loss === Loss.BINOMIAL_LOG_LIKELIHOOD || m.loss === Loss.BINARY_FOCAL_LOSS) {
    const p = 1 / (1 + Math.exp(-acc[0]));
    out[0] = 1 - p;
    out[1] = p;
    return;
  }
  if (m.loss === Loss.MULTINOMIAL_LOG_LIKELIHOOD) {
    let max = -Infinity;
    for (let i = 0; i < k; i++) max = Math.max(max, acc[i]);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += Math.exp(acc[i] - max);
    for (let i = 0; i < k; i++) out[i] = Math.exp(acc[i] - max) / sum;
    return;
  }
  throw new SavedModelError('UNIMPLEMENTED', `gradient boosted trees loss ${m.loss} for classification`);
}
