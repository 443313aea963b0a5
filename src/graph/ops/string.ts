/** Op definitions: string ops used by savers and input pipelines (kernels: src/runtime/kernels/string.ts). */
import type { OpSpecTable } from '../opdef.js';

export const stringOps: OpSpecTable = {
  StringJoin: { in: ['inputs: N * string'], out: ['output: string'], attrs: ["separator: string = ''"] },
  ShardedFilename: { in: ['basename: string', 'shard: int32', 'num_shards: int32'], out: ['filename: string'] },
  StaticRegexFullMatch: { in: ['input: string'], out: ['output: bool'], attrs: ['pattern: string'] },
};
