/**
 * Bench child: per-call cost of loaded SavedModels (process CPU time and wall time per call).
 *   - call overhead: one call of the TF-written `add_two` module's serving_default (guide_tf2_module
 *     fixture) through LoadedModel.signatures, against the one tfjs op it computes;
 *   - MLP / CNN (written by Keras, see nets.ts): loadModel's signature vs the network written
 *     directly in tfjs-core vs GraphModel on the frozen GraphDef (Identity nodes pruned as the
 *     converter would, and as TF froze it), all on the WASM backend; loadModel with `fuseOps`
 *     is timed alongside (detail only).
 * Contestants run in interleaved rounds, each round starting with the next contestant (none
 * always follows the same other one); each ratio is the median of the per-round ratios (the same
 * machine load for both sides of a ratio). Usage: infer.ts [models.json]
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../../src/savedmodel/loader.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { fixtureModel, median, report, round } from '../lib/common.js';
import { NETS, directNet, graphModel, readWeights, type NetManifest, type NetName } from '../lib/nets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

type Call = () => tf.Tensor;

/** µs per call of `f` over `iters` calls: process CPU time and wall time. */
function perCall(iters: number, f: Call): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) {
    const y = f();
    y.dataSync();
    y.dispose();
  }
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / iters, wall: ((performance.now() - t0) * 1000) / iters };
}

/** Interleaved rounds of every contestant; medians of µs per call and of per-round ratios to the first. */
function compare(iters: number, contestants: Record<string, Call>): Record<string, { cpu_us: number; wall_us: number; cpu_ratio: number; wall_ratio: number }> {
  const names = Object.keys(contestants);
  for (const n of names) perCall(Math.min(20, iters), contestants[n]);
  const rounds: Record<string, { cpu: number; wall: number }[]> = Object.fromEntries(names.map((n) => [n, []]));
  // Each round starts with the next contestant, so none always runs right after the same other one.
  for (let r = 0; r < ROUNDS; r++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(r + j) % names.length];
      rounds[n].push(perCall(iters, contestants[n]));
    }
  }
  const first = rounds[names[0]];
  return Object.fromEntries(names.map((n) => [n, {
    cpu_us: round(median(rounds[n].map((x) => x.cpu)), 2),
    wall_us: round(median(rounds[n].map((x) => x.wall)), 2),
    // ratio of the first contestant (ours) to this one, per round
    cpu_ratio: round(median(rounds[n].map((x, i) => first[i].cpu / x.cpu))),
    wall_ratio: round(median(rounds[n].map((x, i) => first[i].wall / x.wall))),
  }]));
}

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

async function callOverhead(): Promise<object> {
  const dir = fixtureModel('guide_tf2_module');
  if (!dir) return { skipped: 'test/fixtures/tf-generated/*/guide_tf2_module absent' };
  const model = await loadModel(dir);
  const sig = model.signatures.serving_default;
  const x = tf.scalar(5);
  const two = tf.scalar(2);
  const got = sig({ input: x }).output;
  if (got.dataSync()[0] !== 7) throw new Error(`add_two(5) gave ${got.dataSync()[0]}`);
  got.dispose();
  const before = tf.memory().numTensors;
  const r = compare(3000, {
    signature: () => sig({ input: x }).output,
    tfjs_add: () => tf.add(x, two),
  });
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, two]);
  model.dispose();
  return { model: dir, leaked, ...r };
}

async function net(name: NetName, m: NetManifest): Promise<object> {
  const spec = NETS[name];
  const model = await loadModel(m.dir);
  const sig = model.signatures.serving_default;
  const fusedModel = await loadModel(m.dir, { fuseOps: true });
  const fusedSig = fusedModel.signatures.serving_default;
  const weights = await readWeights(m);
  const direct = directNet(name, weights);
  const gm = graphModel(m);
  const gmFrozen = graphModel(m, false);
  const x = tf.randomUniform([...spec.shape], 0, 1, 'float32', 7);
  const feeds = { [m.input]: x };
  const ours = sig(feeds)[m.output];
  const ref = direct(x);
  const viaGraph = gm.execute({ [m.frozen_inputs[0]]: x }, m.frozen_outputs[0]) as tf.Tensor;
  const fused = fusedSig(feeds)[m.output];
  const diffs = { direct: maxDiff(ours, ref), graphmodel: maxDiff(ours, viaGraph), fused: maxDiff(ours, fused) };
  if (!(diffs.direct < 1e-4 && diffs.graphmodel < 1e-4 && diffs.fused < 1e-4)) throw new Error(`${name}: results differ ${JSON.stringify(diffs)}`);
  tf.dispose([ours, ref, viaGraph, fused]);
  const before = tf.memory().numTensors;
  const r = compare(spec.iters, {
    ours: () => sig(feeds)[m.output],
    tfjs: () => direct(x),
    graphmodel: () => gm.execute({ [m.frozen_inputs[0]]: x }, m.frozen_outputs[0]) as tf.Tensor,
    graphmodel_unpruned: () => gmFrozen.execute({ [m.frozen_inputs[0]]: x }, m.frozen_outputs[0]) as tf.Tensor,
    // loadModel(dir, { fuseOps: true }): reported alongside, not used by the keys
    ours_fused: () => fusedSig(feeds)[m.output],
  });
  const leaked = tf.memory().numTensors - before;
  x.dispose();
  tf.dispose(Object.values(weights));
  gm.dispose();
  gmFrozen.dispose();
  model.dispose();
  fusedModel.dispose();
  return { label: spec.label, max_abs_diff: diffs, leaked, ...r };
}

async function main(): Promise<void> {
  await ensureBackend();
  const out: Record<string, unknown> = {
    backend: tf.getBackend(),
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
    rounds: ROUNDS,
  };
  out.call = await callOverhead();
  const manifestPath = process.argv[2];
  if (manifestPath) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<NetName, NetManifest>;
    for (const name of Object.keys(NETS) as NetName[]) out[name] = await net(name, manifest[name]);
  }
  report(out);
}

await main();
