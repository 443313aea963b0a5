/**
 * The guide's TF1 step 1: build add_two in a graph, run it in a session, and save it with
 * SavedModelBuilder and a `serving_default` predict signature (`DIR/saved-model-builder`).
 *
 *   npx tsx examples/v1_builder.ts [DIR]
 */
import { join } from 'node:path';
import { DEFAULT_SERVING_SIGNATURE_DEF_KEY, ops, v1 } from '../src/index.js';
import { outDir, show } from './guide_format.js';

const addTwo = (input: unknown) => ops.add(input as never, 2);

await v1.ready();
const graph = new v1.Graph();
const sess = new v1.Session(graph);
const input = graph.placeholder('float32', []);
const output = addTwo(input);
console.log('add two output: ', show(sess.run(output, new Map([[input, 3]]))));

// Save with SavedModelBuilder
const builder = new v1.savedModel.Builder(join(outDir(), 'saved-model-builder'));
const sigDef = v1.savedModel.predictSignatureDef({ inputs: { input }, outputs: { output } });
builder.addMetaGraphAndVariables(sess, ['serve'], { signatureDefMap: { [DEFAULT_SERVING_SIGNATURE_DEF_KEY]: sigDef } });
console.log('SavedModel written to:', await builder.save());
