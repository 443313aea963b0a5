/**
 * `npm run bench`: the benchmarks of issue 10, side by side with what a user would use instead
 * (plain fs, tfjs-core, tfjs-converter's GraphModel, Python TensorFlow) in one run. Every
 * measurement runs in a fresh child process (bench/child/*, bench/tf/tf_bench.py), so peaks and
 * caches do not mix; paired measurements alternate which side goes first. Prints a table and
 * writes bench/results.json (the keys, numbers or null) and bench/results-detail.json (every
 * measurement, the machine, notes). Environment: BENCH_RUNS (5: runs of each 1 GiB
 * measurement), BENCH_TF_RUNS (3), BENCH_DIR (os tmpdir), BENCH_PYTHON (the TF venv's python).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { GiB, REPO, fixtureModel, median, round, type Timing } from './lib/common.js';
import { runChild, runPython, tfPython } from './lib/spawn.js';
import { KEYS, meets, targetText, type Key } from './lib/targets.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TF_RUNS = Number(process.env.BENCH_TF_RUNS ?? 3);

interface Measured extends Timing {
  peak_growth: number;
}

const results: Partial<Record<Key, number | null>> = {};
const notes: Partial<Record<Key, string>> = {};
const detail: Record<string, unknown> = {};
const started = performance.now();

function log(msg: string): void {
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
}

function skip(keys: Key[], why: string): void {
  for (const k of keys) {
    results[k] = null;
    notes[k] = why;
  }
}

/** Runs `ours` and `theirs` RUNS times, alternating which goes first; returns both lists. */
async function paired(ours: (run: number) => Promise<Measured>, theirs: (run: number) => Promise<Measured>): Promise<{ ours: Measured[]; theirs: Measured[] }> {
  const o: Measured[] = [];
  const t: Measured[] = [];
  for (let run = 0; run < RUNS; run++) {
    if (run % 2 === 0) {
      o.push(await ours(run));
      t.push(await theirs(run));
    } else {
      t.push(await theirs(run));
      o.push(await ours(run));
    }
    log(`  run ${run + 1}/${RUNS}: ours ${o[run].wall.toFixed(2)} s (cpu ${o[run].cpu.toFixed(2)}), theirs ${t[run].wall.toFixed(2)} s (cpu ${t[run].cpu.toFixed(2)})`);
  }
  return { ours: o, theirs: t };
}

/** Median of per-run ratios (each pair ran back to back, under the same machine load). */
function pairedRatio(p: { ours: Measured[]; theirs: Measured[] }, clock: 'wall' | 'cpu'): number {
  return median(p.ours.map((m, i) => m[clock] / p.theirs[i][clock]));
}

function summary(ms: Measured[]): object {
  return {
    wall_median: round(median(ms.map((m) => m.wall))),
    cpu_median: round(median(ms.map((m) => m.cpu))),
    peak_growth_gib_median: round(median(ms.map((m) => m.peak_growth)) / GiB),
    runs: ms.map((m) => ({ wall: round(m.wall), cpu: round(m.cpu), peak_growth_gib: round(m.peak_growth / GiB) })),
  };
}

async function hasSaveModel(): Promise<boolean> {
  if (!existsSync(join(REPO, 'bench', 'child', 'save.ts'))) return false;
  const api = (await import('../src/index.js')) as Record<string, unknown>;
  return typeof api.saveModel === 'function';
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'savedmodel-bench-'));
  const python = tfPython();
  detail.machine = {
    nproc: cpus().length, cpu: cpus()[0]?.model, memory_gib: round(totalmem() / GiB, 1), free_gib_at_start: round(freemem() / GiB, 1),
    node: process.version, loadavg_at_start: loadavg().map((x) => round(x, 2)), tf_python: python,
  };
  log(`bench dir ${root}; ${RUNS} runs per 1 GiB measurement; TF venv: ${python ?? 'absent'}`);
  try {
    await runAll(root, python);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  (detail.machine as Record<string, unknown>).loadavg_at_end = loadavg().map((x) => round(x, 2));
  detail.seconds = round((performance.now() - started) / 1000, 1);
  const ordered = Object.fromEntries((Object.keys(KEYS) as Key[]).map((k) => [k, results[k] ?? null]));
  writeFileSync(join(REPO, 'bench', 'results.json'), JSON.stringify(ordered, null, 2) + '\n');
  writeFileSync(join(REPO, 'bench', 'results-detail.json'), JSON.stringify({ results: ordered, notes, ...detail }, null, 2) + '\n');
  printTable(ordered);
  log('wrote bench/results.json and bench/results-detail.json');
}

async function runAll(root: string, python: string | null): Promise<void> {
  // 1. saved_model.pb decoding.
  log('pb decode: building a ≥ 50 MB saved_model.pb from keras_transformer, decoding it');
  const pb = await runChild<{ skipped?: string; file: string; mb_per_s_cpu: number; mb_per_s_wall: number }>('pb.ts', [join(root, 'pb')]);
  detail.pb_decode = pb;
  if (pb.skipped) skip(['pb_decode_mb_per_s'], pb.skipped);
  else results.pb_decode_mb_per_s = pb.mb_per_s_cpu;

  // 2. MLP / CNN SavedModels written by Keras, and their frozen graphs (needs TF).
  let manifest: string | null = null;
  if (python) {
    log('models: Keras MLP and CNN SavedModels + frozen GraphDefs (Python TF)');
    const m = await runPython<Record<string, unknown>>(python, ['models', join(root, 'models')]);
    manifest = join(root, 'models.json');
    writeFileSync(manifest, JSON.stringify(m));
    detail.models = m;
  } else {
    skip(['mlp_vs_tfjs', 'cnn_vs_tfjs', 'mlp_vs_graphmodel', 'cnn_vs_graphmodel', 'tf_cnn_infer_ratio'], 'venv absent: the Keras MLP/CNN and their frozen GraphDefs are written by Python TF');
  }

  // 3. Per-call costs.
  log('inference: add_two call overhead; MLP/CNN vs tfjs-core and GraphModel');
  type Contest = Record<string, { cpu_us: number; wall_us: number; cpu_ratio: number; wall_ratio: number }> & { skipped?: string };
  const inf = await runChild<{ call: Contest; mlp?: Contest; cnn?: Contest }>('infer.ts', manifest ? [manifest] : []);
  detail.inference = inf;
  if (inf.call.skipped) skip(['call_overhead_us'], inf.call.skipped);
  else results.call_overhead_us = inf.call.signature.cpu_us;
  if (inf.mlp && inf.cnn) {
    results.mlp_vs_tfjs = inf.mlp.tfjs.cpu_ratio;
    results.cnn_vs_tfjs = inf.cnn.tfjs.cpu_ratio;
    results.mlp_vs_graphmodel = inf.mlp.graphmodel.cpu_ratio;
    results.cnn_vs_graphmodel = inf.cnn.graphmodel.cpu_ratio;
  }

  // 4. Saving 1 GiB; the first saved model is the 1 GiB model the load runs read.
  const big = join(root, 'big');
  let oursSave: Measured[] = [];
  if (await hasSaveModel()) {
    log(`save: saveModel of 64 × 16 MiB float32 variables vs fs write, ${RUNS} runs`);
    const save = await paired(
      async (run) => {
        const dir = run === 0 ? big : join(root, `save_${run}`);
        const m = await runChild<Measured>('save.ts', ['ours', dir]);
        if (run > 0) rmSync(dir, { recursive: true, force: true });
        return m;
      },
      async (run) => {
        const file = join(root, `raw_${run}.bin`);
        const m = await runChild<Measured>('save.ts', ['raw', file]);
        rmSync(file, { force: true });
        return m;
      },
    );
    oursSave = save.ours;
    detail.save = { ours: summary(save.ours), raw_write: summary(save.theirs), wall_ratio: round(pairedRatio(save, 'wall')), cpu_ratio: round(pairedRatio(save, 'cpu')) };
    results.save_1gib_vs_raw_write = round(pairedRatio(save, 'wall'));
    results.save_peak_rss_over_bytes = round(median(save.ours.map((m) => m.peak_growth)) / GiB);
  } else if (python) {
    log('save: saveModel is not on this branch yet; the 1 GiB model is written by Python TF');
    skip(['save_1gib_vs_raw_write', 'save_peak_rss_over_bytes', 'tf_save_ratio'], 'pending: saveModel (branch writer) has not landed');
    await runPython(python, ['big', big]);
  } else {
    skip(['save_1gib_vs_raw_write', 'save_peak_rss_over_bytes', 'tf_save_ratio', 'load_1gib_vs_raw_read', 'load_peak_rss_over_bytes', 'tf_load_ratio'],
      'pending: no saveModel and no TF venv to write the 1 GiB model');
  }

  // 5. Loading it.
  let oursLoad: Measured[] = [];
  if (existsSync(big)) {
    log(`load: loadModel of the 1 GiB model vs fs.readFile of its files, ${RUNS} runs`);
    const load = await paired((_) => runChild<Measured>('load.ts', ['ours', big]), (_) => runChild<Measured>('load.ts', ['raw', big]));
    oursLoad = load.ours;
    detail.load = { ours: summary(load.ours), raw_read: summary(load.theirs), wall_ratio: round(pairedRatio(load, 'wall')), cpu_ratio: round(pairedRatio(load, 'cpu')) };
    results.load_1gib_vs_raw_read = round(pairedRatio(load, 'wall'));
    results.load_peak_rss_over_bytes = round(median(load.ours.map((m) => m.peak_growth)) / GiB);
  }

  // 6. Python TensorFlow on the same models.
  if (python && existsSync(big)) {
    log(`TF: tf.saved_model.load / save (${TF_RUNS} runs each), CNN calls, pb parse`);
    type TfTimes = { tensorflow: string; load: Timing[]; save: Timing[]; cnn_infer_us: { wall: number; cpu: number } };
    const warm = fixtureModel('guide_tf2_module') ?? big;
    const tf = await runPython<TfTimes>(python, ['time', '--big', big, '--save-dir', root, '--cnn', join(root, 'models', 'cnn'), '--pb', pb.file ?? '', '--runs', String(TF_RUNS), '--warm', warm]);
    detail.tensorflow = tf;
    const med = (ts: Timing[], c: 'wall' | 'cpu') => median(ts.map((t) => t[c]));
    if (oursLoad.length) {
      results.tf_load_ratio = round(median(oursLoad.map((m) => m.wall)) / med(tf.load, 'wall'));
      detail.tf_load_ratio_cpu = round(median(oursLoad.map((m) => m.cpu)) / med(tf.load, 'cpu'));
    }
    if (oursSave.length) {
      results.tf_save_ratio = round(median(oursSave.map((m) => m.wall)) / med(tf.save, 'wall'));
      detail.tf_save_ratio_cpu = round(median(oursSave.map((m) => m.cpu)) / med(tf.save, 'cpu'));
    }
    if (inf.cnn) {
      results.tf_cnn_infer_ratio = round(inf.cnn.ours.wall_us / tf.cnn_infer_us.wall);
      detail.tf_cnn_infer_ratio_cpu = round(inf.cnn.ours.cpu_us / tf.cnn_infer_us.cpu);
    }
  } else if (!python) {
    skip(['tf_load_ratio', 'tf_save_ratio', 'tf_cnn_infer_ratio'], 'venv absent (interop/setup-venvs.sh creates it)');
  }
}

function printTable(values: Record<string, number | null>): void {
  const rows = (Object.keys(KEYS) as Key[]).map((k) => {
    const v = values[k];
    const ok = meets(k, v);
    return [k, v === null ? '—' : String(v), targetText(k), ok === null ? '' : ok ? 'met' : 'MISSED', KEYS[k].clock, notes[k] ?? KEYS[k].what];
  });
  const head = ['key', 'value', 'target', '', 'clock', 'what'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i]))).join('  ');
  console.log('\n' + line(head));
  for (const r of rows) console.log(line(r));
  console.log('');
}

await main();
