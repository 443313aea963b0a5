/**
 * The guide's TF2 bridge to TF1 graphs: `wrap_function` imports the meta graph of the previous
 * step (`DIR/multiply.pb`) into a function graph, a Saver over the wrapped variables restores
 * them without a session, and `prune(x, y)` gives a function of tensors: 15.0.
 *
 *   npx tsx examples/v1_wrap_function.ts [DIR]
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { v1 } from '../src/index.js';
import { outDir, show } from './guide_format.js';

const dir = outDir();

// Any graph-building code is allowed here.
const importMultiply = () => v1.train.importMetaGraph(join(dir, 'multiply.pb'));

// Creates a function with all the imported elements in the function graph.
const wrappedImport = await v1.wrapFunction(importMultiply, []);
const importGraph = wrappedImport.graph;
const x = importGraph.getTensorByName('x:0');
const y = importGraph.getTensorByName('y:0');

// Restore the variable values.
await new v1.train.Saver({ varList: wrappedImport.variables }).restore(null, join(dir, 'multiply_values.ckpt'));

// Create a function by pruning the wrapped function (similar to sess.run).
const multiplyFn = wrappedImport.prune(x, y);

// Run this function
console.log('wrap_function + prune:', show(multiplyFn(tf.scalar(5)) as tf.Tensor));
