/** saved-model-cli show, run in-process against TensorFlow-written models. */
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli.js';
import { FIXTURES_TF, describeWithFixtures } from '../support/fixtures.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = (name: string) => join(FIXTURES_TF, name);

describeWithFixtures('saved-model-cli show', () => {
  test('tag-sets', async () => {
    const r = await cli('show', '--dir', dir('half_plus_two_v1'));
    expect(r).toEqual({ code: 0, err: '', out: "The given SavedModel contains the following tag-sets:\n'serve'\n" });
  });

  test('signature keys of a tag-set', async () => {
    const r = await cli('show', `--dir=${dir('half_plus_two_v1')}`, '--tag_set', 'serve');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'The given SavedModel MetaGraphDef contains SignatureDefs with the following keys:',
        'SignatureDef key: "classify_x_to_y"',
        'SignatureDef key: "regress_x2_to_y3"',
        'SignatureDef key: "regress_x_to_y"',
        'SignatureDef key: "regress_x_to_y2"',
        'SignatureDef key: "serving_default"',
        '',
      ].join('\n'),
    );
  });

  test('inputs and outputs of one signature', async () => {
    const r = await cli('show', '--dir', dir('half_plus_two_v2'), '--tag_set', 'serve', '--signature_def', 'serving_default');
    expect(r.out).toBe(
      [
        'The given SavedModel SignatureDef contains the following input(s):',
        "  inputs['x'] tensor_info:",
        '      dtype: DT_FLOAT',
        '      shape: (1)',
        '      name: serving_default_x:0',
        'The given SavedModel SignatureDef contains the following output(s):',
        "  outputs['y'] tensor_info:",
        '      dtype: DT_FLOAT',
        '      shape: (1)',
        '      name: StatefulPartitionedCall_5:0',
        'Method name is: tensorflow/serving/predict',
        '',
      ].join('\n'),
    );
  });

  test('--all on half_plus_two_v1 lists the five signatures with method names and dtypes', async () => {
    const r = await cli('show', '--dir', dir('half_plus_two_v1'), '--all');
    expect(r.code).toBe(0);
    expect(r.out.startsWith("\nMetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:\n")).toBe(true);
    const keys = [...r.out.matchAll(/^signature_def\['(.+)'\]:$/gm)].map((m) => m[1]);
    expect(keys).toEqual(['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default']);
    const methods = [...r.out.matchAll(/^ {2}Method name is: (.+)$/gm)].map((m) => m[1]);
    expect(methods).toEqual([
      'tensorflow/serving/classify',
      'tensorflow/serving/regress',
      'tensorflow/serving/regress',
      'tensorflow/serving/regress',
      'tensorflow/serving/predict',
    ]);
    expect(r.out).toContain(
      [
        "signature_def['classify_x_to_y']:",
        '  The given SavedModel SignatureDef contains the following input(s):',
        "    inputs['inputs'] tensor_info:",
        '        dtype: DT_STRING',
        '        shape: unknown_rank',
        '        name: tf_example:0',
        '  The given SavedModel SignatureDef contains the following output(s):',
        "    outputs['scores'] tensor_info:",
        '        dtype: DT_FLOAT',
        '        shape: (-1, 1)',
        '        name: y:0',
        '  Method name is: tensorflow/serving/classify',
      ].join('\n'),
    );
    expect(r.out).toContain("    inputs['x'] tensor_info:\n        dtype: DT_FLOAT\n        shape: (-1, 1)\n        name: x:0\n");
    expect(r.out).toMatch(/^The MetaGraph with tag set \['serve'\] contains the following ops: \{'Add', 'Assign', 'Const', .*'VariableV2'\}$/m);
    expect(r.out).not.toContain('Concrete Functions');
  });

  test('--all on half_plus_two_v2 lists the concrete functions of the object graph', async () => {
    const r = await cli('show', '--dir', dir('half_plus_two_v2'), '--all');
    expect(r.code).toBe(0);
    const functions = r.out.slice(r.out.indexOf('\nConcrete Functions:'));
    const names = [...functions.matchAll(/^ {2}Function Name: '(.+)'$/gm)].map((m) => m[1]);
    expect(names).toEqual(['classify_x2y3', 'classify_xy', 'predict', 'regress_x2y3', 'regress_xy', 'regress_xy2']);
    expect(functions).toContain(
      [
        "  Function Name: 'predict'",
        '    Option #1',
        '      Callable with:',
        '        Argument #1',
        "          x: TensorSpec(shape=(1,), dtype=tf.float32, name='x')",
      ].join('\n'),
    );
    expect(functions).toContain("          inputs: TensorSpec(shape=(None,), dtype=tf.string, name='inputs')");
    expect(r.out).toContain('StatefulPartitionedCall');
    expect(r.out).toMatch(/contains the following ops: \{.*'ParseExampleV2'.*'VarHandleOp'.*\}/);
  });

  test('--all on a TF2 module with two arguments', async () => {
    const r = await cli('show', '--dir', dir('model_multi_output'), '--all');
    expect(r.out.endsWith(
      [
        'Concrete Functions:',
        "  Function Name: '__call__'",
        '    Option #1',
        '      Callable with:',
        '        Argument #1',
        "          x: TensorSpec(shape=(), dtype=tf.int32, name='x')",
        '        Argument #2',
        "          y: TensorSpec(shape=(), dtype=tf.int32, name='y')",
        '',
      ].join('\n'),
    )).toBe(true);
  });

  test('errors are one line on stderr with exit code 1', async () => {
    const cases: [string[], RegExp][] = [
      [['show', '--dir', dir('nope')], /^saved-model-cli: error: NOT_FOUND: SavedModel directory does not exist: .*nope\n$/],
      [['show', '--dir', dir('keras_text_regression_partial')], /^saved-model-cli: error: NOT_FOUND: SavedModel file does not exist at: /],
      [['show', '--dir', dir('half_plus_two_v1'), '--tag_set', 'train'], /MetaGraphDef associated with tag-set train could not be found.*'serve'\n$/],
      [['show', '--dir', dir('half_plus_two_v1'), '--tag_set', 'serve', '--signature_def', 'bogus'], /Could not find signature "bogus"\. Please choose from: /],
      [['show', '--all'], /INVALID_ARGUMENT: show: --dir is required/],
      [['show', '--dir'], /--dir expects a value/],
      [['show', '--dir', dir('half_plus_two_v1'), '--bogus'], /unknown flag --bogus/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect([argv, r.code, r.out]).toEqual([argv, 1, '']);
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

test('usage', async () => {
  const none = await cli();
  expect(none.code).toBe(1);
  expect(none.err).toContain('usage: saved-model-cli');
  const help = await cli('show', '--help');
  expect(help).toEqual({ code: 0, err: '', out: expect.stringContaining('--tag_set') });
});
