/**
 * print → parse is the identity on every SavedModel and meta graph TensorFlow wrote in
 * ../shared/fixtures/tf (TF 1.0 to 2.14), in every dialect, compared structurally and by binary
 * re-encoding; the legacy `checkpoint` state file is reproduced byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensorflow } from '../../src/proto/index.js';
import {
  parseTextProto, printTextProto, tensorflowTextSchema, type TextPrintOptions,
} from '../../src/textformat/index.js';
import { describeWithFixtures, FIXTURES_TF, fixtureFiles } from '../support/fixtures.js';
import { normalize } from './normalize.js';

const DIALECTS: [string, TextPrintOptions][] = [
  ['python', {}],
  ['python as_utf8', { asUtf8: true }],
  ["python float_format=''", { floatFormat: 'repr' }],
  ['upb', { dialect: 'upb' }],
  ['upb-4', { dialect: 'upb-4' }],
  ['cpp', { dialect: 'cpp' }],
];

type Codec = { decode(b: Uint8Array): object; encode(m: object): { finish(): Uint8Array } };

const cases: [string, string, Codec][] = [
  ...fixtureFiles('saved_model.pb').map((f) => [f, 'tensorflow.SavedModel', tensorflow.SavedModel] as [string, string, Codec]),
  ...fixtureFiles('export.meta').map((f) => [f, 'tensorflow.MetaGraphDef', tensorflow.MetaGraphDef] as [string, string, Codec]),
];

describeWithFixtures('TensorFlow-written fixtures', () => {
  test('the fixtures hold SavedModels and a meta graph', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(cases)('%s', (file, typeName, codec) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES_TF, file)));
    const message = codec.decode(bytes);
    const schema = tensorflowTextSchema();
    const info = schema.message(typeName);
    const expected = normalize(schema, info, message as Record<string, unknown>);
    const reencoded = Buffer.from(codec.encode(message).finish());

    test.each(DIALECTS)('print → parse is the identity (%s)', (_name, options) => {
      const text = printTextProto(typeName, message, options);
      const parsed = parseTextProto(typeName, text);
      expect(normalize(schema, info, parsed)).toEqual(expected);
      // By binary re-encoding: same size, and decoding it gives the message again (map entries
      // may be in another order than TF wrote them).
      const parsedBytes = codec.encode(parsed).finish();
      expect(parsedBytes.length).toBe(reencoded.length);
      expect(normalize(schema, info, codec.decode(parsedBytes) as Record<string, unknown>)).toEqual(expected);
    });
  });

  test('the TF 1.x checkpoint state file prints back byte for byte', () => {
    const [file] = fixtureFiles('checkpoint');
    const text = readFileSync(join(FIXTURES_TF, file!), 'utf8');
    const state = parseTextProto<tensorflow.CheckpointState>('tensorflow.CheckpointState', text);
    expect(state.modelCheckpointPath).toBe('/tmp/bad_half_plus_two/00000123/export');
    expect(state.allModelCheckpointPaths).toEqual(['/tmp/bad_half_plus_two/00000123/export']);
    expect(printTextProto('tensorflow.CheckpointState', state)).toBe(text);
  });
});
