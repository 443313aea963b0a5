/** The CLI's numpy pieces: array printing (numpy's str), .npy/.npz files, Python literals. */
import { formatNumpy } from '../../src/cli/numpy_format.js';
import { readNpy, writeNpy } from '../../src/cli/npy.js';
import { readNpz, writeNpz } from '../../src/cli/npz.js';
import { parsePython, toNdArray } from '../../src/cli/pyliteral.js';
import type { NdArray } from '../../src/cli/ndarray.js';

const f32 = (shape: number[], data: number[]): NdArray => ({ dtype: 'float32', shape, data: Float32Array.from(data) });

describe('numpy printing', () => {
  // Expected strings are numpy 1.26's str() of the same arrays.
  test.each([
    [f32([3, 1], [2.5, 3, 4.5]), '[[2.5]\n [3. ]\n [4.5]]'],
    [f32([3], [0.1, 1 / 3, -2]), '[ 0.1         0.33333334 -2.        ]'],
    [f32([2], [1e-5, 1]), '[1.e-05 1.e+00]'],
    [f32([3], [NaN, 1.5, -Infinity]), '[ nan  1.5 -inf]'],
    [f32([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), '[[[1. 2.]\n  [3. 4.]]\n\n [[5. 6.]\n  [7. 8.]]]'],
    [f32([], [2.5]), '2.5'],
    [f32([], [3]), '3.0'],
    [f32([], [1e-5]), '1e-05'],
    [f32([0], []), '[]'],
    [{ dtype: 'int32', shape: [3], data: [1, -20, 300] }, '[  1 -20 300]'],
    [{ dtype: 'bool', shape: [2], data: [true, false] }, '[ True False]'],
    [{ dtype: 'bytes', shape: [2], data: [new TextEncoder().encode("ab'c"), Uint8Array.from([255, 0, 98])] }, `[b"ab'c" b'\\xff\\x00b']`],
    [{ dtype: 'int64', shape: [2000], data: Array.from({ length: 2000 }, (_, i) => i) }, '[   0    1    2 ... 1997 1998 1999]'],
  ] as [NdArray, string][])('%#', (a, want) => {
    expect(formatNumpy(a)).toBe(want);
  });

  test('long rows wrap at 75 columns under the opening bracket', () => {
    const text = formatNumpy(f32([30], Array.from({ length: 30 }, (_, i) => i * 1.5)));
    expect(text.split('\n').map((l) => l.length <= 75)).toEqual([true, true, true]);
    expect(text).toBe('[ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12.  13.5 15.  16.5 18.  19.5\n 21.  22.5 24.  25.5 27.  28.5 30.  31.5 33.  34.5 36.  37.5 39.  40.5\n 42.  43.5]');
  });
});

describe('.npy and .npz', () => {
  test('writeNpy writes numpy\'s own header layout, and reads back', () => {
    const bytes = writeNpy(f32([2, 3], [1, 2, 3, 4, 5, 6]));
    // numpy 1.26: the dict, 20 spaces of room for the first axis to grow, padding to 64 bytes, '\n'
    expect(bytes.length).toBe(128 + 24);
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 128))).toBe(`\x93NUMPY\x01\x00v\x00${dict}${' '.repeat(117 - dict.length)}\n`);
    expect(readNpy(bytes)).toEqual({ dtype: 'float32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
  });

  test('readNpy: big-endian, Fortran order, int64, S and U strings', () => {
    const header = (dict: string): Uint8Array => {
      let h = dict;
      h += ' '.repeat((64 - ((10 + h.length + 1) % 64)) % 64) + '\n';
      const out = new Uint8Array(10 + h.length);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length & 0xff, h.length >> 8]);
      out.set(new TextEncoder().encode(h), 10);
      return out;
    };
    const cat = (a: Uint8Array, b: number[]): Uint8Array => Uint8Array.from([...a, ...b]);
    expect(readNpy(cat(header("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }"), [0, 0, 1, 2, 255, 255, 255, 254])).data).toEqual([258, -2]);
    expect(readNpy(cat(header("{'descr': '<i2', 'fortran_order': True, 'shape': (2, 2), }"), [1, 0, 3, 0, 2, 0, 4, 0])).data).toEqual([1, 2, 3, 4]);
    expect(readNpy(cat(header("{'descr': '<f2', 'fortran_order': False, 'shape': (4,), }"), [0, 0x3c, 1, 0, 0, 0xfc, 0x55, 0x35])).data).toEqual([1, 2 ** -24, -Infinity, 0.333251953125]);
    expect(readNpy(cat(header("{'descr': '<i8', 'fortran_order': False, 'shape': (), }"), [255, 255, 255, 255, 255, 255, 255, 255])).data).toEqual([-1n]);
    expect(readNpy(cat(header("{'descr': '|S3', 'fortran_order': False, 'shape': (2,), }"), [97, 98, 0, 99, 100, 101])).data).toEqual([Uint8Array.from([97, 98]), Uint8Array.from([99, 100, 101])]);
    expect(readNpy(cat(header("{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }"), [0xe9, 0, 0, 0])).data).toEqual(['é']);
    expect(() => readNpy(header("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"))).toThrow(/object arrays need pickle/);
    expect(() => readNpy(Uint8Array.from([1, 2, 3]))).toThrow(/no \\x93NUMPY magic/);
  });

  test('npz: stored and deflated members, CRC-32 checked', () => {
    const a = writeNpy({ dtype: 'int32', shape: [3], data: [1, 2, 3] });
    for (const deflate of [false, true]) {
      const zip = writeNpz(new Map([['a', a]]), { deflate });
      expect(readNpy(readNpz(zip).get('a')!).data).toEqual([1, 2, 3]);
    }
    const zip = writeNpz(new Map([['a', a]]));
    zip[zip.length - 22 - 46 - 6 - a.length + 40] ^= 1; // flip a data byte of the stored member
    expect(() => readNpz(zip)).toThrow(/fails its size or CRC-32 check/);
  });
});

describe('Python literals', () => {
  test('numbers keep int/float apart; nesting gives the shape; numpy calls', () => {
    expect(toNdArray(parsePython('[[1], [2]]'))).toEqual({ dtype: 'int64', shape: [2, 1], data: [1, 2] });
    expect(toNdArray(parsePython('[1, 2.5, -3e-1]'))).toEqual({ dtype: 'float64', shape: [3], data: [1, 2.5, -0.3] });
    expect(toNdArray(parsePython('np.ones((2, 2), dtype=np.float32)'))).toEqual({ dtype: 'float32', shape: [2, 2], data: [1, 1, 1, 1] });
    expect(toNdArray(parsePython("[b'a\\x00', b'']"))).toEqual({ dtype: 'bytes', shape: [2], data: [Uint8Array.from([97, 0]), new Uint8Array(0)] });
    expect(toNdArray(parsePython('np.float32(1.5)'))).toEqual({ dtype: 'float32', shape: [], data: [1.5] });
    expect(toNdArray(parsePython('(True, False)'))).toEqual({ dtype: 'bool', shape: [2], data: [true, false] });
    expect(parsePython("{'x': [3.0], \"y\": (1,)}")).toEqual({
      t: 'dict', entries: [[{ t: 'str', v: 'x' }, { t: 'list', items: [{ t: 'float', v: 3 }] }], [{ t: 'str', v: 'y' }, { t: 'tuple', items: [{ t: 'int', v: 1n }] }]],
    });
  });

  test('anything else is refused', () => {
    expect(() => parsePython("__import__('os')")).toThrow(/only numpy calls/);
    expect(() => parsePython('[1, 2')).toThrow(/expected '\]'/);
    expect(() => toNdArray(parsePython('[[1], [2, 3]]'))).toThrow(/ragged/);
  });
});

describe('run progress bar', () => {
  test('draws one update per percent for big checkpoints, nothing for small ones', async () => {
    const { progressBar } = await import('../../src/cli/run.js');
    let err = '';
    const bar = progressBar({ out: () => undefined, err: (t) => (err += t) });
    const total = 64 << 20;
    for (const done of [0, 1 << 20, (1 << 20) + 1, total / 2, total]) bar({ phase: 'restore', bytesDone: done, bytesTotal: total, tensorsDone: 0, tensorsTotal: 1 });
    expect(err.split('\r').filter(Boolean)).toEqual([
      'Restoring variables [                    ]   0% (0.0 / 64.0 MiB)',
      'Restoring variables [                    ]   1% (1.0 / 64.0 MiB)',
      'Restoring variables [##########          ]  50% (32.0 / 64.0 MiB)',
      'Restoring variables [####################] 100% (64.0 / 64.0 MiB)\n',
    ]);
    err = '';
    bar({ phase: 'restore', bytesDone: 10, bytesTotal: 100, tensorsDone: 1, tensorsTotal: 1 });
    expect(err).toBe('');
  });
});
