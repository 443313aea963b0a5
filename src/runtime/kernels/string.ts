/** Kernels: string ops used by savers and input pipelines (definitions: src/graph/ops/string.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostScalar, hostStrings } from './host.js';

const utf8 = new TextEncoder();
const decoder = new TextDecoder();

/** Concatenates byte strings with a separator. */
function joinBytes(parts: Uint8Array[], sep: Uint8Array): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0) + sep.length * Math.max(0, parts.length - 1);
  const out = new Uint8Array(total);
  let o = 0;
  parts.forEach((p, i) => {
    if (i > 0) {
      out.set(sep, o);
      o += sep.length;
    }
    out.set(p, o);
    o += p.length;
  });
  return out;
}

/** Element-wise join of string tensors; scalars broadcast against the one shape of the others. */
function stringJoin(xs: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const shaped = xs.find((x) => x.rank > 0);
  const shape = shaped ? shaped.shape : [];
  for (const x of xs) {
    if (x.rank > 0 && !tf.util.arraysEqual(x.shape, shape)) {
      throw ctx.error('INVALID_ARGUMENT', `inputs must be scalars or all of shape [${shape}], found [${x.shape}]`);
    }
  }
  const values = xs.map(hostStrings);
  const sep = utf8.encode(ctx.str('separator'));
  const n = shape.reduce((a, b) => a * b, 1);
  const out: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = joinBytes(values.map((v, k) => (xs[k].rank === 0 ? v[0] : v[i])), sep);
  return tf.tensor(out, shape, 'string');
}

/** RE2's full-match semantics via a JS RegExp anchored at both ends. */
function fullMatch(xs: tf.Tensor, ctx: KernelContext): tf.Tensor {
  const re = ctx.memo(() => {
    try {
      return new RegExp(`^(?:${ctx.str('pattern')})$`, 'su');
    } catch (e) {
      throw ctx.error('INVALID_ARGUMENT', `pattern '${ctx.str('pattern')}' is not a supported regular expression: ${(e as Error).message}`);
    }
  });
  const flags = hostStrings(xs).map((b) => (re.test(decoder.decode(b)) ? 1 : 0));
  return tf.tensor(Uint8Array.from(flags), xs.shape, 'bool');
}

export const stringKernels: KernelTable = {
  StringJoin: stringJoin,
  ShardedFilename: ([base, shard, num]) => {
    const suffix = `-${String(hostScalar(shard)).padStart(5, '0')}-of-${String(hostScalar(num)).padStart(5, '0')}`;
    return tf.tensor([joinBytes([hostStrings(base)[0], utf8.encode(suffix)], new Uint8Array(0))], [], 'string');
  },
  StaticRegexFullMatch: ([x], ctx) => fullMatch(x, ctx),
};
