/** The saving examples run and print the guide's values (examples/tf2_save.ts, examples/dense_save.ts). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const run = (example: string, dir: string) =>
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'examples', example), dir], { cwd: ROOT, encoding: 'utf8' });

describe('examples', () => {
  let tmp: string;
  beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'examples-'))));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('tf2_save: loaded(5.) = 7.0 through __call__ and serving_default', () => {
    const out = run('tf2_save.ts', join(tmp, 'tf2-save'));
    expect(out).toContain('loaded(5.) = 7.0');
    expect(out).toContain("loaded.signatures['serving_default'](input=5.) = { output: 7.0 }");
  });

  test('dense_save: eager, restored signature and restored kernel agree', () => {
    const out = run('dense_save.ts', join(tmp, 'dense'));
    const eager = /eager: (.*)/.exec(out)![1];
    expect(/loaded signature: (.*)/.exec(out)![1]).toBe(eager);
    expect(JSON.parse(/loaded.dense_layer.kernel: (.*)/.exec(out)![1])[0][0]).toBe(-1);
    expect(out).toContain('saving: 2/2 variables, 60/60 bytes');
  });
});
