/**
 * Text files written by real TensorFlow (interop/gen/textformat_tf.py with TF 2.15.1 / protobuf 4.25
 * and TF 2.21.0 / protobuf 7): our printer reproduces each byte for byte from the binary message,
 * and our parser reads each into that message.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensorflow } from '../../src/proto/index.js';
import {
  formatCheckpointState, parseCheckpointState, parseTextProto, printTextProto, tensorflowTextSchema, TF_TEXT_STYLES,
  type TextPrintOptions,
} from '../../src/textformat/index.js';
import { normalize } from './normalize.js';
import { TF_GENERATED } from '../support/fixtures.js';

interface Manifest {
  tensorflow: string;
  protobuf: string;
  files: { text: string; binary: string | null; type: string; writer: string }[];
}

const dir = join(TF_GENERATED, 'textformat');
const versions = readdirSync(dir).filter((d) => d.startsWith('tf') && existsSync(join(dir, d, 'manifest.json'))).sort();

type Decoder = { decode(b: Uint8Array): object; encode(m: object): { finish(): Uint8Array } };
function messageClass(typeName: string): Decoder {
  return (tensorflow as unknown as Record<string, Decoder>)[typeName.replace(/^tensorflow\./, '')]!;
}

/** The options that reproduce `writer` under this protobuf version. */
function optionsFor(writer: string, protobufMajor: number): TextPrintOptions {
  const modern = protobufMajor >= 7;
  if (writer.includes('str()')) return modern ? TF_TEXT_STYLES.savedModelPbtxt : { dialect: 'upb-4' };
  if (/write_graph|export_meta_graph/.test(writer)) return modern ? TF_TEXT_STYLES.writeGraph : TF_TEXT_STYLES.writeGraphLegacy;
  return { dialect: 'python', asUtf8: modern };
}

test('TensorFlow-written text from two TensorFlow versions is present', () => {
  expect(versions).toEqual(expect.arrayContaining(['tf2.15.1', 'tf2.21.0']));
});

describe.each(versions)('%s', (version) => {
  const manifest = JSON.parse(readFileSync(join(dir, version, 'manifest.json'), 'utf8')) as Manifest;
  const major = Number(manifest.protobuf.split('.')[0]);
  const schema = tensorflowTextSchema();

  describe.each(manifest.files.map((f) => [f.text, f] as const))('%s', (_name, file) => {
    const text = readFileSync(join(dir, version, file.text), 'utf8');
    const options = optionsFor(file.writer, major);

    if (file.binary !== null) {
      const binary = new Uint8Array(readFileSync(join(dir, version, file.binary)));
      const cls = messageClass(file.type);
      const message = cls.decode(binary);

      test(`printing the binary message reproduces TensorFlow's text byte for byte (${file.writer})`, () => {
        expect(printTextProto(file.type, message, options)).toBe(text);
      });

      test('parsing the text gives the binary message', () => {
        const parsed = parseTextProto(file.type, text);
        const info = schema.message(file.type);
        expect(normalize(schema, info, parsed)).toEqual(normalize(schema, info, message as Record<string, unknown>));
      });

      test('the parsed message encodes to the bytes of the decoded message', () => {
        // Map entries follow the text's order; protobufjs encodes integer-keyed maps in ascending
        // key order whatever the insertion order, so compare with a re-encoding of the decoded
        // message (TF's own bytes list map entries in its own order).
        const parsed = parseTextProto(file.type, text);
        const expected = Buffer.from(cls.encode(message).finish());
        const sorted = options.dialect !== 'upb' && options.dialect !== 'upb-4';
        if (sorted) expect(Buffer.from(cls.encode(parsed).finish()).equals(expected)).toBe(true);
        else expect(Buffer.from(cls.encode(parsed).finish()).length).toBe(expected.length);
      });
    } else {
      test(`parse then print reproduces TensorFlow's text byte for byte (${file.writer})`, () => {
        expect(printTextProto(file.type, parseTextProto(file.type, text), options)).toBe(text);
      });
    }
  });
});

test('a TensorFlow checkpoint state file parses into its fields', () => {
  const text = readFileSync(join(dir, 'tf2.15.1', 'checkpoint_v2', 'checkpoint'), 'utf8');
  const state = parseTextProto<tensorflow.CheckpointState>('tensorflow.CheckpointState', text);
  expect(state.modelCheckpointPath).toBe('ckpt-3');
  expect(state.allModelCheckpointPaths).toEqual(['ckpt-2', 'ckpt-3']);
  expect(state.allModelCheckpointTimestamps).toHaveLength(2);
  expect(state.allModelCheckpointTimestamps[0]).toBeGreaterThan(1.7e9);
  expect(state.lastPreservedTimestamp).toBeGreaterThan(1.7e9);
});

test.each(versions)('formatCheckpointState reproduces the %s checkpoint state files', (version) => {
  const modern = version >= 'tf2.21';
  for (const file of ['checkpoint_v1/checkpoint', 'checkpoint_v2/checkpoint']) {
    const text = readFileSync(join(dir, version, file), 'utf8');
    expect(formatCheckpointState(parseCheckpointState(text), { asUtf8: modern })).toBe(text);
  }
});
