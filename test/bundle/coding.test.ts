import fc from 'fast-check';
import { ByteReader, ByteWriter, getFixed32, putFixed32, putVarint, varintLength } from '../../src/bundle/coding.js';
import { SavedModelError } from '../../src/errors.js';

describe('varint and fixed encodings', () => {
  test('known encodings', () => {
    const enc = (v: number) => Array.from(new ByteWriter().varint(v).view());
    expect(enc(0)).toEqual([0]);
    expect(enc(127)).toEqual([0x7f]);
    expect(enc(128)).toEqual([0x80, 0x01]);
    expect(enc(300)).toEqual([0xac, 0x02]);
    expect(enc(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(enc(2 ** 53 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(Array.from(new ByteWriter().fixed32(0xdb477524).view())).toEqual([0x24, 0x75, 0x47, 0xdb]);
  });

  test('round trip', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { maxLength: 50 }), fc.array(fc.nat(), { maxLength: 20 }), (v64, v32) => {
        const w = new ByteWriter(1);
        for (const v of v64) w.varint(v);
        for (const v of v32) w.varint(v).fixed32(v);
        const r = new ByteReader(w.view(), 'test');
        for (const v of v64) expect(r.varint64()).toBe(v);
        for (const v of v32) {
          expect(r.varint32()).toBe(v);
          expect(r.fixed32()).toBe(v);
        }
        expect(r.remaining).toBe(0);
        const lengths = v64.reduce((n, v) => n + varintLength(v), 0);
        expect(lengths).toBeLessThanOrEqual(w.length);
      }),
    );
    const b = new Uint8Array(8);
    expect(putVarint(b, 0, 300)).toBe(2);
    expect(putFixed32(b, 4, 0x8b80fb57)).toBe(8);
    expect(getFixed32(b, 4)).toBe(0x8b80fb57);
  });

  test('malformed input is DATA_LOSS naming what was read', () => {
    const r = (bytes: number[]) => new ByteReader(new Uint8Array(bytes), 'block X');
    expect(() => r([0x80]).varint32()).toThrow(/corrupt block X: expected a varint32/);
    expect(() => r([0xff, 0xff, 0xff, 0xff, 0x1f]).varint32()).toThrow(/below 2\^32/);
    expect(() => r([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).varint64()).toThrow(/below 2\^53/);
    expect(() => r([1, 2, 3]).fixed32()).toThrow(SavedModelError);
    expect(() => r([1, 2, 3]).take(4)).toThrow(/expected 4 bytes at byte 0, found 3 bytes left/);
  });
});
