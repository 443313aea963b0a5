/**
 * The guide's TF1 step 2: the same add_two graph saved with simple_save (`DIR/simple-save`).
 *
 *   npx tsx examples/v1_simple_save.ts [DIR]
 */
import { join } from 'node:path';
import { ops, v1 } from '../src/index.js';
import { outDir, show } from './guide_format.js';

await v1.ready();
const graph = new v1.Graph();
const sess = new v1.Session(graph);
const input = graph.placeholder('float32', []);
const output = ops.add(input, 2);
console.log('add_two output: ', show(sess.run(output, new Map([[input, 3]]))));

console.log('SavedModel written to:', await v1.savedModel.simpleSave(sess, join(outDir(), 'simple-save'), { input }, { output }));
