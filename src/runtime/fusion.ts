/**
 * Plan-time fusion, as TensorFlow's grappler remapper does on CPU: `MatMul → BiasAdd [→ Relu |
 * Relu6]` and `Conv2D → BiasAdd [→ Relu | Relu6]` chains whose intermediate values nothing else
 * reads (no other consumer, not fetched, no control edge on them) become one step running tfjs's
 * fused kernel — one dispatch, the bias and activation applied inside the product (the WASM
 * backend caches the packed weights and bias together). While gradients are recorded, or when
 * operands do not fit the fused kernel, the step computes the chain op by op instead. Opt-in
 * (`fuseOps`): the fused kernels round differently in the last bits, as TensorFlow's do.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DtypeAttr, type AttrJs } from '../graph/attrs.js';
import type { GraphIndex, IndexedNode } from './graph_index.js';
import type { FusedHead, FusedOp, Plan, PlanStep } from './plan.js';

const ACTIVATIONS: Readonly<Record<string, 'relu' | 'relu6'>> = { Relu: 'relu', Relu6: 'relu6' };

function isFloat32(attrs: Readonly<Record<string, AttrJs>>): boolean {
  const t = attrs.T;
  return t instanceof DtypeAttr && t.dtype === 'float32';
}

function ints(v: AttrJs | undefined): number[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null;
}

/** The fused form of a chain head (MatMul or NHWC Conv2D with SAME/VALID padding), or null. */
function headOp(n: IndexedNode): FusedHead | null {
  if (!isFloat32(n.attrs)) return null;
  if (n.op === 'MatMul') {
    return { kind: 'matmul', transposeA: n.attrs.transpose_a === true, transposeB: n.attrs.transpose_b === true };
  }
  if (n.op !== 'Conv2D' || n.attrs.data_format !== 'NHWC') return null;
  const strides = ints(n.attrs.strides);
  const dil = ints(n.attrs.dilations);
  const pad = n.attrs.padding;
  if (!strides || !dil || strides.length !== 4 || dil.length !== 4 || strides[0] !== 1 || strides[3] !== 1 || dil[0] !== 1 || dil[3] !== 1) return null;
  if (pad !== 'SAME' && pad !== 'VALID') return null;
  if ((strides[1] > 1 || strides[2] > 1) && (dil[1] > 1 || dil[2] > 1)) return null;
  return { kind: 'conv2d', strides: [strides[1], strides[2]], dilations: [dil[1], dil[2]], pad: pad === 'SAME' ? 'same' : 'valid' };
}

/**
 * `plan` with fusible chains of graph `g` merged into single steps (the same plan object when
 * there are none). Plans that may carry dead values are left as they are.
 */
export function fusePlan(g: GraphIndex, plan: Plan): Plan {
  if (plan.mayBeDead) return plan;
  const steps = plan.steps;
  // Readers of each slot, and nodes something depends on through a control edge.
  const readers = new Int32Array(plan.numSlots);
  for (const s of steps) for (const slot of s.inputSlots) readers[slot]++;
  for (const slot of plan.fetchSlots) readers[slot] += 2;
  const controlled = new Set<number>();
  for (const s of steps) for (const c of s.node.controls) controlled.add(c);
  const stepOf = new Map<number, number>();
  steps.forEach((s, i) => stepOf.set(s.node.index, i));
  /** The only step reading output 0 of `s`, when that is its single reader and `s` is not controlled. */
  const soleReader = (s: PlanStep): number => {
    const out = s.outputSlots[0];
    if (s.outputSlots.length !== 1 || out < 0 || readers[out] !== 1 || controlled.has(s.node.index)) return -1;
    for (let j = stepOf.get(s.node.index)! + 1; j < steps.length; j++) if (steps[j].inputSlots.includes(out)) return j;
    return -1;
  };
  const replaced = new Map<number, PlanStep>();
  const dropped = new Set<number>();
  steps.forEach((head, i) => {
    const op = headOp(head.node);
    if (!op || head.deref || head.inputSlots.length !== 2) return;
    const bi = soleReader(head);
    if (bi < 0) return;
    const bias = steps[bi];
    if (bias.node.op !== 'BiasAdd' || !isFloat32(bias.node.attrs) || bias.inputSlots.length !== 2 || bias.inputSlots[0] !== head.outputSlots[0] || bias.deref) return;
    if (op.kind === 'conv2d' && bias.node.attrs.data_format !== 'NHWC') return;
    let last = bias;
    let li = bi;
    let activation: FusedOp['activation'] = 'linear';
    const ai = soleReader(bias);
    if (ai >= 0 && ACTIVATIONS[steps[ai].node.op] && isFloat32(steps[ai].node.attrs) && !steps[ai].deref && steps[ai].inputSlots.length === 1) {
      last = steps[ai];
      li = ai;
      activation = ACTIVATIONS[last.node.op];
    }
    const intermediate = new Set([head.outputSlots[0], bias.outputSlots[0]]);
    const frees = [head, bias, last].filter((s, k, all) => all.indexOf(s) === k).flatMap((s) => [...s.frees]).filter((slot) => !intermediate.has(slot));
    replaced.set(li, {
      node: head.node,
      inputSlots: Int32Array.of(head.inputSlots[0], head.inputSlots[1], bias.inputSlots[1]),
      outputSlots: Int32Array.of(last.outputSlots[0]),
      frees: Int32Array.from(new Set(frees)),
      deref: null,
      controls: new Int32Array(0),
      readsVariable: false,
      fused: { ...op, activation },
    });
    dropped.add(i);
    if (li !== bi) dropped.add(bi);
  });
  if (!replaced.size) return plan;
  const out: PlanStep[] = [];
  steps.forEach((s, i) => {
    if (replaced.has(i)) out.push(replaced.get(i)!);
    else if (!dropped.has(i)) out.push(s);
  });
  return { ...plan, steps: out, size: out.length };
}

function activate(y: tf.Tensor, activation: FusedOp['activation']): tf.Tensor {
  return activation === 'relu' ? tf.relu(y) : activation === 'relu6' ? tf.relu6(y) : y;
}

/**
 * True when the backend's record of `t`'s data is 1-D: the WASM fused kernels check the shape
 * the data was written with, which a reshaped or sliced view (a row of a matrix) does not change.
 */
function storedAsVector(t: tf.Tensor): boolean {
  const stored = (tf.backend() as unknown as { dataIdMap?: { get(id: object): { shape?: number[] } | undefined } }).dataIdMap?.get(t.dataId)?.shape;
  return stored === undefined || stored.length === 1;
}

/** Runs a fused step on (input, weights, bias). */
export function runFused(f: FusedOp, [x, w, bias]: tf.Tensor[]): tf.Tensor {
  const channels = w.shape[w.rank - 1 - (f.kind === 'matmul' && f.transposeB ? 1 : 0)];
  const fits = x.dtype === 'float32' && w.dtype === 'float32' && bias.dtype === 'float32' && bias.rank === 1 && bias.shape[0] === channels && storedAsVector(bias);
  if (f.kind === 'matmul') {
    if (fits && x.rank === 2 && w.rank === 2 && !tf.engine().isTapeOn()) {
      return tf.fused.matMul({ a: x, b: w, transposeA: f.transposeA, transposeB: f.transposeB, bias, activation: f.activation });
    }
    return tf.tidy(() => activate(tf.add(tf.matMul(x, w, f.transposeA, f.transposeB), bias), f.activation));
  }
  if (fits && x.rank === 4 && w.rank === 4 && !tf.engine().isTapeOn()) {
    return tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: f.strides, pad: f.pad, dataFormat: 'NHWC', dilations: f.dilations, bias, activation: f.activation });
  }
  return tf.tidy(() => activate(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, f.strides, f.pad, 'NHWC', f.dilations), bias), f.activation));
}
