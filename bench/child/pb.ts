/**
 * Bench child: decoding speed of a large saved_model.pb (`pb.ts OUT_DIR`). The file is built from
 * a TF-written model (the keras_transformer fixture): its meta graph once, plus copies of its
 * graph nodes and function library (renamed, so names stay unique) until it holds ≥ 50 MB — real
 * TensorFlow node, attribute and function content, hundreds of thousands of nodes. It is written
 * to OUT_DIR/saved_model.pb (Python TF parses the same file for reference), then decoded with
 * decodeSavedModel several times: MB/s (10⁶ bytes) from the median wall and CPU times. That
 * decode validates function bodies and decodes each on first use (as loadModel uses it); the
 * detail also gives the rate with every function body decoded, and that of the eager decoder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensorflow } from '../../src/proto/index.js';
import { decodeSavedModel } from '../../src/savedmodel/reader.js';
import { fastDecode } from '../../src/proto/gen/fast_decode.js';
import { collectGarbage, fixtureModel, median, report, round, timed, type Timing } from '../lib/common.js';

const TARGET_BYTES = 50e6;
const RUNS = 5;

function build(source: Uint8Array): Uint8Array {
  const sm = decodeSavedModel(source);
  const mg = sm.metaGraphs[0];
  const graph = mg.graphDef!;
  const nodes = graph.node ?? [];
  const functions = graph.library?.function ?? [];
  const perCopy = tensorflow.GraphDef.encode({ node: nodes, library: { function: functions } }).finish().length;
  const copies = Math.ceil((TARGET_BYTES - source.length) / perCopy) + 1;
  const outNodes = [...nodes];
  const outFunctions = [...functions];
  for (let c = 1; c <= copies; c++) {
    const prefix = `copy_${c}/`;
    for (const n of nodes) {
      outNodes.push(tensorflow.NodeDef.create({ ...n, name: prefix + n.name, input: (n.input ?? []).map((i) => (i.startsWith('^') ? `^${prefix}${i.slice(1)}` : prefix + i)) }));
    }
    for (const f of functions) {
      outFunctions.push(tensorflow.FunctionDef.create({ ...f, signature: tensorflow.OpDef.create({ ...f.signature!, name: `${f.signature!.name}_copy_${c}` }) }));
    }
  }
  graph.node = outNodes;
  graph.library!.function = outFunctions;
  return tensorflow.SavedModel.encode(sm).finish();
}

async function main(): Promise<void> {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: pb.ts OUT_DIR');
  const src = fixtureModel('keras_transformer');
  if (!src) {
    report({ skipped: 'test/fixtures/tf-generated/*/keras_transformer absent' });
    return;
  }
  const bytes = build(readFileSync(join(src, 'saved_model.pb')));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'saved_model.pb');
  writeFileSync(file, bytes);
  // Interleaved, so that the three are measured under the same machine load: the decode as
  // loadModel uses it (function bodies validated, decoded on first use: the key), the same plus
  // decoding every function body, and the eager fast decoder (everything built up front).
  const lazy: Timing[] = [];
  const all: Timing[] = [];
  const eager: Timing[] = [];
  let nodes = 0;
  let functions = 0;
  // Each phase starts after a full collection and a pause, so that the concurrent sweeping of the
  // previous phase's garbage (hundreds of MB after an eager decode) is not charged to it.
  const settle = async (): Promise<void> => {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 300));
  };
  for (let r = 0; r < RUNS; r++) {
    await settle();
    const [sm, t] = await timed(() => decodeSavedModel(bytes, file));
    nodes = sm.metaGraphs[0].graphDef?.node?.length ?? 0;
    functions = sm.metaGraphs[0].graphDef?.library?.function?.length ?? 0;
    lazy.push(t);
    await settle();
    all.push(
      (
        await timed(() => {
          const m = decodeSavedModel(bytes, file);
          let n = 0;
          for (const f of m.metaGraphs[0].graphDef?.library?.function ?? []) n += f.nodeDef?.length ?? 0;
          return n;
        })
      )[1],
    );
    await settle();
    eager.push((await timed(() => fastDecode('tensorflow.SavedModel', bytes)))[1]);
  }
  const mb = bytes.length / 1e6;
  const rate = (ts: Timing[], k: 'wall' | 'cpu'): number => round(mb / median(ts.map((t) => t[k])), 1);
  const wall = median(lazy.map((t) => t.wall));
  const cpu = median(lazy.map((t) => t.cpu));
  report({
    file,
    bytes: bytes.length,
    nodes,
    functions,
    wall,
    cpu,
    mb_per_s_wall: rate(lazy, 'wall'),
    mb_per_s_cpu: rate(lazy, 'cpu'),
    decode_all_functions_mb_per_s_cpu: rate(all, 'cpu'),
    decode_all_functions_mb_per_s_wall: rate(all, 'wall'),
    eager_mb_per_s_cpu: rate(eager, 'cpu'),
    eager_mb_per_s_wall: rate(eager, 'wall'),
  });
}

await main();
