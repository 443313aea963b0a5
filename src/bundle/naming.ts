/** File names of a bundle with prefix P: `P.index` and the shards `P.data-0000K-of-0000N`. */

/** The metadata table of bundle `prefix`. */
export function indexFilename(prefix: string): string {
  return `${prefix}.index`;
}

/** Data shard `shard` (0-based) of `numShards`: TF's `%s.data-%05d-of-%05d`. */
export function dataFilename(prefix: string, shard: number, numShards: number): string {
  return `${prefix}.data-${String(shard).padStart(5, '0')}-of-${String(numShards).padStart(5, '0')}`;
}
