/**
 * Einsum on tfjs without an Einsum kernel (the WASM backend has none): one or two operands,
 * labels summed out where they appear in one operand only, then one batched matrix product
 * (batch labels × free labels × contracted labels) and a final transpose. `...` expands to
 * the unnamed leading dimensions. Repeated labels inside one operand (diagonals) are refused.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';

function fail(eq: string, why: string): never {
  throw new SavedModelError('UNIMPLEMENTED', `einsum '${eq}': ${why}`);
}

/** Replaces `...` with fresh uppercase labels; returns per-operand label strings and the output. */
function expandEllipsis(eq: string, ranks: number[]): { ins: string[]; out: string } {
  const [lhs, explicitOut] = eq.replace(/\s/g, '').split('->');
  const ins = lhs.split(',');
  if (ins.length !== ranks.length) fail(eq, `${ins.length} operand terms for ${ranks.length} inputs`);
  let ell = 0;
  ins.forEach((t, i) => {
    if (t.includes('...')) ell = Math.max(ell, ranks[i] - (t.length - 3));
  });
  const fresh = Array.from({ length: ell }, (_, i) => String.fromCharCode(65 + i));
  const expanded = ins.map((t, i) => (t.includes('...') ? t.replace('...', fresh.slice(ell - (ranks[i] - (t.length - 3))).join('')) : t));
  let out: string;
  if (explicitOut !== undefined) out = explicitOut.replace('...', fresh.join(''));
  else {
    // Implicit output: ellipsis labels, then labels that appear once, alphabetically.
    const counts = new Map<string, number>();
    for (const t of expanded) for (const c of t) counts.set(c, (counts.get(c) ?? 0) + 1);
    out = fresh.join('') + [...counts].filter(([c, n]) => n === 1 && !fresh.includes(c)).map(([c]) => c).sort().join('');
  }
  return { ins: expanded, out };
}

/** Sums out the labels of `t` not in `keep`; returns the tensor and its remaining labels. */
function sumOut(x: tf.Tensor, labels: string, keep: (c: string) => boolean): [tf.Tensor, string] {
  const axes: number[] = [];
  let rest = '';
  for (let i = 0; i < labels.length; i++) {
    if (keep(labels[i])) rest += labels[i];
    else axes.push(i);
  }
  return [axes.length ? tf.sum(x, axes) : x, rest];
}

function permute(x: tf.Tensor, from: string, to: string): tf.Tensor {
  if (from === to) return x;
  return tf.transpose(x, [...to].map((c) => from.indexOf(c)));
}

/** Computes `tf.einsum(equation, ...xs)` for one or two operands; returns a new tensor. */
export function einsum(equation: string, xs: tf.Tensor[]): tf.Tensor {
  return tf.tidy(() => {
    const { ins, out } = expandEllipsis(equation, xs.map((x) => x.rank));
    ins.forEach((t, i) => {
      if (new Set(t).size !== t.length) fail(equation, 'repeated labels within one operand (diagonals) are not supported');
      if (t.length !== xs[i].rank) fail(equation, `operand ${i} has rank ${xs[i].rank}, the equation gives it ${t.length} labels`);
    });
    if (xs.length === 1) {
      const [r, rest] = sumOut(xs[0], ins[0], (c) => out.includes(c));
      return permute(r, rest, out);
    }
    if (xs.length !== 2) fail(equation, `${xs.length} operands (only 1 or 2 are supported)`);
    const [a0, b0] = ins;
    const [a, al] = sumOut(xs[0], a0, (c) => out.includes(c) || b0.includes(c));
    const [b, bl] = sumOut(xs[1], b0, (c) => out.includes(c) || a0.includes(c));
    const batch = [...al].filter((c) => bl.includes(c) && out.includes(c)).join('');
    const contract = [...al].filter((c) => bl.includes(c) && !out.includes(c)).join('');
    const freeA = [...al].filter((c) => !bl.includes(c)).join('');
    const freeB = [...bl].filter((c) => !al.includes(c)).join('');
    const size = (c: string): number => (al.includes(c) ? a.shape[al.indexOf(c)] : b.shape[bl.indexOf(c)]);
    const prod = (s: string): number => [...s].reduce((p, c) => p * size(c), 1);
    for (const c of batch + contract) {
      if (a.shape[al.indexOf(c)] !== b.shape[bl.indexOf(c)]) fail(equation, `label '${c}' has sizes ${a.shape[al.indexOf(c)]} and ${b.shape[bl.indexOf(c)]}`);
    }
    const am = tf.reshape(permute(a, al, batch + freeA + contract), [prod(batch), prod(freeA), prod(contract)]);
    const bm = tf.reshape(permute(b, bl, batch + contract + freeB), [prod(batch), prod(contract), prod(freeB)]);
    const prodLabels = batch + freeA + freeB;
    const r = tf.reshape(tf.matMul(am, bm), [...prodLabels].map(size));
    return permute(r, prodLabels, out);
  });
}
