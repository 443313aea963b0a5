/**
 * Running a bench child process (a TypeScript child under node + tsx, or the Python TF script)
 * and collecting its `@@RESULT` JSON line. Output other than that line is kept for error reports.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO, RESULT_MARK } from './common.js';

/** Runs `cmd args` and resolves with the parsed result line; rejects with the tail of its output. */
export function runForResult<T>(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-20000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T);
        return;
      }
      const tail = (s: string) => s.split('\n').filter((l) => l.length < 2000).slice(-15).join('\n');
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${tail(out)}\n${tail(err)}`));
    });
  });
}

/** Runs a child script of bench/child/ in a fresh node (with --expose-gc, through tsx). */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  return runForResult<T>(process.execPath, ['--expose-gc', '--import', 'tsx', join(REPO, 'bench', 'child', script), ...args]);
}

/**
 * The Python of the interop TensorFlow venv: $BENCH_PYTHON, else
 * ${SAVEDMODEL_CACHE:-~/.cache/savedmodel}/venv-tf2.21.0 (then venv-tf2.15.1); null when absent.
 */
export function tfPython(): string | null {
  if (process.env.BENCH_PYTHON) return process.env.BENCH_PYTHON;
  const cache = process.env.SAVEDMODEL_CACHE ?? join(homedir(), '.cache', 'savedmodel');
  for (const v of ['2.21.0', '2.15.1']) {
    const py = join(cache, `venv-tf${v}`, 'bin', 'python');
    if (existsSync(py)) return py;
  }
  return null;
}

/** Runs bench/tf/tf_bench.py in the venv. */
export function runPython<T>(python: string, args: string[]): Promise<T> {
  return runForResult<T>(python, [join(REPO, 'bench', 'tf', 'tf_bench.py'), ...args], { TF_CPP_MIN_LOG_LEVEL: '3' });
}
