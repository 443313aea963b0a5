/**
 * readSavedModel on TensorFlow-written SavedModels: real values pinned from the files (counted
 * with an independent wire-format walk), and every kind of broken input -> SavedModelError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MemoryFileSystem,
  PREDICT_METHOD_NAME,
  SavedModelError,
  readFingerprint,
  readSavedModel,
  decodeSavedModel,
  tensorflow,
  printTextProto,
} from '../../src/index.js';
import { FIXTURES_TF, describeWithFixtures, fixtureFiles } from '../support/fixtures.js';
import { expectRejects } from '../support/errors.js';

const { DT_FLOAT, DT_STRING, DT_INT32, DT_INT64, DT_UINT8 } = tensorflow.DataType;

/** Facts per fixture: TF version, graph node count, library function count, object graph nodes. */
const FACTS: Record<string, { tf: string; nodes: number; functions: number; objects?: number; concrete?: number; signatures: string[] }> = {
  counter_v1: { tf: '1.5.0-rc1', nodes: 30, functions: 0, signatures: ['get_counter', 'incr_counter', 'incr_counter_by', 'reset_counter'] },
  half_plus_three_v1: { tf: '1.0.0-rc2', nodes: 60, functions: 0, signatures: ['serving_default', 'tensorflow/serving/regress'] },
  half_plus_two_v1: {
    tf: '1.14.0', nodes: 74, functions: 0,
    signatures: ['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
  half_plus_two_v1_conv: {
    tf: '1.12.0-rc0', nodes: 163, functions: 0,
    signatures: ['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
  half_plus_two_v1_mlmd: {
    tf: '2.1.0', nodes: 78, functions: 0,
    signatures: ['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
  half_plus_two_v1_resource: {
    tf: '2.4.0', nodes: 97, functions: 0,
    signatures: ['classify_x2_to_y3', 'classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
  half_plus_two_v2: {
    tf: '2.14.0', nodes: 29, functions: 14, objects: 24, concrete: 12,
    signatures: ['__saved_model_init_op', 'classify_x2_to_y3', 'classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
  int64_multiply: { tf: '2.3.1', nodes: 11, functions: 5, objects: 6, concrete: 2, signatures: ['__saved_model_init_op', 'serving_default'] },
  matrix_half_plus_two_v1: { tf: '1.2.0-rc2', nodes: 6, functions: 0, signatures: ['serving_default'] },
  model_multi_output: { tf: '2.0.0', nodes: 12, functions: 4, objects: 6, concrete: 2, signatures: ['__saved_model_init_op', 'serving_default'] },
  model_single_input_multi_output: { tf: '2.0.0', nodes: 11, functions: 4, objects: 6, concrete: 2, signatures: ['__saved_model_init_op', 'serving_default'] },
  module_with_multiple_signatures: {
    tf: '2.0.0-beta1', nodes: 13, functions: 7, objects: 9, concrete: 5, signatures: ['__saved_model_init_op', 'serving_default', 'timestwo'],
  },
  times_three_float: { tf: '2.0.0-beta1', nodes: 9, functions: 5, objects: 6, concrete: 3, signatures: ['__saved_model_init_op', 'serving_default'] },
  times_two_int: { tf: '2.0.0-beta1', nodes: 9, functions: 4, objects: 5, concrete: 2, signatures: ['__saved_model_init_op', 'serving_default'] },
  uint8_multiply: { tf: '2.3.1', nodes: 11, functions: 5, objects: 6, concrete: 2, signatures: ['__saved_model_init_op', 'serving_default'] },
  'versioned_half_plus_two/00000123': {
    tf: '1.1.0-rc2', nodes: 65, functions: 0,
    signatures: ['classify_x2_to_y3', 'classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
  'versioned_half_plus_two/00000124': {
    tf: '1.1.0-rc2', nodes: 65, functions: 0,
    signatures: ['classify_x2_to_y3', 'classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default'],
  },
};

const fixture = (name: string) => join(FIXTURES_TF, name);

function dims(info: tensorflow.TensorInfo.$Properties | undefined): number[] | 'unknown' | null {
  const shape = info?.tensorShape;
  if (!shape) return null;
  return shape.unknownRank ? 'unknown' : (shape.dim ?? []).map((d) => Number(d.size ?? 0));
}

describeWithFixtures('readSavedModel on TensorFlow-written models', () => {
  test('every saved_model.pb under the fixtures is covered', () => {
    const dirs = fixtureFiles('saved_model.pb').map((f) => f.replace(/\/saved_model\.pb$/, ''));
    expect(dirs).toEqual(Object.keys(FACTS).sort());
  });

  test.each(Object.entries(FACTS))('%s: tags, versions, counts, signature keys', async (name, facts) => {
    const sm = await readSavedModel(fixture(name));
    expect(sm.savedModelSchemaVersion.toNumber()).toBe(1);
    expect(sm.metaGraphs).toHaveLength(1);
    const mg = sm.metaGraphs[0];
    expect(mg.metaInfoDef?.tags).toEqual(['serve']);
    expect(mg.metaInfoDef?.tensorflowVersion).toBe(facts.tf);
    expect(mg.graphDef?.node).toHaveLength(facts.nodes);
    expect(mg.graphDef?.library?.function ?? []).toHaveLength(facts.functions);
    expect(Object.keys(mg.signatureDef ?? {}).sort()).toEqual(facts.signatures);
    if (facts.objects === undefined) {
      expect(mg.objectGraphDef).toBeFalsy();
    } else {
      expect(mg.objectGraphDef?.nodes).toHaveLength(facts.objects);
      expect(Object.keys(mg.objectGraphDef?.concreteFunctions ?? {})).toHaveLength(facts.concrete!);
    }
  });

  test('half_plus_two_v1: TF1 signatures, dtypes, shapes, method names, collections', async () => {
    const mg = (await readSavedModel(fixture('half_plus_two_v1'))).metaGraphs[0];
    const sigs = mg.signatureDef!;
    expect(sigs.serving_default.methodName).toBe(PREDICT_METHOD_NAME);
    expect(sigs.serving_default.inputs!.x).toMatchObject({ name: 'x:0', dtype: DT_FLOAT });
    expect(dims(sigs.serving_default.inputs!.x)).toEqual([-1, 1]);
    expect(sigs.serving_default.outputs!.y.name).toBe('y:0');
    expect(sigs.classify_x_to_y.methodName).toBe('tensorflow/serving/classify');
    expect(sigs.classify_x_to_y.inputs!.inputs).toMatchObject({ name: 'tf_example:0', dtype: DT_STRING });
    expect(dims(sigs.classify_x_to_y.inputs!.inputs)).toBe('unknown');
    expect(sigs.classify_x_to_y.outputs!.scores.name).toBe('y:0');
    expect(sigs.regress_x_to_y2.methodName).toBe('tensorflow/serving/regress');
    expect(sigs.regress_x_to_y2.outputs!.outputs.name).toBe('y2:0');
    expect(sigs.regress_x2_to_y3.inputs!.inputs).toMatchObject({ name: 'x2:0', dtype: DT_FLOAT });
    expect(Object.keys(mg.collectionDef!).sort()).toEqual([
      'asset_filepaths', 'saved_model_assets', 'saved_model_main_op', 'trainable_variables', 'variables',
    ]);
    // VariableDefs of a, b, c, a2, c2 (serialized protos in a bytes list).
    const variables = mg.collectionDef!.variables.bytesList!.value!.map((b) => tensorflow.VariableDef.decode(b).variableName);
    expect(variables).toEqual(['a:0', 'b:0', 'c:0', 'a2:0', 'c2:0']);
    const ops = new Set(mg.graphDef!.node!.map((n) => n.op));
    expect(ops.has('VariableV2')).toBe(true);
    expect(ops.has('ParseExample')).toBe(true);
    expect(mg.saverDef?.version).toBe(tensorflow.SaverDef.CheckpointFormatVersion.V2);
  });

  test('half_plus_three_v1 (TF 1.0): inputs without a recorded shape', async () => {
    const mg = (await readSavedModel(fixture('half_plus_three_v1'))).metaGraphs[0];
    expect(mg.signatureDef!['tensorflow/serving/regress'].inputs!.inputs).toMatchObject({ name: 'tf_example:0', dtype: DT_FLOAT });
    expect(mg.signatureDef!.serving_default.inputs!.x.tensorShape).toBeFalsy();
    expect(mg.signatureDef!['tensorflow/serving/regress'].outputs!.outputs.name).toBe('Identity:0');
  });

  test('half_plus_two_v2: TF2 signature names, object graph, asset, concrete functions', async () => {
    const mg = (await readSavedModel(fixture('half_plus_two_v2'))).metaGraphs[0];
    const serving = mg.signatureDef!.serving_default;
    expect(serving.inputs!.x).toMatchObject({ name: 'serving_default_x:0', dtype: DT_FLOAT });
    expect(dims(serving.inputs!.x)).toEqual([1]);
    expect(serving.outputs!.y.name).toBe('StatefulPartitionedCall_5:0');
    expect(mg.signatureDef!.classify_x_to_y.inputs!.inputs).toMatchObject({ name: 'classify_x_to_y_inputs:0', dtype: DT_STRING });
    expect(mg.signatureDef!.classify_x_to_y.methodName).toBe(PREDICT_METHOD_NAME);
    expect(mg.signatureDef!.__saved_model_init_op.outputs!.__saved_model_init_op.name).toBe('NoOp');
    expect(mg.assetFileDef).toHaveLength(1);
    expect(mg.assetFileDef![0].filename).toBe('foo.txt');

    const og = mg.objectGraphDef!;
    const root = og.nodes![0];
    expect(root.kind).toBe('userObject');
    expect(root.children!.map((c) => c.localName)).toEqual([
      'a', 'b', 'c', 'asset', 'classify_x2y3', 'classify_xy', 'predict', 'regress_x2y3', 'regress_xy', 'regress_xy2', 'signatures',
    ]);
    expect(og.nodes!.filter((n) => n.kind === 'variable')).toHaveLength(3);
    expect(og.nodes!.filter((n) => n.kind === 'bareConcreteFunction')).toHaveLength(12);
    const predict = og.nodes![7].function!;
    expect(predict.concreteFunctions).toEqual(['__inference_predict_235']);
    const cf = og.concreteFunctions!.__inference_predict_235;
    expect(cf.boundInputs).toEqual([1, 2]);
    const args = cf.canonicalizedInputSignature!.tupleValue!.values![0].tupleValue!.values!;
    expect(args[0].tensorSpecValue).toMatchObject({ name: 'x', dtype: DT_FLOAT });
    expect(og.nodes![1].variable).toMatchObject({ dtype: DT_FLOAT, name: 'a' });
  });

  test('TF2 modules: integer dtypes and multiple inputs/outputs', async () => {
    const input = async (name: string, key = 'x') =>
      (await readSavedModel(fixture(name))).metaGraphs[0].signatureDef!.serving_default.inputs![key];
    expect(await input('int64_multiply')).toMatchObject({ name: 'serving_default_x:0', dtype: DT_INT64 });
    expect(dims(await input('int64_multiply'))).toEqual([2]);
    expect(await input('uint8_multiply')).toMatchObject({ dtype: DT_UINT8 });
    expect(await input('times_two_int')).toMatchObject({ dtype: DT_INT32 });
    expect(dims(await input('times_two_int'))).toEqual([]);
    expect(await input('model_multi_output', 'y')).toMatchObject({ name: 'serving_default_y:0', dtype: DT_INT32 });
    const multi = (await readSavedModel(fixture('model_multi_output'))).metaGraphs[0].signatureDef!.serving_default;
    expect(Object.fromEntries(Object.entries(multi.outputs!).map(([k, v]) => [k, v.name]))).toEqual({
      output_0: 'StatefulPartitionedCall:0',
      output_1: 'StatefulPartitionedCall:1',
    });
  });

  test('readFingerprint', async () => {
    const fp = await readFingerprint(fixture('half_plus_two_v2'));
    expect(fp.graphDefProgramHash.toString()).toBe('13265581747292989307');
    expect(fp.checkpointHash.toString()).toBe('17568057568585441542');
    const keras = await readFingerprint(fixture('keras_text_regression_partial'));
    expect(keras.savedModelChecksum.toString()).toBe('13240788271825230145');
    await expectRejects(readFingerprint(fixture('half_plus_two_v1')), 'NOT_FOUND', /fingerprint\.pb/);
  });

  test('keras_text_regression_partial has no saved_model.pb: NOT_FOUND naming both files', async () => {
    await expectRejects(
      readSavedModel(fixture('keras_text_regression_partial')),
      'NOT_FOUND',
      /SavedModel file does not exist at: .*keras_text_regression_partial\/\{saved_model\.pbtxt\|saved_model\.pb\}/,
    );
  });

  test('a file where a directory is expected: INVALID_ARGUMENT', async () => {
    await expectRejects(readSavedModel(fixture('half_plus_two_v1/saved_model.pb')), 'INVALID_ARGUMENT', /expected a SavedModel directory/);
  });
});

describe('readSavedModel on broken input', () => {
  const validBytes = (): Uint8Array => {
    // A small real SavedModel when the fixtures are there, else one built here.
    try {
      return readFileSync(fixture('matrix_half_plus_two_v1/saved_model.pb'));
    } catch {
      return tensorflow.SavedModel.encode({
        savedModelSchemaVersion: 1 as unknown as Long,
        metaGraphs: [{ metaInfoDef: { tags: ['serve'] }, graphDef: { node: [{ name: 'x', op: 'Placeholder' }] } }],
      }).finish();
    }
  };
  const inMemory = async (bytes: Uint8Array, file = 'saved_model.pb') => {
    const fs = new MemoryFileSystem();
    await fs.mkdir('/m');
    await fs.writeFile(`/m/${file}`, bytes);
    return fs;
  };

  test('a missing directory: NOT_FOUND', async () => {
    await expectRejects(readSavedModel('/definitely/not/here'), 'NOT_FOUND', /directory does not exist: \/definitely\/not\/here/);
    await expectRejects(readSavedModel('/nope', { fs: new MemoryFileSystem() }), 'NOT_FOUND');
  });

  test('an empty directory: NOT_FOUND', async () => {
    const fs = new MemoryFileSystem();
    await fs.mkdir('/empty');
    await expectRejects(readSavedModel('/empty', { fs }), 'NOT_FOUND', /saved_model\.pbtxt\|saved_model\.pb/);
  });

  test('the valid bytes read back', async () => {
    const sm = await readSavedModel('/m', { fs: await inMemory(validBytes()) });
    expect(sm.metaGraphs.length).toBe(1);
  });

  test('truncated at every offset: DATA_LOSS', async () => {
    const bytes = validBytes();
    for (let n = 0; n < bytes.length; n++) {
      const e = await readSavedModel('/m', { fs: await inMemory(bytes.subarray(0, n)) }).then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(SavedModelError);
      expect([n, (e as SavedModelError).code]).toEqual([n, 'DATA_LOSS']);
      expect((e as SavedModelError).message).toContain('/m/saved_model.pb');
    }
  });

  test('random bytes: DATA_LOSS', async () => {
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 97) * 7 }, next);
      await expectRejects(readSavedModel('/m', { fs: await inMemory(bytes) }), 'DATA_LOSS', /tensorflow\.SavedModel|not a SavedModel/);
    }
  });

  test('flipped bytes: either a SavedModel or a SavedModelError, never another exception', async () => {
    const bytes = validBytes();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    let failures = 0;
    for (let i = 0; i < 300; i++) {
      const mutated = Uint8Array.from(bytes);
      for (let k = 0; k < 3; k++) mutated[next() % mutated.length] = next() & 0xff;
      try {
        decodeSavedModel(mutated);
      } catch (e) {
        expect(e).toBeInstanceOf(SavedModelError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
  });

  test('another protobuf (a fingerprint) is not a SavedModel: DATA_LOSS', async () => {
    const fingerprint = tensorflow.FingerprintDef.encode({ savedModelChecksum: 5 as unknown as Long, version: { producer: 1 } }).finish();
    await expectRejects(readSavedModel('/m', { fs: await inMemory(fingerprint) }), 'DATA_LOSS', /not a SavedModel/);
  });

  test('no meta graph: DATA_LOSS', async () => {
    const empty = tensorflow.SavedModel.encode({ savedModelSchemaVersion: 1 as unknown as Long }).finish();
    await expectRejects(readSavedModel('/m', { fs: await inMemory(empty) }), 'DATA_LOSS', /no meta graph/);
  });

  test('nesting deeper than the recursion limit: DATA_LOSS', () => {
    // StructuredValue.list_value (51) -> ListValue.values (1) -> ... inside a concrete function.
    const field = (id: number, body: Uint8Array) => {
      const tag: number[] = [];
      for (let t = (id << 3) | 2; ; t >>>= 7) {
        if (t < 0x80) { tag.push(t); break; }
        tag.push((t & 0x7f) | 0x80);
      }
      const len: number[] = [];
      for (let l = body.length; ; l >>>= 7) {
        if (l < 0x80) { len.push(l); break; }
        len.push((l & 0x7f) | 0x80);
      }
      return Uint8Array.from([...tag, ...len, ...body]);
    };
    let value: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 200; i++) value = field(51, field(1, value));
    const concrete = field(3, value);
    const entry = Uint8Array.from([...field(1, new TextEncoder().encode('f')), ...field(2, concrete)]);
    const bytes = field(2, field(7, field(2, entry)));
    expect(() => decodeSavedModel(bytes)).toThrow(SavedModelError);
    expect(() => decodeSavedModel(bytes)).toThrow(/max depth/);
  });

  test('a file larger than maxBytes is refused before reading: RESOURCE_EXHAUSTED', async () => {
    const fs = await inMemory(validBytes());
    await expectRejects(readSavedModel('/m', { fs, maxBytes: 100 }), 'RESOURCE_EXHAUSTED', /more than the limit of 100 bytes/);
  });

  test('only saved_model.pbtxt: parsed through the text format', async () => {
    const fs = await inMemory(new TextEncoder().encode('saved_model_schema_version: 1\nmeta_graphs {\n  meta_info_def {\n    tags: "serve"\n  }\n}\n'), 'saved_model.pbtxt');
    const sm = await readSavedModel('/m', { fs });
    expect(Number(sm.savedModelSchemaVersion)).toBe(1);
    expect(sm.metaGraphs[0].metaInfoDef?.tags).toEqual(['serve']);
  });

  test('a broken saved_model.pbtxt: SavedModelError naming the file and line', async () => {
    const fs = await inMemory(new TextEncoder().encode('saved_model_schema_version: 1\nmeta_graphs {\n  no_such_field: 3\n}\n'), 'saved_model.pbtxt');
    await expectRejects(readSavedModel('/m', { fs }), 'INVALID_ARGUMENT', /\/m\/saved_model\.pbtxt: .*no_such_field/);
  });

  test('only a chunked saved_model.cpb: UNIMPLEMENTED', async () => {
    const fs = await inMemory(new Uint8Array([1, 2, 3]), 'saved_model.cpb');
    await expectRejects(readSavedModel('/m', { fs }), 'UNIMPLEMENTED', /saved_model\.cpb/);
  });

  test('a garbage fingerprint.pb: DATA_LOSS', async () => {
    const fs = await inMemory(new Uint8Array([0x0a, 0x50, 1]), 'fingerprint.pb');
    await expectRejects(readFingerprint('/m', { fs }), 'DATA_LOSS', /tensorflow\.FingerprintDef/);
  });
});

describeWithFixtures('saved_model.pbtxt of every fixture', () => {
  test.each(fixtureFiles('saved_model.pb'))('%s: text form reads back as the binary form', async (rel) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES_TF, rel)));
    const binary = decodeSavedModel(bytes);
    const fs = new MemoryFileSystem();
    await fs.writeFile('/t/saved_model.pbtxt', printTextProto('tensorflow.SavedModel', binary));
    const text = await readSavedModel('/t', { fs });
    // Text format prints map entries sorted by key, so compare messages (maps as objects), not bytes.
    const roundTrip = (m: tensorflow.SavedModel) => tensorflow.SavedModel.decode(tensorflow.SavedModel.encode(m).finish());
    expect(roundTrip(text)).toEqual(roundTrip(binary));
    expect(tensorflow.SavedModel.encode(text).finish().byteLength).toBe(bytes.byteLength);
  });
});
