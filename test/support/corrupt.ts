/**
 * Seeded damage for decoder tests: copies of `bytes` with one to three random edits each (a byte
 * replaced, inserted or deleted), from a linear congruential generator, so runs are reproducible.
 */
export function* seededCorruptions(bytes: Uint8Array, seed: number, count: number): Generator<Uint8Array> {
  let state = seed;
  const rand = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  for (let i = 0; i < count; i++) {
    const b = Array.from(bytes);
    const edits = 1 + rand(3);
    for (let e = 0; e < edits; e++) {
      const at = rand(b.length);
      const kind = rand(3);
      if (kind === 0) b[at] = rand(256);
      else if (kind === 1) b.splice(at, 0, rand(256));
      else b.splice(at, 1);
    }
    yield new Uint8Array(b);
  }
}
