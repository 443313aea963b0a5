/** Test schema: test/textformat/testdata/kinds.proto (every field kind), loaded with protobufjs reflection. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { TextSchema, type MessageClass } from '../../src/textformat/schema.js';
import { TF_GENERATED } from '../support/fixtures.js';

const protoFile = join(__dirname, 'testdata', 'kinds.proto');

/** Classes with camelCase properties, as the static code generator makes them. */
export const root = new protobuf.Root().loadSync(protoFile);
/** The keep-case descriptor, as `pbjs -t json --keep-case` writes it. */
export const descriptor = new protobuf.Root().loadSync(protoFile, { keepCase: true }).toJSON();

export const schema = TextSchema.fromDescriptor(descriptor, (name) => {
  try {
    return root.lookupType(name).ctor as unknown as MessageClass;
  } catch {
    return undefined;
  }
});

export const Kinds = root.lookupType('tftest.Kinds');
export const Inner = root.lookupType('tftest.Inner');

/** A message as plain data for deep comparison: set fields only, 64-bit integers as strings, bytes as base64. */
export function plain(type: protobuf.Type, message: object): Record<string, unknown> {
  return type.toObject(message as protobuf.Message, { longs: String, bytes: String, enums: Number });
}

/** One Python print case (interop/gen/textformat_kinds.py). */
export interface PrintCase {
  name: string;
  binary: string;
  ascii: string;
  utf8: string;
  str: string;
  floatRepr?: string;
}

/** A kinds_cases file written by interop/gen/textformat_kinds.py with one protobuf version. */
export interface KindsCases {
  protobuf: string;
  defaultAsUtf8: boolean;
  cases: PrintCase[];
  parse: { text: string; binary: string }[];
  errors: { text: string; error: string; line: number | null; column: number | null }[];
}

const generated = join(TF_GENERATED, 'textformat');

/** Every kinds_cases-protobuf<version>.json present. */
export function kindsCaseFiles(): [string, KindsCases][] {
  return readdirSync(generated)
    .filter((f) => /^kinds_cases-protobuf.*\.json$/.test(f))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(generated, f), 'utf8')) as KindsCases]);
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
