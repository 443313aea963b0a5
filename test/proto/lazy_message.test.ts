/**
 * Lazy FunctionDef bodies (src/proto/lazy_message.ts, fastDecodeLazy) against the eager fast
 * decoder: decodeSavedModel keeps each FunctionDefLibrary.function undecoded until first use, yet
 * every TF-written model decodes deep-equal, re-encodes byte-identical, prints and serializes the
 * same; damaged input fails in exactly the same cases with exactly the same SavedModelError; and
 * the objects behave as eager ones under reads, keys, spread, mutation, freezing and inspection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import protobuf from 'protobufjs/minimal.js';
import { isSavedModelError } from '../../src/errors.js';
import { fastDecode, fastDecodeLazy } from '../../src/proto/gen/fast_decode.js';
import { tensorflow } from '../../src/proto/index.js';
import { functionNameOf, isPendingLazy, lazyMessage } from '../../src/proto/lazy_message.js';
import { decodeSavedModel } from '../../src/savedmodel/reader.js';
import { printTextProto } from '../../src/textformat/index.js';
import { seededCorruptions } from '../support/corrupt.js';
import { FIXTURES_TF, TF_GENERATED, filesUnder } from '../support/fixtures.js';

type SavedModel = tensorflow.SavedModel;

const functionsOf = (sm: SavedModel): tensorflow.FunctionDef[] => sm.metaGraphs.flatMap((mg) => mg.graphDef?.library?.function ?? []) as tensorflow.FunctionDef[];
const encode = (sm: SavedModel): Buffer => Buffer.from(tensorflow.SavedModel.encode(sm).finish());
const eager = (bytes: Uint8Array): SavedModel => fastDecode('tensorflow.SavedModel', bytes) as SavedModel;

const LOCAL = join(__dirname, '..', 'fixtures');
const savedModels = [...filesUnder(FIXTURES_TF, (n) => n === 'saved_model.pb'), ...filesUnder(LOCAL, (n) => n === 'saved_model.pb')];

describe('lazy function bodies on TF-written models', () => {
  it('finds models with function libraries', () => {
    expect(savedModels.filter((f) => functionsOf(decodeSavedModel(readFileSync(f))).length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(savedModels)('%s: same object, encoding, JSON, text format and printout as the eager decode', (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const lazy = decodeSavedModel(bytes, file);
    const ref = eager(bytes);
    const fns = functionsOf(lazy);
    const refFns = functionsOf(ref);
    expect(fns.every(isPendingLazy)).toBe(true);
    // Names come from the bytes, without decoding the bodies.
    expect(fns.map(functionNameOf)).toEqual(refFns.map((f) => f.signature?.name));
    expect(fns.every(isPendingLazy)).toBe(true);
    expect(encode(lazy).equals(encode(ref))).toBe(true);
    expect(fns.some(isPendingLazy)).toBe(false);
    expect(lazy).toStrictEqual(ref);
    expect(JSON.stringify(decodeSavedModel(bytes, file))).toBe(JSON.stringify(ref));
    expect(inspect(decodeSavedModel(bytes, file), { depth: 8 })).toBe(inspect(ref, { depth: 8 }));
    expect(printTextProto('tensorflow.SavedModel', decodeSavedModel(bytes, file))).toBe(printTextProto('tensorflow.SavedModel', ref));
  });
});

/** The error decodeSavedModel gave before lazy decoding: eager fast decoder, same wording. */
function eagerOutcome(bytes: Uint8Array, path: string): { sm?: SavedModel; message?: string } {
  let sm: SavedModel;
  try {
    sm = eager(bytes);
  } catch (e) {
    // As decodeMessage words it (under Jest, TextDecoder's TypeError is from another realm).
    const reason = e instanceof Error ? e.message : String(e);
    return { message: `${path}: not a valid serialized tensorflow.SavedModel (${bytes.length} bytes): ${reason}` };
  }
  return { sm };
}

/** decodeSavedModel must fail exactly when the eager decode did, with the same DATA_LOSS message. */
function expectSameOutcome(bytes: Uint8Array): 'ok' | 'error' {
  const path = 'cut/saved_model.pb';
  const ref = eagerOutcome(bytes, path);
  let sm: SavedModel | undefined;
  let thrown: unknown;
  try {
    sm = decodeSavedModel(bytes, path);
  } catch (e) {
    thrown = e;
  }
  if (ref.message !== undefined) {
    expect(isSavedModelError(thrown) && thrown.code).toBe('DATA_LOSS');
    expect((thrown as Error).message).toBe(ref.message);
    return 'error';
  }
  if (thrown !== undefined) {
    // checkSavedModel's verdict on a decoded message (no meta graph, stray fields): not a decode error.
    expect((thrown as Error).message).toMatch(/not a SavedModel/);
    return 'ok';
  }
  expect(encode(sm!).equals(encode(ref.sm!))).toBe(true);
  expect(sm).toStrictEqual(ref.sm);
  return 'ok';
}

const small = join(TF_GENERATED, '2.15.1', 'guide_tf2_module', 'saved_model.pb');

describe('lazy function bodies on damaged input', () => {
  const bytes = new Uint8Array(readFileSync(small));

  it('uses a small model with functions', () => {
    expect(functionsOf(eager(bytes)).length).toBeGreaterThan(3);
  });

  it('fails on exactly the truncations the eager decode failed on, with the same error', () => {
    const outcomes = { ok: 0, error: 0 };
    for (let n = 0; n < bytes.length; n++) outcomes[expectSameOutcome(bytes.subarray(0, n))]++;
    expect(outcomes.error).toBeGreaterThan(bytes.length / 2);
  });

  it('fails on exactly the seeded corruptions the eager decode failed on, with the same error', () => {
    const outcomes = { ok: 0, error: 0 };
    for (const b of seededCorruptions(bytes, 4242, 1500)) outcomes[expectSameOutcome(b)]++;
    expect(outcomes.ok).toBeGreaterThan(50);
    expect(outcomes.error).toBeGreaterThan(100);
  });
});

describe('lazy function bodies on hand-built libraries', () => {
  const w = (): protobuf.Writer => protobuf.Writer.create();
  /** A GraphDef whose library (field 2) holds the given serialized FunctionDefs. */
  const graph = (...fns: Uint8Array[]): Uint8Array => {
    const lib = w();
    for (const f of fns) lib.uint32((1 << 3) | 2).bytes(f);
    return w().uint32((2 << 3) | 2).bytes(lib.finish()).finish();
  };
  const sig = (name: string): Uint8Array => w().uint32((1 << 3) | 2).string(name).finish();
  const decodeBoth = (bytes: Uint8Array): [unknown, unknown] => {
    let a: unknown;
    let b: unknown;
    try {
      a = fastDecode('tensorflow.GraphDef', bytes);
    } catch (e) {
      a = e;
    }
    try {
      b = fastDecodeLazy('tensorflow.GraphDef', bytes, lazyMessage);
    } catch (e) {
      b = e;
    }
    return [a, b];
  };

  it('rejects bad bodies as the eager decoder does: invalid UTF-8, depth, wire types, lengths', () => {
    const node = (name: Uint8Array): Uint8Array => w().uint32((3 << 3) | 2).bytes(w().uint32((1 << 3) | 2).bytes(name).finish()).finish();
    let deep: Uint8Array = new Uint8Array(0);
    // NodeDef.attr value → AttrValue.func (NameAttrList) .attr → AttrValue …: nested past the limit.
    for (let i = 0; i < 60; i++) {
      const entry = w().uint32((1 << 3) | 2).string('a').uint32((2 << 3) | 2).bytes(w().uint32((10 << 3) | 2).bytes(deep).finish()).finish();
      deep = w().uint32((2 << 3) | 2).bytes(entry).finish();
    }
    const cases = [
      node(new Uint8Array([0x61, 0xc3, 0x28])),
      node(new Uint8Array([0xed, 0xa0, 0x80])),
      node(new Uint8Array([...new TextEncoder().encode('x'.repeat(61)), 0xff, 0x41])),
      w().uint32((3 << 3) | 2).bytes(w().uint32((5 << 3) | 2).bytes(w().uint32((1 << 3) | 2).string('k').uint32((2 << 3) | 2).bytes(w().uint32((10 << 3) | 2).bytes(deep).finish()).finish()).finish()).finish(),
      new Uint8Array([(1 << 3) | 7, 0]),
      new Uint8Array([(3 << 3) | 2, 5, 1]),
      new Uint8Array([(4 << 3) | 2, 3, (1 << 3) | 2, 1, 0xff]),
      w().uint32((1 << 3) | 2).bytes(w().uint32((3 << 3) | 2).bytes(new Uint8Array([0x12, 0x02, 0x08])).finish()).finish(),
    ];
    const messages: string[] = [];
    for (const body of cases) {
      const [a, b] = decodeBoth(graph(w().uint32((1 << 3) | 2).bytes(sig('ok')).finish(), body));
      messages.push((b as Error).message);
      expect(typeof (a as Error).message).toBe('string');
      expect((b as Error).message).toBe((a as Error).message);
      expect((b as Error).constructor).toBe((a as Error).constructor);
    }
    expect(messages[0]).toMatch(/not valid for encoding utf-8/);
    expect(messages[3]).toMatch(/max depth exceeded/);
    expect(messages[4]).toMatch(/invalid wire type 7/);
    // Valid non-ASCII names and long ASCII ones decode, lazily, to the same values.
    const fine = graph(node(new TextEncoder().encode('x'.repeat(60) + 'é')), node(new TextEncoder().encode('y'.repeat(100))));
    const [a, b] = decodeBoth(fine);
    expect(b).toStrictEqual(a);
  });

  it('reads signature names from the bytes as decoding would (merged signatures, empty, absent)', () => {
    const cases: [Uint8Array, string | undefined][] = [
      [w().uint32((1 << 3) | 2).bytes(sig('first')).uint32((1 << 3) | 2).bytes(sig('second')).finish(), 'second'],
      [w().uint32((1 << 3) | 2).bytes(sig('kept')).uint32((1 << 3) | 2).bytes(new Uint8Array(0)).finish(), 'kept'],
      [w().uint32((1 << 3) | 2).bytes(sig('gone')).uint32((1 << 3) | 2).bytes(sig('')).finish(), ''],
      [w().uint32((1 << 3) | 2).bytes(new Uint8Array(0)).finish(), ''],
      [w().uint32((3 << 3) | 2).bytes(new Uint8Array(0)).finish(), undefined],
      [w().uint32((99 << 3) | 0).uint32(5).uint32((1 << 3) | 2).bytes(sig('naïve')).finish(), 'naïve'],
    ];
    for (const [body, name] of cases) {
      const lazy = fastDecodeLazy('tensorflow.GraphDef', graph(body), lazyMessage) as tensorflow.GraphDef;
      const f = lazy.library!.function![0];
      expect(functionNameOf(f)).toBe(name);
      expect(isPendingLazy(f)).toBe(true);
      expect(f.signature?.name).toBe(name);
      expect(functionNameOf(f)).toBe(name);
    }
  });
});

describe('lazy function objects behave as eager ones', () => {
  const bytes = new Uint8Array(readFileSync(small));
  const pair = (): [tensorflow.FunctionDef, tensorflow.FunctionDef] => {
    const f = functionsOf(decodeSavedModel(bytes))[0];
    const e = functionsOf(eager(bytes))[0];
    expect(isPendingLazy(f)).toBe(true);
    return [f, e];
  };

  it('answers instanceof, in, keys, descriptors, spread and prototype reads first', () => {
    let [f, e] = pair();
    expect(f instanceof tensorflow.FunctionDef).toBe(true);
    [f, e] = pair();
    expect('nodeDef' in f && 'signature' in f && !('nope' in f)).toBe(true);
    [f, e] = pair();
    expect(Object.keys(f)).toEqual(Object.keys(e));
    [f, e] = pair();
    expect(Reflect.ownKeys(f)).toEqual(Reflect.ownKeys(e));
    [f, e] = pair();
    expect({ ...f }).toEqual({ ...e });
    expect(Object.entries(f).map(([k]) => k)).toEqual(Object.entries(e).map(([k]) => k));
    [f, e] = pair();
    expect(Object.getOwnPropertyDescriptor(f, 'nodeDef')).toEqual(Object.getOwnPropertyDescriptor(e, 'nodeDef'));
    expect(Object.prototype.hasOwnProperty.call(f, '$unknowns')).toBe(Object.prototype.hasOwnProperty.call(e, '$unknowns'));
    [f, e] = pair();
    expect(Object.getPrototypeOf(f)).toBe(tensorflow.FunctionDef.prototype);
    expect(Object.prototype.toString.call(f)).toBe(Object.prototype.toString.call(e));
    expect(inspect(f)).toBe(inspect(e));
    expect(tensorflow.FunctionDef.verify(f)).toBe(tensorflow.FunctionDef.verify(e));
  });

  it('takes writes first and after: pushes, assignments, deletes, freezing', () => {
    const extra = tensorflow.NodeDef.create({ name: 'extra', op: 'NoOp' });
    const apply = (g: tensorflow.FunctionDef): Buffer => {
      g.nodeDef.push(extra);
      g.ret = { ...g.ret, added: 'extra:0' };
      delete (g as { attr?: unknown }).attr;
      return Buffer.from(tensorflow.FunctionDef.encode(g).finish());
    };
    let [f, e] = pair();
    expect(apply(f).equals(apply(e))).toBe(true);
    expect(f).toStrictEqual(e);
    // An assignment as the very first operation keeps everything else decoded.
    [f, e] = pair();
    f.signature = tensorflow.OpDef.create({ name: 'renamed' });
    e.signature = tensorflow.OpDef.create({ name: 'renamed' });
    expect(f).toStrictEqual(e);
    expect(functionNameOf(f)).toBe('renamed');
    [f, e] = pair();
    Object.defineProperty(f, 'note', { value: 1, enumerable: false });
    Object.defineProperty(e, 'note', { value: 1, enumerable: false });
    expect(Object.getOwnPropertyNames(f)).toEqual(Object.getOwnPropertyNames(e));
    [f, e] = pair();
    Object.freeze(f);
    Object.freeze(e);
    expect(Object.isFrozen(f)).toBe(true);
    expect(Object.isExtensible(f)).toBe(false);
    expect(() => {
      'use strict';
      (f as { ret: unknown }).ret = {};
    }).toThrow(TypeError);
    expect(f).toStrictEqual(e);
  });

  it('copies through tensorflow.FunctionDef.create and structured spreads as eager objects do', () => {
    const [f, e] = pair();
    const a = tensorflow.FunctionDef.create({ ...f, signature: tensorflow.OpDef.create({ ...f.signature!, name: 'copy' }) });
    const b = tensorflow.FunctionDef.create({ ...e, signature: tensorflow.OpDef.create({ ...e.signature!, name: 'copy' }) });
    expect(Buffer.from(tensorflow.FunctionDef.encode(a).finish()).equals(Buffer.from(tensorflow.FunctionDef.encode(b).finish()))).toBe(true);
  });
});
