/**
 * TensorFlow-computed op goldens (test/fixtures/op-goldens/<family>.json, written by
 * interop/gen/op_goldens_array.py): each case is run through the executor with `runOp` and its
 * outputs compared with TF's — float32 within 1e-5 relative (plus 1e-6 absolute near zero),
 * integers, bools and strings exactly; cases where TF failed must fail with the same status code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import type { AttrValueLike } from '../../src/graph/node.js';
import { parseDtypeName } from '../../src/graph/dtypes.js';
import { tfjsDtype } from '../../src/runtime/dtypes.js';
import { hostStrings } from '../../src/runtime/kernels/host.js';
import { isSavedModelError, type SavedModelError } from '../../src/errors.js';
import { nodeDef, placeholderNode } from '../../src/graph/build.js';
import { Executor } from '../../src/runtime/executor.js';
import { tfDtypeOfTfjs } from '../../src/runtime/dtypes.js';
import { runOp } from './helpers.js';

/** Runs one node `calls` times on the same executor (stateful ops); checks for leaks. */
function runOpCalls(op: string, inputs: tf.Tensor[], attrs: Record<string, AttrValueLike>, calls: number): tf.Tensor[][] {
  const nodes = inputs.map((t, i) => placeholderNode(`in${i}`, tfDtypeOfTfjs(t.dtype)));
  nodes.push(nodeDef('op', op, inputs.map((_, i) => `in${i}`), attrs));
  const exec = new Executor({ node: nodes });
  const feeds: Record<string, tf.Tensor> = {};
  inputs.forEach((t, i) => (feeds[`in${i}:0`] = t));
  const before = tf.memory().numTensors;
  const out: tf.Tensor[][] = [];
  for (let k = 0; k < calls; k++) out.push(exec.run(feeds, ['op:0']));
  exec.dispose();
  expect(tf.memory().numTensors).toBe(before + calls);
  return out;
}

/** A tensor in the goldens' JSON encoding. */
export interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | string | boolean)[];
  encoding?: 'base64';
}

/** One op call and what TensorFlow returned (or the status it failed with). */
export interface GoldenCase {
  name: string;
  op: string;
  inputs: GoldenTensor[];
  attrs: Record<string, Record<string, unknown>>;
  outputs?: GoldenTensor[];
  /** For stateful ops: what the 2nd, 3rd … call of the same node returned. */
  later_outputs?: GoldenTensor[][];
  error?: string;
}

const DIR = join(__dirname, '..', 'fixtures', 'op-goldens');

/** The cases of one family file. */
export function loadGoldens(family: string): GoldenCase[] {
  return (JSON.parse(readFileSync(join(DIR, `${family}.json`), 'utf8')) as { cases: GoldenCase[] }).cases;
}

function num(v: number | string | boolean): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return Number(v);
}

function bytesOf(g: GoldenTensor): Uint8Array[] {
  return g.values.map((v) => (g.encoding === 'base64' ? new Uint8Array(Buffer.from(String(v), 'base64')) : new TextEncoder().encode(String(v))));
}

/** The golden tensor as a tfjs tensor in the carrier dtype of its TF dtype. */
export function toTensor(g: GoldenTensor): tf.Tensor {
  const dt = tfjsDtype(parseDtypeName(g.dtype));
  if (dt === 'string') return tf.tensor(bytesOf(g), g.shape, 'string');
  if (dt === 'bool') return tf.tensor(g.values.map((v) => (v ? 1 : 0)), g.shape, 'bool');
  return tf.tensor(g.values.map(num), g.shape, dt);
}

/** JSON attrs → AttrValue protos. */
export function toAttrs(attrs: GoldenCase['attrs']): Record<string, AttrValueLike> {
  const out: Record<string, AttrValueLike> = {};
  for (const [name, a] of Object.entries(attrs)) {
    const [kind, v] = Object.entries(a)[0];
    switch (kind) {
      case 'i': out[name] = attr.i(v as number); break;
      case 'f': out[name] = attr.f(v as number); break;
      case 'b': out[name] = attr.b(v as boolean); break;
      case 's': out[name] = attr.s(v as string); break;
      case 'type': out[name] = attr.type(v as string); break;
      case 'shape': out[name] = attr.shape(v as number[] | null); break;
      case 'ints': out[name] = attr.ints(v as number[]); break;
      case 'floats': out[name] = attr.floats(v as number[]); break;
      case 'bools': out[name] = attr.bools(v as boolean[]); break;
      case 'strs': out[name] = attr.strs(v as string[]); break;
      case 'types': out[name] = attr.types(v as string[]); break;
      case 'shapes': out[name] = attr.shapes(v as (number[] | null)[]); break;
      default: throw new Error(`unknown golden attr kind ${kind}`);
    }
  }
  return out;
}

/** Asserts `actual` equals the golden (dtype carrier, shape, values); disposes `actual`. */
export function expectTensor(actual: tf.Tensor, want: GoldenTensor, what: string, rtol = 1e-5): void {
  try {
    expect({ what, dtype: actual.dtype, shape: actual.shape }).toEqual({ what, dtype: tfjsDtype(parseDtypeName(want.dtype)), shape: want.shape });
    if (actual.dtype === 'string') {
      const got = hostStrings(actual).map((b) => (want.encoding === 'base64' ? Buffer.from(b).toString('base64') : new TextDecoder().decode(b)));
      expect({ what, values: got }).toEqual({ what, values: want.values });
      return;
    }
    const got = Array.from(actual.dataSync() as ArrayLike<number>);
    const exp = want.values.map(num);
    if (actual.dtype !== 'float32' && actual.dtype !== 'complex64') {
      expect({ what, values: got }).toEqual({ what, values: exp });
      return;
    }
    const bad = got.findIndex((g, i) => {
      const e = exp[i];
      if (Number.isNaN(e)) return !Number.isNaN(g);
      if (!Number.isFinite(e)) return g !== e;
      return !(Math.abs(g - e) <= rtol * Math.abs(e) + 1e-6);
    });
    if (bad >= 0) expect({ what, index: bad, value: got[bad] }).toEqual({ what, index: bad, value: exp[bad] });
  } finally {
    actual.dispose();
  }
}

/** Runs one golden case through the executor and checks it against TensorFlow's result. */
export function checkGolden(c: GoldenCase, rtol = 1e-5): void {
  const inputs = c.inputs.map(toTensor);
  try {
    if (c.error) {
      const before = tf.memory().numTensors;
      let err: unknown;
      try {
        tf.dispose(runOp(c.op, inputs, toAttrs(c.attrs)));
      } catch (e) {
        err = e;
      }
      expect(err).toBeDefined();
      expect(isSavedModelError(err)).toBe(true);
      expect((err as SavedModelError).code).toBe(c.error);
      expect(tf.memory().numTensors).toBe(before);
      return;
    }
    if (c.later_outputs) {
      const runs = runOpCalls(c.op, inputs, toAttrs(c.attrs), 1 + c.later_outputs.length);
      [c.outputs!, ...c.later_outputs].forEach((want, k) => expectTensor(runs[k][0], want[0], `${c.name} call ${k + 1}`, rtol));
      return;
    }
    const outs = runOp(c.op, inputs, toAttrs(c.attrs));
    expect(outs.length).toBe(c.outputs!.length);
    outs.forEach((o, i) => expectTensor(o, c.outputs![i], `${c.name} output ${i}`, rtol));
  } finally {
    tf.dispose(inputs);
  }
}

/** `test` for every golden case of a family (optionally only those of some ops). */
export function goldenTests(family: string, ops?: readonly string[]): void {
  const cases = loadGoldens(family).filter((c) => !ops || ops.includes(c.op));
  test.each(cases.map((c) => [`${c.op}: ${c.name}`, c] as const))('%s', (_, c) => checkGolden(c));
}
