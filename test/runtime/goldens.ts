/**
 * Golden op tests: single-op cases whose inputs, attrs and outputs TensorFlow recorded
 * (interop/gen/op_goldens.py and op_goldens_array.py → test/fixtures/op-goldens/<family>.json).
 * Each case runs through the real executor (no tensor may leak) and is compared with TF's
 * outputs: exact for integers, bools and strings, `rtol` (default 1e-5) + `atol` (default 1e-6)
 * for floats, NaN matching NaN. A case where TF failed must fail with a SavedModelError (with the
 * same status code when the file records a code rather than TF's message). Stateful cases check
 * the 2nd, 3rd … call of the same node too. Where a file records TF's registered op definitions,
 * they are compared with ours (arg names and typing, attr kinds and defaults, statefulness).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { AttrValueLike } from '../../src/graph/node.js';
import { DtypeAttr, ShapeAttr, type AttrJs } from '../../src/graph/attrs.js';
import { parseDtypeName, type TfDType } from '../../src/graph/dtypes.js';
import { getOpDef } from '../../src/graph/ops/index.js';
import type { ArgSpec } from '../../src/graph/opdef.js';
import { tfDtypeOfTfjs, tfjsDtype } from '../../src/runtime/dtypes.js';
import { Executor } from '../../src/runtime/executor.js';
import { hostStrings } from '../../src/runtime/kernels/host.js';
import { isSavedModelError } from '../../src/errors.js';
import { runOp } from './helpers.js';

/** A tensor as the golden files write it (complex values interleaved re, im). */
export interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | string | boolean)[];
  /** Strings given as base64 (bytes that are not UTF-8). */
  encoding?: 'base64';
}

/**
 * An attr as the golden files write it: the AttrValue oneof (`{ list: { i: [...] } }` …), or the
 * array generator's shorthands for lists (`{ ints: [...] }`, `types`, `strs`, `floats`, `bools`, `shapes`).
 */
export type GoldenAttr =
  | { type: string } | { i: number } | { f: number } | { b: boolean } | { s: string } | { shape: number[] | null }
  | { list: { i?: number[]; f?: number[]; b?: boolean[]; s?: string[]; type?: string[] } }
  | { ints: number[] } | { floats: number[] } | { bools: boolean[] } | { strs: string[] } | { types: string[] } | { shapes: (number[] | null)[] };

/** One recorded case. */
export interface GoldenCase {
  name: string;
  op: string;
  inputs: GoldenTensor[];
  attrs: Record<string, GoldenAttr>;
  outputs?: GoldenTensor[];
  /** For stateful ops: what the 2nd, 3rd … call of the same node returned. */
  later_outputs?: GoldenTensor[][];
  /** TF's status code (`INVALID_ARGUMENT`) or its error message, when TF failed. */
  error?: string;
  /** Indices of the outputs to compare (default: all). */
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
  /** TF's registered definitions of the family's ops (only some generators record them). */
  opdefs?: Record<string, GoldenOpDef>;
  cases: GoldenCase[];
}

/** Reads test/fixtures/op-goldens/<family>.json. */
export function loadGoldens(family: string): GoldenFile {
  const path = join(__dirname, '..', 'fixtures', 'op-goldens', `${family}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
}

function num(v: number | string | boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`not a number: ${v}`);
  return n;
}

function bytesOf(g: GoldenTensor): Uint8Array[] {
  return g.values.map((v) => (g.encoding === 'base64' ? new Uint8Array(Buffer.from(String(v), 'base64')) : new TextEncoder().encode(String(v))));
}

/** A tfjs tensor holding a golden tensor (in the tfjs carrier of its TF dtype). */
export function toTensor(g: GoldenTensor): tf.Tensor {
  const dtype = tfjsDtype(parseDtypeName(g.dtype));
  if (dtype === 'complex64') {
    const re = g.values.filter((_, i) => i % 2 === 0).map(num);
    const im = g.values.filter((_, i) => i % 2 === 1).map(num);
    return tf.tidy(() => tf.complex(tf.tensor(re, g.shape, 'float32'), tf.tensor(im, g.shape, 'float32')));
  }
  if (dtype === 'string') return tf.tensor(bytesOf(g), g.shape, 'string');
  return tf.tensor(g.values.map(num), g.shape, dtype);
}

type GoldenList = Extract<GoldenAttr, { list: unknown }>['list'];

/** An AttrValue list (`{ list: { i: [...] } }`) in the array generator's shorthand (`{ ints: [...] }`). */
function shorthand(l: GoldenList): GoldenAttr {
  if (l.f) return { floats: l.f };
  if (l.b) return { bools: l.b };
  if (l.s) return { strs: l.s };
  if (l.type) return { types: l.type };
  return { ints: l.i ?? [] };
}

/** The AttrValue of a golden attr. */
export function toAttr(a: GoldenAttr): AttrValueLike {
  if ('list' in a) return toAttr(shorthand(a.list));
  if ('type' in a) return attr.type(a.type);
  if ('i' in a) return attr.i(a.i);
  if ('f' in a) return attr.f(a.f);
  if ('b' in a) return attr.b(a.b);
  if ('s' in a) return attr.s(a.s);
  if ('shape' in a) return attr.shape(a.shape);
  if ('ints' in a) return attr.ints(a.ints);
  if ('floats' in a) return attr.floats(a.floats);
  if ('bools' in a) return attr.bools(a.bools);
  if ('strs' in a) return attr.strs(a.strs);
  if ('types' in a) return attr.types(a.types);
  return attr.shapes(a.shapes);
}

function toAttrs(attrs: GoldenCase['attrs']): Record<string, AttrValueLike> {
  const out: Record<string, AttrValueLike> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = toAttr(v);
  return out;
}

function close(got: number, want: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= atol + rtol * Math.abs(want);
}

/** Asserts that `got` holds the golden tensor `want`; `what` names it in failures. */
export function expectGolden(got: tf.Tensor, want: GoldenTensor, what: string, rtol = 1e-5, atol = 1e-6): void {
  expect({ what, dtype: got.dtype, shape: got.shape }).toEqual({ what, dtype: tfjsDtype(parseDtypeName(want.dtype)), shape: want.shape });
  if (got.dtype === 'string') {
    const values = hostStrings(got).map((b) => (want.encoding === 'base64' ? Buffer.from(b).toString('base64') : new TextDecoder().decode(b)));
    expect({ what, values }).toEqual({ what, values: want.values });
    return;
  }
  const vals = Array.from(got.dataSync() as ArrayLike<number>);
  const exp = want.values.map(num);
  if (got.dtype !== 'float32' && got.dtype !== 'complex64') {
    expect({ what, values: vals }).toEqual({ what, values: exp });
    return;
  }
  const bad = vals.map((v, i) => (close(v, exp[i], rtol, atol) ? -1 : i)).filter((i) => i >= 0);
  if (bad.length > 0) {
    const show = bad.slice(0, 5).map((i) => `[${i}] got ${vals[i]} want ${exp[i]}`).join('; ');
    throw new Error(`${what}: ${bad.length} of ${vals.length} values differ (rtol ${rtol}, atol ${atol}): ${show}`);
  }
}

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

/** Expects running the case to fail like TF did: a SavedModelError (with TF's code when recorded), no leak. */
function expectFailure(c: GoldenCase, inputs: tf.Tensor[]): void {
  const before = tf.memory().numTensors;
  let err: unknown;
  try {
    tf.dispose(runOp(c.op, inputs, toAttrs(c.attrs)));
  } catch (e) {
    err = e;
  }
  if (!isSavedModelError(err)) throw new Error(`expected a SavedModelError like TF's "${c.error}", got ${String(err)}`);
  if (/^[A-Z_]+$/.test(c.error!)) expect(err.code).toBe(c.error);
  expect(tf.memory().numTensors).toBe(before);
}

/** Runs one golden case through the executor and compares it with TensorFlow's result. */
export function runGoldenCase(c: GoldenCase): void {
  const inputs = c.inputs.map(toTensor);
  const [rtol, atol] = [c.rtol ?? 1e-5, c.atol ?? 1e-6];
  try {
    if (c.error !== undefined) return expectFailure(c, inputs);
    if (c.later_outputs) {
      const runs = runOpCalls(c.op, inputs, toAttrs(c.attrs), 1 + c.later_outputs.length);
      try {
        [c.outputs!, ...c.later_outputs].forEach((want, k) => expectGolden(runs[k][0], want[0], `${c.name} call ${k + 1}`, rtol, atol));
      } finally {
        tf.dispose(runs.flat());
      }
      return;
    }
    const outs = runOp(c.op, inputs, toAttrs(c.attrs));
    try {
      if (!c.check) expect(outs.length).toBe(c.outputs!.length);
      for (const i of c.check ?? outs.map((_, k) => k)) expectGolden(outs[i], c.outputs![i], `${c.name} output ${i}`, rtol, atol);
    } finally {
      tf.dispose(outs);
    }
  } finally {
    tf.dispose(inputs);
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
  if (!('list' in a)) throw new Error(`unexpected default ${JSON.stringify(a)}`);
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

/** A `test` for every golden case of a family (optionally only those of some ops), named `op: case`. */
export function goldenTests(family: string, ops?: readonly string[]): void {
  const cases = loadGoldens(family).cases.filter((c) => !ops || ops.includes(c.op));
  test.each(cases.map((c) => [`${c.op}: ${c.name}`, c] as const))('%s', (_, c) => runGoldenCase(c));
}

/** Declares the Jest tests of one family's golden file: every case, and every recorded op definition. */
export function describeGoldens(family: string): void {
  const file = loadGoldens(family);
  describe(`${family} ops vs TensorFlow ${file.tf_version}`, () => {
    for (const c of file.cases) test(c.name, () => runGoldenCase(c));
  });
  describe(`${family} op definitions match TensorFlow's registrations`, () => {
    for (const [op, def] of Object.entries(file.opdefs ?? {})) test(op, () => expectOpDefMatches(op, def));
  });
}
