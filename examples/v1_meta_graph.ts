/**
 * The guide's GraphDef and MetaGraphDef story: a multiplication graph saved with Saver — the
 * meta graph as text (`DIR/multiply.pb`) and the variables as a checkpoint
 * (`DIR/multiply_values.ckpt`) — then imported into a new graph with `importMetaGraph`,
 * restored, and run: 15.0.
 *
 *   npx tsx examples/v1_meta_graph.ts [DIR]
 */
import { join } from 'node:path';
import { ops, v1 } from '../src/index.js';
import { outDir, show } from './guide_format.js';

await v1.ready();
const dir = outDir();

// Save a simple multiplication computation:
{
  const g = new v1.Graph();
  const x = g.placeholder('float32', [], 'x');
  const v = g.variable(3.0, { name: 'v' });
  const y = ops.mul(x, v, { name: 'y' });
  const sess = new v1.Session(g);
  sess.run(v.initializer);
  console.log(show(sess.run(y, new Map([[x, 5]]))));
  const s = new v1.train.Saver({ graph: g });
  await s.exportMetaGraph(join(dir, 'multiply.pb'), { asText: true });
  await s.save(sess, join(dir, 'multiply_values.ckpt'));
}

// import_meta_graph + restore
{
  const g = new v1.Graph();
  const meta = await v1.train.importMetaGraph(join(dir, 'multiply.pb'), { graph: g });
  const x = g.getTensorByName('x:0');
  const y = g.getTensorByName('y:0');
  const sess = new v1.Session(g);
  await meta!.restore(sess, join(dir, 'multiply_values.ckpt'));
  console.log('import_meta_graph + restore:', show(sess.run(y, new Map([[x, 5]]))));
}
