/**
 * Golden op tests: single-op cases whose inputs, attrs and outputs TensorFlow recorded
 * (interop/gen/op_goldens.py → test/fixtures/op-goldens/<family>.json). Each case runs through
 * the real executor with `runOp` (which also asserts no tensor leaked) and is compared with
 * TF's outputs: exact for integers and bools, `rtol` (default 1e-5) + `atol` (default 1e-6) for
 * floats, NaN matching NaN. The TF-registered op definitions recorded alongside are compared
 * with ours (arg names and typing, attr kinds and defaults).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { attr } from '../../src/graph/build.js';
import type { AttrValueLike } from '../../src/graph/node.js';
import { DtypeAttr, ShapeAttr, type AttrJs } from '../../src/graph/attrs.js';
import { parseDtypeName, type TfDType } from '../../src/graph/dtypes.js';
import { getOpDef } from '../../src/graph/ops/index.js';
import type { ArgSpec } from '../../src/graph/opdef.js';
import { tfjsDtype } from '../../src/runtime/dtypes.js';
import { isSavedModelError } from '../../src/errors.js';
import { runOp } from './helpers.js';

/** A tensor as the golden files write it. */
export interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | string | boolean)[];
}

/** An attr as the golden files write it. */
export type GoldenAttr =
  | { type: string } | { i: number } | { f: number } | { b: boolean } | { s: string }
  | { shape: number[] | null } | { list: { i?: number[]; f?: number[]; b?: boolean[]; s?: string[]; type?: string[] } };

/** One recorded case. */
export interface GoldenCase {
  name: string;
  op: string;
  inputs: GoldenTensor[];
  attrs: Record<string, GoldenAttr>;
  outputs?: GoldenTensor[];
  error?: string;
  check?: number[];
  rtol?: number;
  atol?: number;
}

interface GoldenArg { name: string; isRef: boolean; type?: string; typeAttr?: string; numberAttr?: string; typeListAttr?: string }
interface GoldenOpDef { inputs: GoldenArg[]; outputs: GoldenArg[]; attrs: { name: string; kind: string; default?: GoldenAttr }[]; stateful: boolean }

/** A family's golden file. */
export interface GoldenFile {
  tf_version: string;
  family: string;
  opdefs: Record<string, GoldenOpDef>;
  cases: GoldenCase[];
}

/** Reads test/fixtures/op-goldens/<family>.json. */
export function loadGoldens(family: string): GoldenFile {
  const path = join(__dirname, '..', 'fixtures', 'op-goldens', `${family}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
}

function num(v: number | string | boolean): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`not a number: ${String(v)}`);
}

/** A tfjs tensor holding a golden tensor (in the tfjs carrier of its TF dtype). */
export function toTensor(g: GoldenTensor): tf.Tensor {
  const dtype = tfjsDtype(parseDtypeName(g.dtype));
  if (dtype === 'complex64') {
    const re = g.values.filter((_, i) => i % 2 === 0).map(num);
    const im = g.values.filter((_, i) => i % 2 === 1).map(num);
    return tf.complex(tf.tensor(re, g.shape, 'float32'), tf.tensor(im, g.shape, 'float32'));
  }
  if (dtype === 'bool') return tf.tensor(g.values as boolean[], g.shape, 'bool');
  if (dtype === 'string') return tf.tensor(g.values as string[], g.shape, 'string');
  return tf.tensor(g.values.map(num), g.shape, dtype);
}

/** The AttrValue of a golden attr. */
export function toAttr(a: GoldenAttr): AttrValueLike {
  if ('type' in a) return attr.type(a.type);
  if ('i' in a) return attr.i(a.i);
  if ('f' in a) return attr.f(a.f);
  if ('b' in a) return attr.b(a.b);
  if ('s' in a) return attr.s(a.s);
  if ('shape' in a) return attr.shape(a.shape);
  const l = a.list;
  if (l.i) return attr.ints(l.i);
  if (l.f) return attr.floats(l.f);
  if (l.b) return attr.bools(l.b);
  if (l.s) return attr.strs(l.s);
  if (l.type) return attr.types(l.type);
  return { list: {} };
}

function close(got: number, want: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= atol + rtol * Math.abs(want);
}

/** Asserts that `got` holds the golden tensor `want`; `what` names it in failures. */
export function expectGolden(got: tf.Tensor, want: GoldenTensor, what: string, rtol = 1e-5, atol = 1e-6): void {
  const tfDtype = parseDtypeName(want.dtype);
  expect({ what, dtype: got.dtype, shape: got.shape }).toEqual({ what, dtype: tfjsDtype(tfDtype), shape: want.shape });
  if (got.dtype === 'string') {
    const dec = new TextDecoder();
    const bytes = tf.engine().readSync(got.dataId) as unknown as Uint8Array[];
    expect({ what, values: bytes.map((b) => dec.decode(b)) }).toEqual({ what, values: want.values });
    return;
  }
  const data = got.dataSync();
  const vals = Array.from(data as Float32Array);
  if (got.dtype === 'bool') {
    expect({ what, values: vals.map((v) => v !== 0) }).toEqual({ what, values: want.values });
    return;
  }
  const exp = want.values.map(num);
  if (got.dtype === 'int32') {
    expect({ what, values: vals }).toEqual({ what, values: exp });
    return;
  }
  const bad = vals.map((v, i) => (close(v, exp[i], rtol, atol) ? -1 : i)).filter((i) => i >= 0);
  if (bad.length > 0) {
    const show = bad.slice(0, 5).map((i) => `[${i}] got ${vals[i]} want ${exp[i]}`).join('; ');
    throw new Error(`${what}: ${bad.length} of ${vals.length} values differ (rtol ${rtol}, atol ${atol}): ${show}`);
  }
}

/** Runs one golden case and compares its outputs; expects a SavedModelError when TF failed. */
export function runGoldenCase(c: GoldenCase): void {
  const inputs = c.inputs.map(toTensor);
  const attrs: Record<string, AttrValueLike> = {};
  for (const [k, v] of Object.entries(c.attrs)) attrs[k] = toAttr(v);
  try {
    if (c.error !== undefined) {
      let err: unknown;
      try {
        runOp(c.op, inputs, attrs).forEach((t) => t.dispose());
      } catch (e) {
        err = e;
      }
      if (!isSavedModelError(err)) throw new Error(`expected a SavedModelError like TF's "${c.error}", got ${String(err)}`);
      return;
    }
    const outs = runOp(c.op, inputs, attrs);
    try {
      const check = c.check ?? c.outputs!.map((_, i) => i);
      for (const i of check) expectGolden(outs[i], c.outputs![i], `${c.name} output ${i}`, c.rtol, c.atol);
    } finally {
      outs.forEach((t) => t.dispose());
    }
  } finally {
    inputs.forEach((t) => t.dispose());
  }
}

function argShape(a: ArgSpec): GoldenArg {
  const out: GoldenArg = { name: a.name, isRef: a.isRef };
  if (a.type) out.type = a.type;
  if (a.typeAttr) out.typeAttr = a.typeAttr;
  if (a.numberAttr) out.numberAttr = a.numberAttr;
  if (a.typeListAttr) out.typeListAttr = a.typeListAttr;
  return out;
}

function goldenDefault(a: GoldenAttr | undefined): unknown {
  if (a === undefined) return undefined;
  if ('type' in a) return parseDtypeName(a.type);
  if ('f' in a) return Math.fround(a.f);
  if ('i' in a) return a.i;
  if ('b' in a) return a.b;
  if ('s' in a) return a.s;
  if ('shape' in a) return a.shape;
  const l = a.list;
  if (l.type) return l.type.map(parseDtypeName);
  return l.i ?? l.f?.map(Math.fround) ?? l.b ?? l.s ?? [];
}

function ourDefault(v: AttrJs | undefined): unknown {
  if (v === undefined) return undefined;
  if (v instanceof DtypeAttr) return v.dtype as TfDType;
  if (v instanceof ShapeAttr) return v.dims;
  if (Array.isArray(v)) return v.map((x) => (x instanceof DtypeAttr ? x.dtype : typeof x === 'number' ? Math.fround(x) : x));
  return typeof v === 'number' ? Math.fround(v) : v;
}

/** Asserts our definition of `op` matches the one TensorFlow registers. */
export function expectOpDefMatches(op: string, tfDef: GoldenOpDef): void {
  const ours = getOpDef(op);
  expect(ours).toBeDefined();
  expect({ op, inputs: ours!.inputs.map(argShape) }).toEqual({ op, inputs: tfDef.inputs });
  expect({ op, outputs: ours!.outputs.map(argShape) }).toEqual({ op, outputs: tfDef.outputs });
  const mine = [...ours!.attrs.values()].map((a) => ({ name: a.name, kind: a.kind, default: ourDefault(a.default) }));
  const theirs = tfDef.attrs.map((a) => ({ name: a.name, kind: a.kind, default: goldenDefault(a.default) }));
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
  expect({ op, attrs: mine.sort(byName) }).toEqual({ op, attrs: theirs.sort(byName) });
  expect({ op, stateful: ours!.stateful }).toEqual({ op, stateful: tfDef.stateful });
}

/** Declares the Jest tests of one family's golden file: every case, and every op definition. */
export function describeGoldens(family: string): void {
  const file = loadGoldens(family);
  describe(`${family} ops vs TensorFlow ${file.tf_version}`, () => {
    for (const c of file.cases) test(c.name, () => runGoldenCase(c));
  });
  describe(`${family} op definitions match TensorFlow's registrations`, () => {
    for (const [op, def] of Object.entries(file.opdefs)) test(op, () => expectOpDefMatches(op, def));
  });
}
