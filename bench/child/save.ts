/**
 * Bench child, one fresh process per measurement. `save.ts ours DIR` builds a Module holding
 * 64 float32 Variables of 16 MiB (1 GiB; variable i filled with i) and an `add_two` signature,
 * and times saveModel into DIR (after a warm-up save of a tiny module, so one-time
 * initialisation is not counted). `save.ts raw FILE` times writing the same bytes, held in 64
 * Float32Arrays, to FILE with plain `fs` (sequential writes, fsync, close — saveModel fsyncs too).
 * Peak RSS growth is over the RSS before the values were created, so the 1 GiB itself counts
 * (ideal: 1.0).
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Module, TensorSpec, Variable, ops, saveModel, tfFunction, type TfFunction } from '../../src/index.js';
import { GiB, collectGarbage, peakRss, report, rssNow, timed } from '../lib/common.js';

const TENSORS = 64;
const ELEMENTS = GiB / TENSORS / 4;

/** The bench's 1 GiB module: `vs` (64 variables) and `add_two` (x + 2, the serving signature). */
class Big extends Module {
  vs = Array.from({ length: TENSORS }, (_, i) => {
    const init = tf.fill([ELEMENTS], i);
    const v = new Variable(init, { name: `v${i}` });
    init.dispose(); // the variable holds its own copy
    return v;
  });
  add_two: TfFunction = tfFunction((x: tf.Tensor) => ({ output: ops.add(x, 2) }), { inputSignature: [new TensorSpec([], 'float32', 'x')] });
}

async function warmUp(dir: string): Promise<void> {
  const m = new Module('warm') as Module & Record<string, unknown>;
  m.v = new Variable(tf.fill([16], 1));
  m.f = tfFunction((x: tf.Tensor) => ({ output: ops.add(x, m.v as Variable) }), { inputSignature: [new TensorSpec([16], 'float32', 'x')] });
  await saveModel(m, dir, { signatures: { serving_default: m.f as TfFunction } });
  await fsp.rm(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const [mode, target] = process.argv.slice(2);
  if ((mode !== 'ours' && mode !== 'raw') || !target) throw new Error('usage: save.ts ours DIR | raw FILE');
  if (mode === 'ours') {
    await ensureBackend();
    await warmUp(`${target}.warm`);
    collectGarbage();
    const before = rssNow();
    const m = new Big();
    const [, t] = await timed(() => saveModel(m, target, { signatures: { serving_default: m.add_two } }));
    report({ ...t, peak_growth: peakRss() - before, rss_before: before });
  } else {
    collectGarbage();
    const before = rssNow();
    const arrays = Array.from({ length: TENSORS }, (_, i) => new Float32Array(ELEMENTS).fill(i));
    const [, t] = await timed(async () => {
      const h = await fsp.open(target, 'w');
      for (const a of arrays) {
        const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
        for (let done = 0; done < b.length; ) done += (await h.write(b, done, b.length - done)).bytesWritten;
      }
      await h.sync();
      await h.close();
    });
    report({ ...t, peak_growth: peakRss() - before, rss_before: before, file: join(target) });
  }
}

await main();
