import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { crc32c, crc32cImplementation, crc32cSoftware, loadCrc32c, maskCrc, unmaskCrc } from '../../src/bundle/crc32c.js';
import { FIXTURES_TF, fixtureTest } from '../support/fixtures.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('crc32c', () => {
  beforeAll(async () => {
    expect(await loadCrc32c()).toBe('native');
    expect(crc32cImplementation()).toBe('native');
  });

  // RFC 3720 (iSCSI) B.4 test vectors, also used by TensorFlow's and LevelDB's crc32c tests.
  const vectors: [string, Uint8Array, number][] = [
    ['"123456789"', ascii('123456789'), 0xe3069283],
    ['32 zero bytes', new Uint8Array(32), 0x8a9136aa],
    ['32 0xff bytes', new Uint8Array(32).fill(0xff), 0x62a8ab43],
    ['0..31', Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e],
    ['31..0', Uint8Array.from({ length: 32 }, (_, i) => 31 - i), 0x113fdb5c],
    ['empty', new Uint8Array(0), 0],
  ];
  test.each(vectors)('%s', (_name, data, expected) => {
    expect(crc32cSoftware(data)).toBe(expected);
    expect(crc32c(data)).toBe(expected);
  });

  test('software and native agree on every length and continuation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.nat({ max: 5000 }), fc.nat(), (data, cut, seed) => {
        const c = Math.min(cut, data.length);
        const whole = crc32cSoftware(data, seed >>> 0);
        expect(crc32c(data, seed >>> 0)).toBe(whole);
        expect(crc32c(data.subarray(c), crc32cSoftware(data.subarray(0, c), seed >>> 0))).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  test('mask and unmask', () => {
    expect(maskCrc(0xe3069283)).toBe(0xc78ab0e5);
    expect(unmaskCrc(0xc78ab0e5)).toBe(0xe3069283);
    expect(maskCrc(0)).toBe(0xa282ead8);
    fc.assert(fc.property(fc.nat(), (n) => {
      const v = n >>> 0;
      expect(unmaskCrc(maskCrc(v))).toBe(v);
      expect(maskCrc(v)).not.toBe(v);
      expect(maskCrc(maskCrc(v))).not.toBe(maskCrc(v));
    }));
  });

  fixtureTest('masked values TensorFlow stored in a block trailer', () => {
    // half_plus_two_v1's index (its footer says): data block (snappy) at 0 with 87 bytes,
    // metaindex at 92 with 8 bytes, index at 105 with 14; trailer = type, masked crc of block+type.
    const file = readFileSync(join(FIXTURES_TF, 'half_plus_two_v1/variables/variables.index'));
    const check = (offset: number, size: number, stored: number) => {
      const block = file.subarray(offset, offset + size + 1);
      expect(file.readUInt32LE(offset + size + 1)).toBe(stored);
      expect(maskCrc(crc32c(block))).toBe(stored);
      expect(maskCrc(crc32cSoftware(block))).toBe(stored);
    };
    check(0, 87, 0x1d3eda03);
    check(92, 8, 0xb0a1f2c0);
    check(105, 14, 0x879cf775);
  });
});
