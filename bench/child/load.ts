/**
 * Bench child, one fresh process per measurement: `load.ts ours DIR` times loadModel(DIR) (after a
 * warm-up load of a small TF-written model, so one-time initialisation is not counted) and checks
 * the model answers; `load.ts raw DIR` times reading every file of DIR into memory with plain
 * `fs.readFile` (the same bytes, kept until the end, as a loaded model keeps its variables).
 * Both report wall and CPU seconds and the peak RSS growth over the RSS before the operation.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../../src/savedmodel/loader.js';
import { collectGarbage, fixtureModel, peakRss, report, rssNow, timed } from '../lib/common.js';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if ((mode !== 'ours' && mode !== 'raw') || !dir) throw new Error('usage: load.ts ours|raw DIR');
  if (mode === 'ours') {
    const warm = fixtureModel('guide_tf2_module');
    if (warm) (await loadModel(warm)).dispose();
  }
  collectGarbage();
  const before = rssNow();
  if (mode === 'ours') {
    const [model, t] = await timed(() => loadModel(dir));
    const y = model.signatures.serving_default({ x: tf.scalar(5) }).output;
    if (y.dataSync()[0] !== 7) throw new Error(`add_two(5) gave ${y.dataSync()[0]}`);
    report({ ...t, peak_growth: peakRss() - before, rss_before: before, tensors: tf.memory().numTensors, bytes_in_tensors: tf.memory().numBytes });
  } else {
    const files = await filesUnder(dir);
    const [buffers, t] = await timed(() => Promise.all(files.map((f) => fsp.readFile(f))));
    const bytes = buffers.reduce((n, b) => n + b.length, 0);
    report({ ...t, peak_growth: peakRss() - before, rss_before: before, bytes });
  }
}

await main();
