/**
 * Pieces of the save/restore subgraphs TensorFlow's savers build, shared by the TF1 Saver
 * (src/v1/saver_graph.ts) and the TF2 SavedModel writer (src/savedmodel/writer_saver.ts).
 * Ops are added in the current name scope, in the order TensorFlow adds them.
 */
import { attr } from './build.js';
import { addConstant } from './constant.js';
import type { GraphBuilder } from './graph_builder.js';
import type { SymbolicTensor } from './symbolic.js';

/** Device of the savers' host ops. */
export const CPU0 = '/device:CPU:0';
/** Device of the filename ops (any CPU). */
export const CPU_ANY = '/device:CPU:*';

/**
 * The file a single-shard sharded save writes before merging: `<prefix>_temp/part-00000-of-00001`
 * (`<prefix>.part-…` on S3), as StaticRegexFullMatch, two Consts, Select, StringJoin, `num_shards`
 * and a `ShardedFilename` scope.
 */
export function addTempShardFilename(g: GraphBuilder, prefix: SymbolicTensor): SymbolicTensor {
  const isS3 = g.addOp('StaticRegexFullMatch', [prefix], { device: CPU_ANY, attrs: { pattern: attr.s('^s3://.*') } }).output(0);
  const part = addConstant(g, ['.part'], [], 'string', 'Const', CPU_ANY);
  const temp = addConstant(g, ['_temp/part'], [], 'string', 'Const', CPU_ANY);
  const suffix = g.addOp('Select', [isS3, part, temp], { device: CPU_ANY }).output(0);
  const tmpPrefix = g.addOp('StringJoin', [[prefix, suffix]], { device: CPU_ANY }).output(0);
  const numShards = addConstant(g, [1], [], 'int32', 'num_shards');
  return g.nameScope('ShardedFilename', (scope) => {
    const shard = addConstant(g, [0], [], 'int32', 'shard', CPU0);
    return g.addOp('ShardedFilename', [tmpPrefix, shard, numShards], { exactName: scope, device: CPU0 }).output(0);
  });
}

/** The `tensor_names` and `shape_and_slices` string vectors of a SaveV2 / RestoreV2 of whole tensors `keys`. */
export function addCheckpointKeys(g: GraphBuilder, keys: readonly string[], device?: string): [names: SymbolicTensor, slices: SymbolicTensor] {
  const names = addConstant(g, [...keys], [keys.length], 'string', 'tensor_names', device);
  const slices = addConstant(g, keys.map(() => ''), [keys.length], 'string', 'shape_and_slices', device);
  return [names, slices];
}
