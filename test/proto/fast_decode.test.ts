/**
 * The generated fast decoder (src/proto/gen/fast_decode.js) against protobufjs's static decoder
 * (with unknown fields kept, as decodeMessage used it): identical objects (classes, own fields,
 * $unknowns, Long values, byte views) and identical re-encodings on every TF-written
 * saved_model.pb and fingerprint.pb, the same accept/reject decisions on truncated and corrupted
 * bytes, and SavedModelError('DATA_LOSS') from decodeSavedModel where protobufjs fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Long from 'long';
import protobuf from 'protobufjs/minimal.js';
import { isSavedModelError } from '../../src/errors.js';
import { fastDecode } from '../../src/proto/gen/fast_decode.js';
import { tensorflow } from '../../src/proto/index.js';
import { decodeSavedModel } from '../../src/savedmodel/reader.js';
import { seededCorruptions } from '../support/corrupt.js';
import { FIXTURES_TF, HAVE_FIXTURES, filesUnder } from '../support/fixtures.js';

interface Decoder {
  decode(r: protobuf.Reader): unknown;
  encode(m: unknown): protobuf.Writer;
}

function reference(type: Decoder, bytes: Uint8Array): unknown {
  const r = protobuf.Reader.create(bytes);
  r.discardUnknown = false;
  return type.decode(r);
}

/** Where `a` and `b` differ (own enumerable keys, prototypes, $unknowns, bytes), or null. */
function difference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different classes`;
  if (a instanceof Uint8Array) {
    const u = b as Uint8Array;
    return a.length === u.length && a.every((x, i) => x === u[i]) ? null : `${path}: bytes differ`;
  }
  if (Long.isLong(a)) return (a as Long).equals(b as Long) && (a as Long).unsigned === (b as Long).unsigned ? null : `${path}: ${String(a)} vs ${String(b)}`;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join(',') !== kb.join(',')) return `${path}: keys ${ka.join(',')} vs ${kb.join(',')}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  const ua = Object.prototype.hasOwnProperty.call(a, '$unknowns');
  const ub = Object.prototype.hasOwnProperty.call(b, '$unknowns');
  if (ua !== ub) return `${path}: $unknowns on one side only`;
  return ua ? difference((a as { $unknowns: unknown }).$unknowns, (b as { $unknowns: unknown }).$unknowns, `${path}.$unknowns`) : null;
}

/** Decodes with both; both must fail, or both give the same object and re-encoding. */
function expectSame(type: Decoder, typeName: string, bytes: Uint8Array): 'ok' | 'error' {
  let ref: unknown;
  let refError: unknown;
  try {
    ref = reference(type, bytes);
  } catch (e) {
    refError = e;
  }
  if (refError !== undefined) {
    expect(() => fastDecode(typeName, bytes)).toThrow();
    return 'error';
  }
  const fast = fastDecode(typeName, bytes);
  expect(difference(fast, ref)).toBeNull();
  expect(Buffer.from(type.encode(fast).finish()).equals(Buffer.from(type.encode(ref).finish()))).toBe(true);
  return 'ok';
}

const LOCAL = join(__dirname, '..', 'fixtures');
const files = (root: string, name: string): string[] => filesUnder(root, (n) => n === name);
const savedModels = [...files(FIXTURES_TF, 'saved_model.pb'), ...files(LOCAL, 'saved_model.pb')];
const fingerprints = [...files(FIXTURES_TF, 'fingerprint.pb'), ...files(LOCAL, 'fingerprint.pb')];
const SavedModel = tensorflow.SavedModel as unknown as Decoder;

describe('fast decoder on TF-written files', () => {
  if (!HAVE_FIXTURES) it.skip(`shared fixtures skipped: ${FIXTURES_TF} is absent`, () => undefined);

  it('finds the repository fixtures', () => {
    expect(savedModels.length).toBeGreaterThanOrEqual(40);
    expect(fingerprints.length).toBeGreaterThan(0);
  });

  it.each(savedModels)('%s decodes as protobufjs does', (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    expect(expectSame(SavedModel, 'tensorflow.SavedModel', bytes)).toBe('ok');
    // A Node Buffer input gives Buffer views, as protobufjs's BufferReader does.
    expect(expectSame(SavedModel, 'tensorflow.SavedModel', readFileSync(file))).toBe('ok');
  });

  it.each(fingerprints)('%s decodes as protobufjs does', (file) => {
    expect(expectSame(tensorflow.FingerprintDef as unknown as Decoder, 'tensorflow.FingerprintDef', new Uint8Array(readFileSync(file)))).toBe('ok');
  });
});

const small = savedModels.find((f) => f.includes('half_plus_two')) ?? savedModels[0];

describe('fast decoder on damaged input', () => {
  it('agrees with protobufjs on every truncation, and decodeSavedModel throws DATA_LOSS where it fails', () => {
    const bytes = new Uint8Array(readFileSync(small));
    let errors = 0;
    for (let n = 0; n < bytes.length; n += n < 400 ? 1 : 37) {
      const cut = bytes.subarray(0, n);
      if (expectSame(SavedModel, 'tensorflow.SavedModel', cut) === 'error') {
        errors++;
        let thrown: unknown;
        try {
          decodeSavedModel(cut, 'cut/saved_model.pb');
        } catch (e) {
          thrown = e;
        }
        expect(isSavedModelError(thrown) && thrown.code === 'DATA_LOSS').toBe(true);
        expect((thrown as Error).message).toMatch(/^cut\/saved_model\.pb: not a valid serialized tensorflow\.SavedModel \(\d+ bytes\): /);
      }
    }
    expect(errors).toBeGreaterThan(100);
  });

  it('agrees with protobufjs on corrupted bytes (seeded flips, insertions and deletions)', () => {
    const bytes = new Uint8Array(readFileSync(small));
    const outcomes = { ok: 0, error: 0 };
    for (const b of seededCorruptions(bytes, 12345, 600)) outcomes[expectSame(SavedModel, 'tensorflow.SavedModel', b)]++;
    expect(outcomes.ok).toBeGreaterThan(15);
    expect(outcomes.error).toBeGreaterThan(50);
  });
});

describe('fast decoder on hand-built edge cases', () => {
  const w = (): protobuf.Writer => protobuf.Writer.create();
  const AttrValue = tensorflow.AttrValue as unknown as Decoder;
  const NodeDef = tensorflow.NodeDef as unknown as Decoder;

  it('keeps unknown fields (all wire types) and re-encodes them', () => {
    const bytes = w().uint32((1 << 3) | 2).string('n').uint32((99 << 3) | 0).int64(-5).uint32((98 << 3) | 1).fixed64(7)
      .uint32((97 << 3) | 5).fixed32(3).uint32((96 << 3) | 2).bytes(new Uint8Array([1, 2])).uint32((95 << 3) | 3).uint32((4 << 3) | 0).uint32(1).uint32((95 << 3) | 4).finish();
    expect(expectSame(NodeDef, 'tensorflow.NodeDef', bytes)).toBe('ok');
    const n = fastDecode('tensorflow.NodeDef', bytes) as tensorflow.NodeDef & { $unknowns: Uint8Array[] };
    expect(n.name).toBe('n');
    expect(n.$unknowns).toHaveLength(5);
    expect(Object.keys(n)).not.toContain('$unknowns');
  });

  it('keeps the last member of a oneof, merges repeated singular messages, handles 64-bit values', () => {
    const shape = (size: number): Uint8Array => w().uint32((2 << 3) | 2).fork().uint32((1 << 3) | 0).int64(size).ldelim().finish();
    const bytes = w().uint32((2 << 3) | 2).string('s').uint32((3 << 3) | 0).int64(Long.fromString('-9007199254740993')).finish();
    expect(expectSame(AttrValue, 'tensorflow.AttrValue', bytes)).toBe('ok');
    const v = fastDecode('tensorflow.AttrValue', bytes) as tensorflow.AttrValue;
    expect(v.value).toBe('i');
    expect(Object.prototype.hasOwnProperty.call(v, 's')).toBe(false);
    expect(String(v.i)).toBe('-9007199254740993');
    const merged = w().uint32((7 << 3) | 2).bytes(shape(3)).uint32((7 << 3) | 2).bytes(shape(-1)).finish();
    expect(expectSame(AttrValue, 'tensorflow.AttrValue', merged)).toBe('ok');
    expect((fastDecode('tensorflow.AttrValue', merged) as tensorflow.AttrValue).shape!.dim!.map((d) => String(d.size))).toEqual(['3', '-1']);
  });

  it('reads packed and unpacked repeated scalars, maps with a __proto__ key, strings long and non-ASCII', () => {
    const list = w().uint32((3 << 3) | 2).fork().int64(1).int64(-2).int64(300).ldelim().uint32((3 << 3) | 0).int64(4)
      .uint32((4 << 3) | 2).fork().float(1.5).float(-0).ldelim().uint32((4 << 3) | 5).float(2)
      .uint32((2 << 3) | 2).bytes(new Uint8Array([0xff])).finish();
    const attr = w().uint32((1 << 3) | 2).bytes(list).finish();
    expect(expectSame(AttrValue, 'tensorflow.AttrValue', attr)).toBe('ok');
    expect((fastDecode('tensorflow.AttrValue', attr) as tensorflow.AttrValue).list!.i!.map(String)).toEqual(['1', '-2', '300', '4']);
    const long = 'é'.repeat(50) + 'x'.repeat(100);
    const node = w().uint32((1 << 3) | 2).string(long).uint32((2 << 3) | 2).string('Const')
      .uint32((5 << 3) | 2).fork().uint32((1 << 3) | 2).string('__proto__').uint32((2 << 3) | 2).bytes(attr).ldelim()
      .uint32((5 << 3) | 2).fork().uint32((1 << 3) | 2).string('T').ldelim().finish();
    expect(expectSame(NodeDef, 'tensorflow.NodeDef', node)).toBe('ok');
    const n = fastDecode('tensorflow.NodeDef', node) as tensorflow.NodeDef;
    expect(n.name).toBe(long);
    expect(Object.keys(n.attr)).toEqual(['__proto__', 'T']);
  });

  it('rejects invalid UTF-8, overlong nesting and bad wire types as protobufjs does', () => {
    const badUtf8 = w().uint32((1 << 3) | 2).bytes(new Uint8Array([0x61, 0xc3, 0x28])).finish();
    expect(expectSame(NodeDef, 'tensorflow.NodeDef', badUtf8)).toBe('error');
    const StructuredValue = tensorflow.StructuredValue as unknown as Decoder;
    let deep: Uint8Array = new Uint8Array(0);
    // StructuredValue.list_value (51) → ListValue.values (1) → StructuredValue …, 300 levels deep.
    for (let i = 0; i < 150; i++) deep = w().uint32((51 << 3) | 2).fork().uint32((1 << 3) | 2).bytes(deep).ldelim().finish();
    expect(expectSame(StructuredValue, 'tensorflow.StructuredValue', deep)).toBe('error');
    expect(() => fastDecode('tensorflow.StructuredValue', deep)).toThrow(/max depth exceeded/);
    expect(expectSame(NodeDef, 'tensorflow.NodeDef', new Uint8Array([(1 << 3) | 7, 0]))).toBe('error');
    expect(expectSame(NodeDef, 'tensorflow.NodeDef', new Uint8Array([(1 << 3) | 4]))).toBe('error');
    expect(expectSame(NodeDef, 'tensorflow.NodeDef', new Uint8Array([2, 0]))).toBe('error');
  });
});
