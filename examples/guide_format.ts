/** Printing helpers shared by the guide examples: values the way the guide's Python prints them. */
import type * as tf from '@tensorflow/tfjs-core';

/** A number as Python prints a float (`7.0`, `0.25`). */
export function pyFloat(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** A tensor or JS value as the guide prints it: `7.0` for scalars, `[7.0]` for vectors. */
export function show(x: tf.Tensor | number | number[]): string {
  if (typeof x === 'number') return pyFloat(x);
  if (Array.isArray(x)) return `[${x.map(pyFloat).join(', ')}]`;
  const vals = Array.from(x.dataSync() as Float32Array, pyFloat);
  return x.rank === 0 ? vals[0] : `[${vals.join(', ')}]`;
}

/** The output directory given on the command line (`npx tsx examples/x.ts DIR`), default '.'. */
export function outDir(): string {
  return process.argv[2] ?? '.';
}
