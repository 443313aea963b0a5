/**
 * The iteration protocol shared by functional While loops and collapsed TF1 loops: a generator
 * that asks its driver to evaluate the condition or the body on the current loop variables,
 * frees the values each iteration supersedes, enforces the iteration cap, and on failure frees
 * what it owns. Drivers pass errors back in with `throw()` so the cleanup runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import { releaseValue, type Value } from './values.js';

/** What the loop asks its driver to compute. */
export interface LoopRequest {
  readonly kind: 'cond' | 'body';
  readonly vars: readonly Value[];
}

/**
 * TF's truth value of a condition: a scalar is true when non-zero (strings: non-empty); a
 * non-scalar is true when it has elements.
 */
export function isTrue(v: Value | undefined, what: string): boolean {
  if (!(v instanceof tf.Tensor)) throw new SavedModelError('INVALID_ARGUMENT', `${what}: the condition must be a tensor, found ${v === undefined ? 'nothing' : v.kind}`);
  if (v.rank > 0) return v.size > 0;
  if (v.dtype === 'string') return (tf.engine().readSync(v.dataId) as unknown as Uint8Array[])[0]?.length > 0;
  return v.dataSync()[0] !== 0;
}

/**
 * Runs `vars = init; while cond(vars): vars = body(vars)` by yielding requests; returns the
 * final variables (`init` itself, still the caller's, when the body never ran).
 */
export function* loopSteps(init: readonly Value[], maxIterations: number, what: string): Generator<LoopRequest, Value[], Value[]> {
  let vars: Value[] = [...init];
  let owned = false;
  const drop = (old: Value[], keep: Value[]): void => {
    if (owned) for (const v of old) if (!keep.includes(v)) releaseValue(v);
  };
  try {
    for (let i = 0; ; i++) {
      const [c] = yield { kind: 'cond', vars };
      const go = isTrue(c, what);
      releaseValue(c);
      if (!go) return vars;
      if (i >= maxIterations) {
        throw new SavedModelError('RESOURCE_EXHAUSTED', `${what} ran ${i} iterations, the limit (maxLoopIterations) is ${maxIterations}`);
      }
      const next = yield { kind: 'body', vars };
      drop(vars, next);
      vars = next;
      owned = true;
    }
  } catch (e) {
    drop(vars, []);
    throw e;
  }
}

/** Drives `loopSteps` synchronously with `step` computing each request. */
export function runLoopSync(init: readonly Value[], maxIterations: number, what: string, step: (r: LoopRequest) => Value[]): Value[] {
  const g = loopSteps(init, maxIterations, what);
  let r = g.next();
  while (!r.done) {
    let out: Value[];
    try {
      out = step(r.value);
    } catch (e) {
      r = g.throw(e);
      continue;
    }
    r = g.next(out);
  }
  return r.value;
}
