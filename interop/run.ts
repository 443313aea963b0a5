/**
 * `npm run test:tf`: the two-way interop suite with real TensorFlow as the oracle.
 *
 * 1. interop/setup-venvs.sh creates the TensorFlow venvs (first run: network, ~1 min each) or
 *    reuses them (~~/.cache/savedmodel).
 * 2. Direction A (TensorFlow writes, we read): each TensorFlow regenerates every model of
 *    interop/gen/models into a temporary folder; the Jest tests of test/interop run on that
 *    folder (SAVEDMODEL_INTEROP_DIR); the fresh goldens are compared with the committed ones
 *    (signatures and computed values), so stale fixtures show.
 * 3. Direction B (we write, TensorFlow reads): interop/write/main.ts saves every path we have;
 *    interop/check/check_all.py loads them with each TensorFlow and compares.
 *
 * Pending work (features not exported yet) is listed, never skipped silently. Each direction ends
 * with the line `direction X: N passed, M failed`; the exit status is 1 when anything failed.
 * Options: --keep (keep the temporary folder), --only-a, --only-b.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Golden, GoldenTensor, Manifest } from '../test/interop/golden.js';
import { knownFailure } from '../test/interop/known_failures.js';
import { fromGolden, isFloatDtype } from '../test/interop/values.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const PY_ENV = { TF_CPP_MIN_LOG_LEVEL: '3', TF_ENABLE_ONEDNN_OPTS: '0', CUDA_VISIBLE_DEVICES: '-1', PYTHONDONTWRITEBYTECODE: '1' };

interface Tally { passed: number; failed: number; pending: string[]; known: Map<string, string[]> }

/** Runs a command, echoing its output lines (optionally filtered), and returns output + status. */
function run(cmd: string, argv: string[], opts: { env?: Record<string, string>; echo?: (line: string) => boolean } = {}): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let partial = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      const lines = (partial + b.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (!opts.echo || opts.echo(l)) console.log(`  ${l}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      if (partial && (!opts.echo || opts.echo(partial))) console.log(`  ${partial}`);
      done({ code: code ?? 1, out });
    });
  });
}

async function setupOracles(): Promise<Array<{ pin: string; python: string }>> {
  console.log('== oracles (interop/setup-venvs.sh)');
  const t0 = Date.now();
  const r = await run('bash', ['interop/setup-venvs.sh']);
  const oracles = [...r.out.matchAll(/^oracle (\S+): (?:reused|installed) (\S+) /gm)].map((m) => ({ pin: m[1], python: join(m[2], 'bin', 'python') }));
  if (r.code !== 0 || oracles.length === 0) {
    console.log('setup of the TensorFlow venvs failed (see above)');
    process.exit(1);
  }
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
  return oracles;
}

interface JestAssertion { fullName: string; status: string; failureMessages: string[] }
interface JestReport { testResults: Array<{ name: string; message: string; assertionResults: JestAssertion[] }> }

/** Float values within rtol (tensor-scaled, as in values.ts), everything else exact. */
function goldenDiff(a: GoldenTensor, b: GoldenTensor, rtol: number): string | null {
  if (a.dtype !== b.dtype || JSON.stringify(a.shape) !== JSON.stringify(b.shape)) return `dtype/shape ${a.dtype}[${a.shape}] vs ${b.dtype}[${b.shape}]`;
  const x = fromGolden(a).values;
  const y = fromGolden(b).values;
  const scale = Math.max(0, ...y.filter((v) => typeof v === 'number' && Number.isFinite(v)).map((v) => Math.abs(v as number)));
  for (let i = 0; i < y.length; i++) {
    if (isFloatDtype(a.dtype) && Number.isFinite(y[i] as number)) {
      if (!(Math.abs((x[i] as number) - (y[i] as number)) <= rtol * (Math.abs(y[i] as number) + scale))) return `value #${i}: ${x[i]} vs ${y[i]}`;
    } else if (!(x[i] instanceof Uint8Array ? Buffer.compare(x[i] as Uint8Array, y[i] as Uint8Array) === 0 : Object.is(x[i], y[i]))) {
      return `value #${i}: ${String(x[i])} vs ${String(y[i])}`;
    }
  }
  return null;
}

/** Committed fixtures vs freshly generated goldens: same signatures, same computed values. */
function freshness(fresh: string, tally: Tally): void {
  const before = tally.passed;
  const committedRoot = join(ROOT, 'test', 'fixtures', 'tf-generated');
  for (const version of existsSync(fresh) ? versionDirs(fresh) : []) {
    const committedManifest = join(committedRoot, version, 'manifest.json');
    if (!existsSync(committedManifest)) {
      console.log(`  FRESH note  ${version}: no committed fixtures for this version (fallback oracle?)`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(committedManifest, 'utf8')) as Manifest;
    for (const [name, entry] of Object.entries(manifest.models)) {
      if (entry.status !== 'ok') continue;
      const label = `${version}/${name}`;
      const fp = join(fresh, version, name, 'golden.json');
      if (!existsSync(fp)) {
        tally.failed++;
        console.log(`  FRESH FAIL  ${label}: committed but not regenerated`);
        continue;
      }
      const c = JSON.parse(readFileSync(join(committedRoot, version, name, 'golden.json'), 'utf8')) as Golden;
      const f = JSON.parse(readFileSync(fp, 'utf8')) as Golden;
      const problems: string[] = [];
      if (JSON.stringify(c.meta_graphs) !== JSON.stringify(f.meta_graphs)) problems.push('signatures differ');
      const pairs: Array<[string, GoldenTensor, GoldenTensor | undefined]> = [];
      (c.calls ?? []).forEach((call, i) => {
        for (const [k, t] of Object.entries(call.inputs)) pairs.push([`call #${i} input ${k}`, t, f.calls?.[i]?.inputs[k]]);
        for (const [k, t] of Object.entries(call.outputs)) pairs.push([`call #${i} output ${k}`, t, f.calls?.[i]?.outputs[k]]);
      });
      (c.object_values ?? []).forEach((o, i) => pairs.push([`object ${o.path}`, o.value, f.object_values?.[i]?.value]));
      for (const [what, ct, ft] of pairs) {
        const d = ft ? goldenDiff(ft, ct, Math.max(c.rtol, 1e-6)) : 'missing';
        if (d) problems.push(`${what}: ${d}`);
      }
      if (problems.length) {
        tally.failed++;
        console.log(`  FRESH FAIL  ${label}: regenerated golden differs from the committed one (regenerate and commit): ${problems.slice(0, 3).join('; ')}`);
      } else {
        tally.passed++;
      }
    }
  }
  console.log(`  FRESH ${tally.passed - before} committed models agree with their regenerated goldens (signatures, call results, object values)`);
}

/** Version folders (with a manifest) under a generated root. */
function versionDirs(root: string): string[] {
  return readdirSync(root).sort().filter((v) => existsSync(join(root, v, 'manifest.json')));
}

async function directionA(oracles: Array<{ pin: string; python: string }>, tmp: string): Promise<Tally> {
  console.log('\n== direction A: TensorFlow writes, TypeScript reads');
  const tally: Tally = { passed: 0, failed: 0, pending: [], known: new Map() };
  const fresh = join(tmp, 'tf-generated');
  for (const o of oracles) {
    const r = await run(o.python, ['interop/gen/run_all.py', fresh], { env: PY_ENV });
    tally.passed += (r.out.match(/^GEN ok /gm) ?? []).length;
    tally.failed += (r.out.match(/^GEN FAILED /gm) ?? []).length + (r.code !== 0 && !/^GEN FAILED /m.test(r.out) ? 1 : 0);
  }
  const report = join(tmp, 'jest-a.json');
  console.log(`  jest test/interop on ${fresh}`);
  const r = await run(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/interop', '--json', `--outputFile=${report}`, '--silent'], {
    env: { SAVEDMODEL_INTEROP_DIR: fresh },
    echo: (l) => /^(FAIL|  ●)/.test(l),
  });
  if (!existsSync(report)) {
    tally.failed++;
    console.log(`  jest did not run (exit ${r.code})`);
  } else {
    const rep = JSON.parse(readFileSync(report, 'utf8')) as JestReport;
    for (const file of rep.testResults) {
      if (file.assertionResults.length === 0 && file.message) {
        tally.failed++;
        console.log(`  JEST FAIL   ${file.name}: ${file.message.split('\n').slice(0, 3).join(' ')}`);
      }
      for (const a of file.assertionResults) {
        const sp = a.fullName.indexOf(' ');
        const known = knownFailure(a.fullName.slice(0, sp), a.fullName.slice(sp + 1));
        if (a.status === 'passed' && known) tally.known.set(known, [...(tally.known.get(known) ?? []), a.fullName]);
        else if (a.status === 'passed') tally.passed++;
        else if (a.status === 'failed') {
          tally.failed++;
          console.log(`  JEST FAIL   ${a.fullName}: ${(a.failureMessages[0] ?? '').split('\n').slice(0, 2).join(' ').slice(0, 300)}`);
        } else if (a.status === 'todo') tally.pending.push(a.fullName);
      }
    }
  }
  freshness(fresh, tally);
  // Pending work, grouped by the export it waits for.
  const groups = new Map<string, string[]>();
  for (const p of tally.pending) {
    const m = /PENDING ([\w.]+): (\S+)/.exec(p);
    const key = m ? m[1] : 'other';
    groups.set(key, [...(groups.get(key) ?? []), m ? m[2] : p]);
  }
  for (const [feature, items] of groups) {
    const models = [...new Set(items)];
    console.log(`  PENDING ${feature}: ${items.length} checks wait for it, in ${models.length} models: ${models.join(', ')}`);
  }
  for (const [reason, names] of tally.known) {
    console.log(`  KNOWN FAILURE (${names.length} cases, test.failing in test/interop/known_failures.ts): ${reason}`);
    console.log(`      ${[...new Set(names.map((n) => n.split(' ')[0]))].join(', ')}`);
  }
  console.log(`direction A known failures: ${[...tally.known.values()].reduce((n, v) => n + v.length, 0)} (not counted as passed)`);
  console.log(`direction A pending: ${tally.pending.length}`);
  console.log(`direction A: ${tally.passed} passed, ${tally.failed} failed`);
  return tally;
}

async function directionB(oracles: Array<{ pin: string; python: string }>, tmp: string): Promise<Tally> {
  console.log('\n== direction B: TypeScript writes, TensorFlow reads');
  const tally: Tally = { passed: 0, failed: 0, pending: [], known: new Map() };
  const written = join(tmp, 'ts-written');
  const w = await run(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'interop/write/main.ts', written], {
    echo: (l) => !l.startsWith('WRITE pending'),
  });
  if (w.code !== 0 || !existsSync(join(written, 'cases.json'))) {
    tally.failed++;
    console.log('direction B: 0 passed, 1 failed');
    return tally;
  }
  for (const o of oracles) {
    const r = await run(o.python, ['interop/check/check_all.py', written], { env: PY_ENV, echo: (l) => /^CHECK (pass|FAIL)/.test(l) || /Error/.test(l) });
    const m = /^RESULT (.*)$/m.exec(r.out);
    if (!m) {
      tally.failed++;
      console.log(`  check_all.py with ${o.pin} did not finish (exit ${r.code})`);
      continue;
    }
    const res = JSON.parse(m[1]) as { passed: number; failed: number };
    tally.passed += res.passed;
    tally.failed += res.failed;
  }
  const cases = (JSON.parse(readFileSync(join(written, 'cases.json'), 'utf8')) as { cases: Array<{ name: string; path: string; status: string; missing?: string[] }> }).cases;
  for (const c of cases.filter((x) => x.status === 'pending')) {
    tally.pending.push(c.name);
    console.log(`  PENDING ${c.name}: ${c.path} — needs ${c.missing?.join(', ')}`);
  }
  console.log(`direction B pending: ${tally.pending.length}`);
  console.log(`direction B: ${tally.passed} passed, ${tally.failed} failed`);
  return tally;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const oracles = await setupOracles();
  const proto = await run(process.execPath, ['scripts/gen-proto.mjs'], { echo: () => false });
  if (proto.code !== 0) throw new Error(`npm run proto failed:\n${proto.out}`);
  const tmp = mkdtempSync(join(tmpdir(), 'savedmodel-interop-'));
  let failed = 0;
  try {
    const tA = Date.now();
    if (!args.has('--only-b')) failed += (await directionA(oracles, tmp)).failed;
    const tB = Date.now();
    if (!args.has('--only-a')) failed += (await directionB(oracles, tmp)).failed;
    console.log(`\n(times: direction A ${((tB - tA) / 1000).toFixed(0)}s, direction B ${((Date.now() - tB) / 1000).toFixed(0)}s)`);
  } finally {
    if (args.has('--keep') || failed) console.log(`\n(work folder kept: ${tmp})`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\ninterop suite: ${failed ? 'FAILED' : 'ok'} in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
