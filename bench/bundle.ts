/**
 * `npm run bench:bundle`: writes then reads 1 GiB of float32 variables (64 tensors of 16 MiB)
 * through BundleWriter/BundleReader on the Node file system, and the same bytes with plain
 * `fs` (one file, sequential writes + fsync, then one read per tensor into a fresh buffer), in
 * the same process. Prints throughput of each, the ratios ours ÷ fs (median of RUNS runs, as
 * time ratios: ≤ 1.25 is the target), and peak RSS growth ÷ bytes (target ≤ 1.15), where the
 * growth is the OS's peak resident size after our write and read, minus the resident size before
 * the variables were allocated (so the 1 GiB of variables themselves count).
 *
 * Environment: BENCH_TENSORS (default 64), BENCH_TENSOR_MIB (16), BENCH_RUNS (5), BENCH_DIR (os tmpdir).
 */
import { promises as fsp } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleReader, BundleWriter } from '../src/bundle/index.js';
import { crc32cImplementation, loadCrc32c } from '../src/bundle/crc32c.js';

const TENSORS = Number(process.env.BENCH_TENSORS ?? 64);
const TENSOR_BYTES = Number(process.env.BENCH_TENSOR_MIB ?? 16) * 2 ** 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
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

async function time(f: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

async function oursWrite(run: number): Promise<number> {
  const prefix = join(root, `ours${run}/variables`);
  return time(async () => {
    const w = await BundleWriter.create(prefix);
    for (let i = 0; i < TENSORS; i++) await w.add(key(i), { dtype: 'float32', shape: [TENSOR_BYTES / 4], data: tensors[i] });
    await w.finish();
  });
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
  });
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
  });
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
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (s: number) => `${(TOTAL / MiB / s).toFixed(0)} MiB/s`;

async function main(): Promise<void> {
  await loadCrc32c();
  console.log(`bundle bench: ${TENSORS} float32 tensors × ${TENSOR_BYTES / MiB} MiB = ${(TOTAL / 2 ** 30).toFixed(2)} GiB, ${RUNS} runs, crc32c ${crc32cImplementation()}, dir ${root}`);
  const rows: { ow: number; or: number; fw: number; fr: number }[] = [];
  let peakOurs = 0;
  for (let run = 0; run < RUNS; run++) {
    let ow: number, or: number, fw: number, fr: number;
    if (run % 2 === 0) {
      ow = await oursWrite(run);
      or = await oursRead(run);
      if (run === 0) peakOurs = maxRss();
      fw = await fsWrite(run);
      fr = await fsRead(run);
    } else {
      fw = await fsWrite(run);
      fr = await fsRead(run);
      ow = await oursWrite(run);
      or = await oursRead(run);
    }
    await fsp.rm(join(root, `ours${run}`), { recursive: true, force: true });
    await fsp.rm(join(root, `fs${run}.bin`), { force: true });
    rows.push({ ow, or, fw, fr });
    console.log(`run ${run + 1}: write ours ${rate(ow)} fs ${rate(fw)} (×${(ow / fw).toFixed(3)}); read ours ${rate(or)} fs ${rate(fr)} (×${(or / fr).toFixed(3)})`);
  }
  const writeRatio = median(rows.map((r) => r.ow / r.fw));
  const readRatio = median(rows.map((r) => r.or / r.fr));
  const rssRatio = (peakOurs - rssBefore) / TOTAL;
  const result = {
    bytes: TOTAL,
    writeRatio: +writeRatio.toFixed(3),
    readRatio: +readRatio.toFixed(3),
    peakRssGrowthOverBytes: +rssRatio.toFixed(3),
    oursWriteMiBs: +(TOTAL / MiB / median(rows.map((r) => r.ow))).toFixed(0),
    oursReadMiBs: +(TOTAL / MiB / median(rows.map((r) => r.or))).toFixed(0),
    fsWriteMiBs: +(TOTAL / MiB / median(rows.map((r) => r.fw))).toFixed(0),
    fsReadMiBs: +(TOTAL / MiB / median(rows.map((r) => r.fr))).toFixed(0),
  };
  console.log(`median time ratio ours ÷ fs: write ${result.writeRatio} (target ≤ 1.25), read ${result.readRatio} (target ≤ 1.25)`);
  console.log(`peak RSS growth after our write+read ÷ bytes: ${result.peakRssGrowthOverBytes} (target ≤ 1.15)`);
  console.log(JSON.stringify(result));
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));
