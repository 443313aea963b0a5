/**
 * `npm run bench:bundle`: writes then reads 1 GiB of float32 variables (64 tensors of 16 MiB)
 * through BundleWriter/BundleReader on the Node file system, and the same bytes with plain
 * `fs` (one file, sequential writes + fsync, then one read per tensor into a fresh buffer), in
 * the same process. Our reads are timed twice: `read(key)` per tensor, and `readMany()` (which
 * overlaps checksumming a tensor with reading the next; what a bulk restore uses). Prints throughput of each, the time ratios ours ÷ fs (target ≤ 1.25), and peak
 * RSS growth ÷ bytes (target ≤ 1.15), where the
 * growth is the OS's peak resident size after our write and read, minus the resident size before
 * the variables were allocated (so the 1 GiB of variables themselves count).
 *
 * On a shared VM disk, whichever writer runs second in a run is often slower, so runs alternate
 * which goes first and the headline ratio is total time over all runs (the order effects cancel
 * for an even number of runs); the median of per-run ratios is printed too.
 * CPU time (process.cpuUsage, all threads) is reported too: it shows our overhead even when other
 * processes make wall-clock times noisy.
 * Run through `npm run bench:bundle` (node --expose-gc, so garbage is collected between phases).
 * Environment: BENCH_TENSORS (default 64), BENCH_TENSOR_MIB (16), BENCH_RUNS (6, keep it even), BENCH_DIR (os tmpdir).
 */
import { promises as fsp } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleReader, BundleWriter } from '../src/bundle/index.js';
import { crc32cImplementation, loadCrc32c } from '../src/bundle/crc32c.js';

const TENSORS = Number(process.env.BENCH_TENSORS ?? 64);
const TENSOR_BYTES = Number(process.env.BENCH_TENSOR_MIB ?? 16) * 2 ** 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 6);
const TOTAL = TENSORS * TENSOR_BYTES;
const MiB = 2 ** 20;

const rssBefore = process.memoryUsage().rss;
const maxRss = () => process.resourceUsage().maxRSS * 1024;

const tensors: Float32Array[] = [];
for (let i = 0; i < TENSORS; i++) {
  const t = new Float32Array(TENSOR_BYTES / 4);
  for (let j = 0; j < t.length; j++) t[j] = i + j * 1e-3;
  tensors.push(t);
}

const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-bundle-'));
const key = (i: number) => `model/layer_${String(i).padStart(3, '0')}/kernel/.ATTRIBUTES/VARIABLE_VALUE`;

/** Collects garbage left by the previous phase so that it is not charged to the next one. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** CPU seconds (all threads of the process: main thread and I/O pool) per GiB moved, by each side. */
const cpu = { ow: 0, or: 0, om: 0, fw: 0, fr: 0 };

async function time(f: () => Promise<void>, phase: keyof typeof cpu): Promise<number> {
  collect();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  cpu[phase] += (c.user + c.system) / 1e6;
  return (performance.now() - t0) / 1000;
}

async function oursWrite(run: number): Promise<number> {
  const prefix = join(root, `ours${run}/variables`);
  return time(async () => {
    const w = await BundleWriter.create(prefix);
    for (let i = 0; i < TENSORS; i++) await w.add(key(i), { dtype: 'float32', shape: [TENSOR_BYTES / 4], data: tensors[i] });
    await w.finish();
  }, 'ow');
}

async function oursRead(run: number): Promise<number> {
  const prefix = join(root, `ours${run}/variables`);
  return time(async () => {
    const r = await BundleReader.open(prefix);
    for (let i = 0; i < TENSORS; i++) {
      const t = await r.read(key(i));
      const d = t.data as Float32Array;
      if (d.length !== tensors[i].length || d[12345] !== tensors[i][12345]) throw new Error(`bad value in ${key(i)}`);
    }
  }, 'or');
}

/** Reading every tensor with `readMany`, which reads the next tensor while checksumming this one. */
async function oursReadMany(run: number): Promise<number> {
  const prefix = join(root, `ours${run}/variables`);
  return time(async () => {
    const r = await BundleReader.open(prefix);
    let i = 0;
    for await (const [, t] of r.readMany(Array.from({ length: TENSORS }, (_, k) => key(k)))) {
      const d = t.data as Float32Array;
      if (d.length !== tensors[i].length || d[12345] !== tensors[i][12345]) throw new Error(`bad value in ${key(i)}`);
      i++;
    }
  }, 'om');
}

async function fsWrite(run: number): Promise<number> {
  const path = join(root, `fs${run}.bin`);
  return time(async () => {
    const h = await fsp.open(path, 'w');
    for (const t of tensors) {
      const b = new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
      for (let done = 0; done < b.length; ) done += (await h.write(b, done, b.length - done)).bytesWritten;
    }
    await h.sync();
    await h.close();
  }, 'fw');
}

async function fsRead(run: number): Promise<number> {
  const path = join(root, `fs${run}.bin`);
  return time(async () => {
    const h = await fsp.open(path, 'r');
    for (let i = 0; i < TENSORS; i++) {
      const b = new Uint8Array(TENSOR_BYTES);
      for (let done = 0; done < b.length; ) done += (await h.read(b, done, b.length - done, i * TENSOR_BYTES + done)).bytesRead;
      const d = new Float32Array(b.buffer);
      if (d[12345] !== tensors[i][12345]) throw new Error('bad value');
    }
    await h.close();
  }, 'fr');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (s: number) => `${(TOTAL / MiB / s).toFixed(0)} MiB/s`;

async function main(): Promise<void> {
  await loadCrc32c();
  if (!(globalThis as { gc?: unknown }).gc) console.log('note: run with node --expose-gc to collect garbage between phases');
  console.log(`bundle bench: ${TENSORS} float32 tensors × ${TENSOR_BYTES / MiB} MiB = ${(TOTAL / 2 ** 30).toFixed(2)} GiB, ${RUNS} runs, crc32c ${crc32cImplementation()}, dir ${root}`);
  const rows: { ow: number; or: number; om: number; fw: number; fr: number }[] = [];
  let peakOurs = 0;
  for (let run = 0; run < RUNS; run++) {
    const row = { ow: 0, or: 0, om: 0, fw: 0, fr: 0 };
    const ours = async () => {
      row.ow = await oursWrite(run);
      if (run % 4 < 2) {
        row.or = await oursRead(run);
        row.om = await oursReadMany(run);
      } else {
        row.om = await oursReadMany(run);
        row.or = await oursRead(run);
      }
      if (run === 0) peakOurs = maxRss();
    };
    const plain = async () => {
      row.fw = await fsWrite(run);
      row.fr = await fsRead(run);
    };
    if (run % 2 === 0) {
      await ours();
      await plain();
    } else {
      await plain();
      await ours();
    }
    await fsp.rm(join(root, `ours${run}`), { recursive: true, force: true });
    await fsp.rm(join(root, `fs${run}.bin`), { force: true });
    rows.push(row);
    const { ow, or, om, fw, fr } = row;
    console.log(`run ${run + 1}: write ours ${rate(ow)} fs ${rate(fw)} (×${(ow / fw).toFixed(3)}); read ours ${rate(or)}, readMany ${rate(om)}, fs ${rate(fr)} (×${(or / fr).toFixed(3)}, ×${(om / fr).toFixed(3)})`);
  }
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  const writeRatio = sum((r) => r.ow) / sum((r) => r.fw);
  const readRatio = sum((r) => r.or) / sum((r) => r.fr);
  const rssRatio = (peakOurs - rssBefore) / TOTAL;
  const result = {
    bytes: TOTAL,
    writeRatio: +writeRatio.toFixed(3),
    readRatio: +readRatio.toFixed(3),
    readManyRatio: +(sum((r) => r.om) / sum((r) => r.fr)).toFixed(3),
    writeRatioMedian: +median(rows.map((r) => r.ow / r.fw)).toFixed(3),
    readRatioMedian: +median(rows.map((r) => r.or / r.fr)).toFixed(3),
    readManyRatioMedian: +median(rows.map((r) => r.om / r.fr)).toFixed(3),
    peakRssGrowthOverBytes: +rssRatio.toFixed(3),
    oursWriteMiBs: +((RUNS * TOTAL) / MiB / sum((r) => r.ow)).toFixed(0),
    oursReadMiBs: +((RUNS * TOTAL) / MiB / sum((r) => r.or)).toFixed(0),
    oursReadManyMiBs: +((RUNS * TOTAL) / MiB / sum((r) => r.om)).toFixed(0),
    fsWriteMiBs: +((RUNS * TOTAL) / MiB / sum((r) => r.fw)).toFixed(0),
    fsReadMiBs: +((RUNS * TOTAL) / MiB / sum((r) => r.fr)).toFixed(0),
    cpuRatio: +((cpu.ow + cpu.or) / (cpu.fw + cpu.fr)).toFixed(3),
    cpuRatioWrite: +(cpu.ow / cpu.fw).toFixed(3),
    cpuRatioRead: +(cpu.or / cpu.fr).toFixed(3),
  };
  console.log(
    `time ratio ours ÷ fs over all runs: write ${result.writeRatio}, read ${result.readRatio}, readMany ${result.readManyRatio} (targets ≤ 1.25); ` +
      `median of per-run ratios: write ${result.writeRatioMedian}, read ${result.readRatioMedian}, readMany ${result.readManyRatioMedian}`,
  );
  console.log(`CPU time ours ÷ fs (all threads, all runs; little affected by other load): write ${result.cpuRatioWrite}, read ${result.cpuRatioRead}, both ${result.cpuRatio}`);
  console.log(`peak RSS growth after our write+read ÷ bytes: ${result.peakRssGrowthOverBytes} (target ≤ 1.15)`);
  console.log(JSON.stringify(result));
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));
