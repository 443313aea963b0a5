/**
 * Shared by the `npm run bench` orchestrator and its child processes: the result protocol (a
 * child prints one `@@RESULT <json>` line), timing of one operation (wall and process CPU time),
 * peak-RSS growth, medians, and where the repository's fixtures are.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/../..). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** 1 GiB, and the shape of the big model: 64 float32 variables of 16 MiB. */
export const GiB = 2 ** 30;
export const MiB = 2 ** 20;

/** Marker of the one line of JSON a child process reports. */
export const RESULT_MARK = '@@RESULT ';

/** Prints the child's result for the orchestrator. */
export function report(result: object): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

/** Wall seconds and process CPU seconds (user + system, all threads) of one operation. */
export interface Timing {
  wall: number;
  cpu: number;
}

/** Runs `f` once and returns its result with the time it took. */
export async function timed<T>(f: () => Promise<T> | T): Promise<[T, Timing]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return [value, { wall, cpu: (c.user + c.system) / 1e6 }];
}

/** Resident set size now, in bytes. */
export const rssNow = (): number => process.memoryUsage().rss;

/** The OS's peak resident set size of this process so far, in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** Collects garbage when node runs with --expose-gc (so a phase is not charged for the last one's garbage). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median of `xs` (the lower middle for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** A TF-written fixture model of this repository (TF 2.21.0, else 2.15.1), or null when absent. */
export function fixtureModel(name: string): string | null {
  for (const v of ['2.21.0', '2.15.1']) {
    const dir = join(REPO, 'test', 'fixtures', 'tf-generated', v, name);
    if (existsSync(join(dir, 'saved_model.pb'))) return dir;
  }
  return null;
}

/** Rounds to `digits` significant decimals for the results file. */
export function round(x: number, digits = 3): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}
