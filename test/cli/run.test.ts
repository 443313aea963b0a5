/** saved-model-cli run against TensorFlow-written models, with each input style. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli.js';
import { readNpy, writeNpy } from '../../src/cli/npy.js';
import { writeNpz } from '../../src/cli/npz.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = (name: string): string => join(FIXTURES_TF, name);
const run = (model: string, sig: string, ...rest: string[]) => cli('run', '--dir', dir(model), '--tag_set', 'serve', '--signature_def', sig, ...rest);

describeWithFixtures('saved-model-cli run', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'smcli-'));

  test('--input_exprs: a Python literal, printed like numpy', async () => {
    expect(await run('half_plus_two_v1', 'serving_default', '--input_exprs', 'x=[[1],[2],[5]]')).toEqual({
      code: 0, err: '', out: 'Result for output key y:\n[[2.5]\n [3. ]\n [4.5]]\n',
    });
    const r = await run('int64_multiply', 'serving_default', '--input_exprs=x=np.array([3, 4], dtype=np.int64)');
    expect(r.out).toBe('Result for output key output_0:\n[18 24]\n');
    expect((await run('uint8_multiply', 'serving_default', '--input_exprs', 'x=[3]')).out).toBe('Result for output key output_0:\n[18]\n');
    expect((await run('times_three_float', 'serving_default', '--input_exprs', 'x=0.5')).out).toBe('Result for output key output_0:\n1.5\n');
  });

  test('--inputs: .npy files and .npz members (stored and deflated)', async () => {
    const x = writeNpy({ dtype: 'float32', shape: [2, 1], data: [1, 3] });
    writeFileSync(join(tmp, 'x.npy'), x);
    expect((await run('half_plus_two_v1', 'serving_default', '--inputs', `x=${join(tmp, 'x.npy')}`)).out).toBe('Result for output key y:\n[[2.5]\n [3.5]]\n');
    const x2 = writeNpy({ dtype: 'float64', shape: [1, 1], data: [4] });
    for (const deflate of [false, true]) {
      const npz = join(tmp, `in${deflate ? '_z' : ''}.npz`);
      writeFileSync(npz, writeNpz(new Map([['a', x], ['b', x2]]), { deflate }));
      expect((await run('half_plus_two_v1', 'regress_x2_to_y3', '--inputs', `inputs=${npz}[b]`)).out).toBe('Result for output key outputs:\n[[5.]]\n');
      const r = await run('half_plus_two_v1', 'regress_x2_to_y3', '--inputs', `inputs=${npz}`);
      expect([r.code, r.err]).toEqual([1, expect.stringContaining('contains more than one ndarrays')]);
    }
  });

  test('--input_examples: serialized tf.Examples for classify and regress signatures', async () => {
    const r = await run('half_plus_two_v1', 'classify_x_to_y', '--input_examples', 'inputs=[{"x":[3.0]},{"x":[1.0],"x2":[4.0]}]');
    expect(r).toEqual({ code: 0, err: '', out: 'Result for output key scores:\n[[3.5]\n [2.5]]\n' });
    expect((await run('half_plus_two_v2', 'regress_x_to_y2', '--input_examples', "inputs=[{'x':[1.0]}]")).out).toBe('Result for output key outputs:\n[[3.5]]\n');
  });

  test('--outdir writes one .npy per output, and refuses to overwrite without --overwrite', async () => {
    const out = join(tmp, 'out');
    const r = await run('model_single_input_multi_output', 'serving_default', '--input_exprs', 'x=21', '--outdir', out);
    expect(r.out).toBe(`Output output_0 is saved to ${join(out, 'output_0.npy')}\nOutput output_1 is saved to ${join(out, 'output_1.npy')}\n`);
    expect(readNpy(readFileSync(join(out, 'output_0.npy')))).toEqual({ dtype: 'int32', shape: [], data: [42] });
    const again = await run('model_single_input_multi_output', 'serving_default', '--input_exprs', 'x=1', '--outdir', out);
    expect([again.code, again.err]).toEqual([1, expect.stringContaining('already exists. Add "--overwrite"')]);
    expect((await run('model_single_input_multi_output', 'serving_default', '--input_exprs', 'x=1', '--outdir', out, '--overwrite')).code).toBe(0);
    expect(readNpy(readFileSync(join(out, 'output_1.npy'))).data).toEqual([1]);
  });

  test('stateless runs of a stateful model: each run loads the model afresh', async () => {
    expect((await run('counter_v1', 'incr_counter')).out).toBe('Result for output key output:\n1.0\n');
    expect((await run('counter_v1', 'incr_counter_by', '--input_exprs', 'delta=2.5')).out).toBe('Result for output key output:\n2.5\n');
  });

  test('errors: unknown input key, unknown signature, bad flag syntax, later flags override with a warning', async () => {
    const bad = await run('half_plus_two_v1', 'serving_default', '--input_exprs', 'z=[[1]]');
    expect(bad).toEqual({ code: 1, out: '', err: 'saved-model-cli: error: INVALID_ARGUMENT: "z" is not a valid input key. Please choose from "x", or use --show option.\n' });
    expect((await run('half_plus_two_v1', 'predict', '--input_exprs', 'x=[[1]]')).err).toMatch(/signature 'predict' is not in .*'serving_default'/);
    expect((await run('half_plus_two_v1', 'serving_default', '--inputs', 'x')).err).toMatch(/--inputs "x" format is incorrect/);
    expect((await run('half_plus_two_v1', 'serving_default')).err).toMatch(/At least one of --inputs, --input_exprs or --input_examples must be required/);
    writeFileSync(join(tmp, 'one.npy'), writeNpy({ dtype: 'float32', shape: [1, 1], data: [100] }));
    const both = await run('half_plus_two_v1', 'serving_default', '--inputs', `x=${join(tmp, 'one.npy')}`, '--input_exprs', 'x=[[2]]');
    expect(both.out).toBe('Result for output key y:\n[[3.]]\n');
    expect(both.err).toMatch(/WARNING: input_key x has been specified with both --inputs and --input_exprs options/);
  });
});
