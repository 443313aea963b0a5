import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli.js';
import { tensorflow, unsafeOpsReachable } from '../../src/index.js';
import { describeWithFixtures, FIXTURES_TF } from '../support/fixtures.js';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A graph whose 'leaky' signature reads a file inside a called function and whose 'clean' one does not. */
function leakyGraph(): tensorflow.IGraphDef {
  return {
    node: [
      { name: 'path', op: 'Placeholder' },
      { name: 'x', op: 'Placeholder' },
      { name: 'call', op: 'StatefulPartitionedCall', input: ['path'], attr: { f: { func: { name: 'reader_fn' } } } },
      { name: 'y', op: 'Identity', input: ['x'] },
      { name: 'py', op: 'PyFunc', input: ['x'] },
      { name: 'unused_write', op: 'WriteFile', input: ['path', 'x'] },
    ],
    library: {
      function: [
        { signature: { name: 'reader_fn' }, nodeDef: [{ name: 'inner', op: 'inner_fn' }] },
        { signature: { name: 'inner_fn' }, nodeDef: [{ name: 'rf', op: 'ReadFile', input: ['p'] }] },
      ],
    },
  };
}

describe('unsafeOpsReachable', () => {
  test('follows data inputs and nested function calls, stops at fed tensors', () => {
    const g = leakyGraph();
    expect(unsafeOpsReachable(g, ['call:0'], ['path:0'])).toEqual([
      { op: 'ReadFile', node: 'rf', where: "function 'inner_fn'", reason: 'reads a file' },
    ]);
    expect(unsafeOpsReachable(g, ['y:0'], ['x:0'])).toEqual([]);
    expect(unsafeOpsReachable(g, ['py'], ['x:0']).map((u) => u.op)).toEqual(['PyFunc']);
  });
});

describe('saved-model-cli scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tensor = (name: string) => ({ name, dtype: tensorflow.DataType.DT_FLOAT });
  writeFileSync(join(dir, 'saved_model.pb'), tensorflow.SavedModel.encode({
    savedModelSchemaVersion: 1 as never,
    metaGraphs: [{
      metaInfoDef: { tags: ['serve'] },
      graphDef: leakyGraph(),
      signatureDef: {
        leaky: { inputs: { path: tensor('path:0') }, outputs: { out: tensor('call:0') }, methodName: 'tensorflow/serving/predict' },
        clean: { inputs: { x: tensor('x:0') }, outputs: { y: tensor('y:0') }, methodName: 'tensorflow/serving/predict' },
      },
    }],
  }).finish());

  test('reports TF denylisted ops in the graph and unsafe ops per signature', async () => {
    const r = await cli(['scan', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      "MetaGraph with tag set ['serve'] contains the following denylisted ops: {'ReadFile', 'WriteFile'}",
      "  signature_def['clean'] runs no op that reaches outside the model.",
      "  signature_def['leaky'] would run 1 op(s) that reach outside the model:",
      "    ReadFile (node 'rf' in function 'inner_fn'): reads a file",
      '',
    ].join('\n'));
  });

  test('--op_denylist replaces the default list', async () => {
    const r = await cli(['scan', '--dir', dir, '--tag_set', 'serve', '--op_denylist', 'PyFunc']);
    expect(r.out.split('\n')[0]).toBe("MetaGraph with tag set ['serve'] contains the following denylisted ops: {'PyFunc'}");
  });

  test('unknown tag set and bad flags are one-line errors', async () => {
    const r = await cli(['scan', '--dir', dir, '--tag_set', 'train']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^saved-model-cli: error: NOT_FOUND: MetaGraphDef associated with tag-set train could not be found/);
    expect((await cli(['scan'])).err).toMatch(/--dir is required/);
  });

  describeWithFixtures('on TensorFlow-written models', () => {
    test('half_plus_two_v1: clean', async () => {
      const r = await cli(['scan', '--dir', join(FIXTURES_TF, 'half_plus_two_v1')]);
      expect(r.out.split('\n')[0]).toBe("MetaGraph with tag set ['serve'] does not contain the default denylisted ops: {'PrintV2', 'ReadFile', 'WriteFile'}");
      expect(r.out).toContain("signature_def['serving_default'] runs no op that reaches outside the model.");
    });
  });
});
