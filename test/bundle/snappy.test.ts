import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { snappyDecompress, snappyUncompressedLength } from '../../src/bundle/snappy.js';
import { snappyCompress } from '../../src/bundle/snappy_compress.js';
import { SavedModelError } from '../../src/errors.js';
import { SNAPPY_KINDS, SNAPPY_SIZES, snappyInput } from './snappy_inputs.js';

/** [input kind, input size, reference compressed size, first 16 hex digits of its SHA-256]. */
const REFERENCE: [string, number, number, string][] = [
  ['random', 0, 1, '6e340b9cffb37a98'],
  ['random', 1, 3, 'f669fd0f5f25f95d'],
  ['random', 14, 16, 'b9bb9a2d17a859d4'],
  ['random', 15, 17, 'c46d8c772d53cb62'],
  ['random', 16, 18, 'c0a68730101059eb'],
  ['random', 17, 19, 'ce0beade74df96c8'],
  ['random', 100, 103, '93a1bd385f19e984'],
  ['random', 255, 259, '0d45d4927daf2eeb'],
  ['random', 256, 260, 'd4d0c1161b127f7a'],
  ['random', 257, 262, '36a3da09f6e1ee8b'],
  ['random', 1000, 1005, 'ebf31670b5606148'],
  ['random', 4096, 4101, '85e702eac9637980'],
  ['random', 16384, 16390, '7cd78e0fad0b7e75'],
  ['random', 16385, 16391, '2906235d2ff0cd7b'],
  ['random', 65535, 65541, '4aec07ed9361b23d'],
  ['random', 65536, 65542, '5481dc221ca1eede'],
  ['random', 65537, 65544, '9687b7befc8f15d3'],
  ['random', 200000, 200015, '03b477ea285e1b59'],
  ['zeros', 0, 1, '6e340b9cffb37a98'],
  ['zeros', 1, 3, 'fb50dc0717ff266c'],
  ['zeros', 14, 16, '37b5fede4b52b0a2'],
  ['zeros', 15, 17, 'dff0af27422e1d3b'],
  ['zeros', 16, 18, '38538652fb93d184'],
  ['zeros', 17, 6, 'ee507596aa8639e2'],
  ['zeros', 100, 9, '952122c78a595113'],
  ['zeros', 255, 16, 'd5ebb750ca173b02'],
  ['zeros', 256, 16, 'd8527bc0fe3c689c'],
  ['zeros', 257, 16, 'e5941ed0fe54d59e'],
  ['zeros', 1000, 52, 'a78a6355cc4b914a'],
  ['zeros', 4096, 196, '39505ad95e3f4172'],
  ['zeros', 16384, 773, '0091339ce228c5a3'],
  ['zeros', 16385, 773, '456d532f07a137ee'],
  ['zeros', 65535, 3077, '0dff7d85e3ea2445'],
  ['zeros', 65536, 3077, '91f3b2684a367da6'],
  ['zeros', 65537, 3079, 'fb7cc8b56bbfdd63'],
  ['zeros', 200000, 9386, 'eb67b9c023b123b1'],
  ['text', 0, 1, '6e340b9cffb37a98'],
  ['text', 1, 3, '4959da1b812ff1a9'],
  ['text', 14, 16, 'b3641102e3d7b27c'],
  ['text', 15, 17, 'f8c9dde4a0dff049'],
  ['text', 16, 18, 'd364e7e77d45672b'],
  ['text', 17, 19, 'b6ad2ecfa4f917e8'],
  ['text', 100, 80, '4a27c3dfb9929b9f'],
  ['text', 255, 133, '665cf4fe6d822861'],
  ['text', 256, 146, '9c102b1a9f5c8ff8'],
  ['text', 257, 141, '228d2ea08e41a785'],
  ['text', 1000, 349, '1c5a1d497cf240cd'],
  ['text', 4096, 1127, '43ab8b7a2c14c1d8'],
  ['text', 16384, 4114, 'a13a2146495c37a3'],
  ['text', 16385, 4101, 'f846cfefa6e67132'],
  ['text', 65535, 15940, '8a86580c7efa40c6'],
  ['text', 65536, 15779, '3bbf4a26b3944dd3'],
  ['text', 65537, 15979, 'c3142b594fdef249'],
  ['text', 200000, 48296, '5f99ef7bdaf34435'],
  ['floats', 0, 1, '6e340b9cffb37a98'],
  ['floats', 1, 3, 'fb50dc0717ff266c'],
  ['floats', 14, 16, 'b5ec37d3066a068f'],
  ['floats', 15, 17, '6f120e820a652800'],
  ['floats', 16, 18, '0670e08a8439647a'],
  ['floats', 17, 19, 'b40e42e75a96f4c0'],
  ['floats', 100, 90, '5d3b61a9a4eb5fd4'],
  ['floats', 255, 202, '4ba27bfd54a7a38d'],
  ['floats', 256, 204, 'c9ee3da4d042f208'],
  ['floats', 257, 214, '3349a8eaebc288b3'],
  ['floats', 1000, 619, '59feb0ca7841bf64'],
  ['floats', 4096, 2143, '689ce8541f157933'],
  ['floats', 16384, 8226, 'e78c6002fdd21905'],
  ['floats', 16385, 8247, '82db7d7c38e0d093'],
  ['floats', 65535, 32494, 'd1e80250e7ed31ae'],
  ['floats', 65536, 32457, '0b3d0d3a4bf0f784'],
  ['floats', 65537, 32546, '05a74b2dfdeeecb2'],
  ['floats', 200000, 99406, '697a1f27cbbd55b9'],
  ['mixed', 0, 1, '6e340b9cffb37a98'],
  ['mixed', 1, 3, '1332104e4c636a6d'],
  ['mixed', 14, 16, 'd580c58df77d6e76'],
  ['mixed', 15, 17, 'e4545a05ea98f462'],
  ['mixed', 16, 18, 'e7d7456676334a85'],
  ['mixed', 17, 19, 'cb572a43f5b0a963'],
  ['mixed', 100, 103, '79d72816147a2563'],
  ['mixed', 255, 170, 'c58674c55dfbdcd6'],
  ['mixed', 256, 260, '039ac50500634c74'],
  ['mixed', 257, 262, '52f70be51c3ca22b'],
  ['mixed', 1000, 543, '3a9bc93d777eee82'],
  ['mixed', 4096, 2287, '5a0e0f21beb9390a'],
  ['mixed', 16384, 8352, '51eea53a4f44f954'],
  ['mixed', 16385, 8907, '59a4a892b5c7bcea'],
  ['mixed', 65535, 39139, '441330506ae0932b'],
  ['mixed', 65536, 35765, '4b908476cc4455fd'],
  ['mixed', 65537, 38197, '78da56379ce23446'],
  ['mixed', 200000, 171915, '94859e11a4ed1e68'],
];

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);

describe('snappy compressor matches the reference C++ snappy byte for byte', () => {
  test('the vector table covers every kind and size', () => {
    expect(REFERENCE.length).toBe(SNAPPY_KINDS.length * SNAPPY_SIZES.length);
  });
  test.each(REFERENCE)('%s, %d bytes', (kind, size, compressedSize, digest) => {
    const input = snappyInput(kind, size);
    const out = snappyCompress(input);
    expect(out.length).toBe(compressedSize);
    expect(sha(out)).toBe(digest);
    expect(snappyDecompress(out)).toEqual(input);
  });

  test('tiny inputs have the documented encoding', () => {
    expect(Array.from(snappyCompress(new Uint8Array(0)))).toEqual([0]);
    expect(Array.from(snappyCompress(new TextEncoder().encode('a')))).toEqual([1, 0, 0x61]);
    // "hello " then a copy of 23 bytes at offset 6 (2-byte-offset copy since length ≥ 12).
    const hello = new TextEncoder().encode('hello hello hello hello hello');
    expect(Array.from(snappyCompress(hello))).toEqual([0x1d, 0x14, ...new TextEncoder().encode('hello '), 0x5a, 0x06, 0x00]);
  });
});

describe('snappy decompressor', () => {
  test('round-trips arbitrary and repetitive data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 40 }), (chunk, reps) => {
        const input = new Uint8Array(chunk.length * reps);
        for (let i = 0; i < reps; i++) input.set(chunk, i * chunk.length);
        expect(snappyDecompress(snappyCompress(input))).toEqual(input);
      }),
      { numRuns: 200 },
    );
  });

  test('decodes every element kind, including 4-byte-offset copies and long literals', () => {
    // literal "abcd", copy-1 (len 4, offset 4), copy-2 (len 8, offset 8), copy-4 (len 3, offset 2: overlapping, so it repeats "cd"),
    // then a 61-byte literal using a 1-byte extended length.
    const lit = new Uint8Array(61).fill(0x7a);
    const src = new Uint8Array([4 + 4 + 8 + 3 + 61, 0x0c, 0x61, 0x62, 0x63, 0x64, 0x01, 0x04, 0x1e, 0x08, 0x00, 0x0b, 0x02, 0x00, 0x00, 0x00, 0xf0, 60, ...lit]);
    const out = snappyDecompress(src);
    expect(new TextDecoder().decode(out.subarray(0, 19))).toBe('abcdabcdabcdabcdcdc');
    expect(out.subarray(19)).toEqual(lit);
  });

  const bad: [string, number[], RegExp][] = [
    ['empty input', [], /truncated length header/],
    ['length header longer than 5 bytes', [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], /exceeds 32 bits|longer than 5/],
    ['declared length beyond what the input can hold', [0xff, 0xff, 0xff, 0x7f, 0x00, 0x61], /more than 2 compressed bytes can hold/],
    ['literal running past the input', [5, 0x10, 0x61], /runs past the end/],
    ['literal overflowing the declared length', [1, 0x04, 0x61, 0x62], /overflows the declared length/],
    ['copy before any output', [4, 0x01, 0x01], /points outside the output/],
    ['copy with offset 0', [5, 0x00, 0x61, 0x01, 0x00], /points outside the output/],
    ['copy overflowing the declared length', [5, 0x00, 0x61, 0x05, 0x01], /overflows the declared length/],
    ['truncated copy', [5, 0x00, 0x61, 0x02, 0x01], /truncated copy/],
    ['output shorter than declared', [3, 0x00, 0x61], /produced 1 bytes but the header declared 3/],
  ];
  test.each(bad)('%s is DATA_LOSS', (_name, bytes, message) => {
    const run = () => snappyDecompress(new Uint8Array(bytes), 'test block');
    expect(run).toThrow(SavedModelError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as SavedModelError).code).toBe('DATA_LOSS');
    }
  });

  test('a caller limit is enforced before allocating', () => {
    const big = snappyCompress(new Uint8Array(100000));
    expect(snappyUncompressedLength(big)).toEqual([100000, 3]);
    expect(() => snappyDecompress(big, 'x', 1000)).toThrow(/exceeds the limit of 1000 bytes/);
  });

  test('random corruption never escapes as anything but DATA_LOSS', () => {
    const good = snappyCompress(snappyInput('mixed', 5000));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = good.slice();
        b[at] ^= x;
        try {
          snappyDecompress(b);
        } catch (e) {
          expect(e).toBeInstanceOf(SavedModelError);
          expect((e as SavedModelError).code).toBe('DATA_LOSS');
        }
      }),
      { numRuns: 300 },
    );
  });
});
