/**
 * Byte mutations for fuzzing: a seed file and a list of edits (bit flips, truncation, insertion,
 * overwrite, duplication) described as plain data so fast-check can generate and shrink them.
 */
import fc from 'fast-check';

/** One edit of a byte string; positions are fractions of the current length so they always apply. */
export type Edit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate'; at: number; len: number };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const smallBytes = fc.uint8Array({ minLength: 1, maxLength: 16 });

/** An arbitrary single edit. */
export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: frac, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: frac }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: frac, bytes: smallBytes }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('overwrite' as const), at: frac, bytes: smallBytes }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: frac, len: fc.integer({ min: 1, max: 64 }) }) },
);

/** Applies edits in order to a copy of `seed`. */
export function applyEdits(seed: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let b = seed.slice();
  for (const e of edits) {
    const at = Math.floor(e.at * b.length);
    switch (e.kind) {
      case 'flip':
        if (b.length > 0) b[at] ^= 1 << e.bit;
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'insert': {
        const out = new Uint8Array(b.length + e.bytes.length);
        out.set(b.subarray(0, at));
        out.set(e.bytes, at);
        out.set(b.subarray(at), at + e.bytes.length);
        b = out;
        break;
      }
      case 'overwrite':
        b.set(e.bytes.subarray(0, Math.max(0, b.length - at)), at);
        break;
      case 'duplicate': {
        const chunk = b.slice(at, at + e.len);
        const out = new Uint8Array(b.length + chunk.length);
        out.set(b.subarray(0, at + chunk.length));
        out.set(chunk, at + chunk.length);
        out.set(b.subarray(at + chunk.length), at + 2 * chunk.length);
        b = out;
        break;
      }
    }
  }
  return b;
}

/** Mutated variants of one of the seeds, or (one case in eight) plain random bytes. */
export function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 7, arbitrary: fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 4 })).map(([i, edits]) => applyEdits(seeds[i], edits)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  );
}
