/**
 * Deterministic inputs for the snappy conformance vectors: the expected SHA-256 digests of their
 * compressed forms were computed once with the reference C++ snappy (1.1.7, the version of the
 * TensorFlow 1.x era) and are pinned in snappy.test.ts.
 */

/** A small xorshift32 generator, so inputs are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const WORDS = ['tensor', 'bundle', 'variables', 'kernel', 'bias', 'dense', '/', '.ATTRIBUTES', 'VARIABLE_VALUE', ' ', 'layer_with_weights-0', '\n'];

/** Builds the named input of `size` bytes. */
export function snappyInput(kind: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const r = rng(size * 31 + kind.length);
  switch (kind) {
    case 'random':
      for (let i = 0; i < size; i++) out[i] = r() & 0xff;
      break;
    case 'zeros':
      break;
    case 'text': {
      let p = 0;
      while (p < size) {
        const w = new TextEncoder().encode(WORDS[r() % WORDS.length]);
        out.set(w.subarray(0, Math.min(w.length, size - p)), p);
        p += w.length;
      }
      break;
    }
    case 'floats': {
      // float32 values of small integers and halves: long runs of shared exponent bytes.
      const f = new Float32Array(out.buffer, 0, Math.floor(size / 4));
      for (let i = 0; i < f.length; i++) f[i] = (r() % 64) / 2;
      break;
    }
    case 'mixed':
      // Stretches of random bytes separated by repeats of earlier stretches, near and far.
      for (let i = 0; i < size; ) {
        const len = 1 + (r() % 300);
        if (i > 0 && r() % 2 === 0) {
          const back = 1 + (r() % Math.min(i, 70000));
          for (let k = 0; k < len && i < size; k++, i++) out[i] = out[i - back];
        } else {
          for (let k = 0; k < len && i < size; k++, i++) out[i] = r() & 0xff;
        }
      }
      break;
    default:
      throw new Error(`unknown input kind ${kind}`);
  }
  return out;
}

export const SNAPPY_KINDS = ['random', 'zeros', 'text', 'floats', 'mixed'];
export const SNAPPY_SIZES = [0, 1, 14, 15, 16, 17, 100, 255, 256, 257, 1000, 4096, 16384, 16385, 65535, 65536, 65537, 200000];
