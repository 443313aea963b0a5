/**
 * The schema against TensorFlow-written files: everything decodes with no unknown field left over,
 * decode -> encode -> decode is the identity, and re-encoding reproduces TF's bytes where TF wrote
 * fields and map entries in canonical order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs/minimal.js';
import { tensorflow } from '../../src/proto/index.js';
import { FIXTURES_TF, describeWithFixtures, fixtureFiles } from '../support/fixtures.js';

interface Codec {
  decode(r: protobuf.Reader | Uint8Array): object;
  encode(m: object): protobuf.Writer;
}

function decodeKeepingUnknowns(type: Codec, bytes: Uint8Array): object {
  const reader = protobuf.Reader.create(bytes);
  reader.discardUnknown = false;
  return type.decode(reader);
}

/** Paths of every nested message that carries unknown fields. */
function unknownPaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => unknownPaths(v, `${path}[${i}]`, out));
    return out;
  }
  const unknowns = (value as { $unknowns?: Uint8Array[] }).$unknowns;
  if (Object.prototype.hasOwnProperty.call(value, '$unknowns') && unknowns && unknowns.length > 0) out.push(path);
  for (const [k, v] of Object.entries(value)) unknownPaths(v, `${path}.${k}`, out);
  return out;
}

const cases: [string, Codec][] = [
  ...fixtureFiles('saved_model.pb').map((f): [string, Codec] => [f, tensorflow.SavedModel]),
  ...fixtureFiles('fingerprint.pb').map((f): [string, Codec] => [f, tensorflow.FingerprintDef]),
  ...fixtureFiles('export.meta').map((f): [string, Codec] => [f, tensorflow.MetaGraphDef]),
];

// Files TF serialized in canonical order (fields by number, map keys in the order we re-emit).
// The others differ only in order: fingerprint.pb lists its fields 6..1, and some TF2 graphs
// write FunctionDef.arg_attr (a map keyed by integers) with key 1 before key 0.
const BYTE_EXACT = [
  'counter_v1/saved_model.pb',
  'half_plus_three_v1/saved_model.pb',
  'half_plus_two_v1/saved_model.pb',
  'half_plus_two_v1_conv/saved_model.pb',
  'half_plus_two_v1_mlmd/saved_model.pb',
  'half_plus_two_v1_resource/saved_model.pb',
  'int64_multiply/saved_model.pb',
  'keras_text_regression_partial/fingerprint.pb',
  'legacy_meta_graph_v1_checkpoint/export.meta',
  'matrix_half_plus_two_v1/saved_model.pb',
  'model_single_input_multi_output/saved_model.pb',
  'times_two_int/saved_model.pb',
  'uint8_multiply/saved_model.pb',
  'versioned_half_plus_two/00000123/saved_model.pb',
  'versioned_half_plus_two/00000124/saved_model.pb',
];

describeWithFixtures('schema vs TensorFlow-written files', () => {
  test('the fixture set is the expected one', () => {
    expect(cases.length).toBe(20);
  });

  test.each(cases)('%s decodes with no unknown fields', (file, type) => {
    const msg = decodeKeepingUnknowns(type, readFileSync(join(FIXTURES_TF, file)));
    expect(unknownPaths(msg)).toEqual([]);
  });

  test.each(cases)('%s: decode -> encode -> decode is the identity', (file, type) => {
    const bytes = readFileSync(join(FIXTURES_TF, file));
    const first = decodeKeepingUnknowns(type, bytes);
    const reencoded = type.encode(first).finish();
    expect(reencoded.length).toBe(bytes.length);
    const second = decodeKeepingUnknowns(type, reencoded);
    expect(second).toEqual(first);
    expect(Buffer.from(type.encode(second).finish()).equals(Buffer.from(reencoded))).toBe(true);
    expect(Buffer.from(reencoded).equals(bytes)).toBe(BYTE_EXACT.includes(file));
  });

  test('the unknown-field check does see an unknown field', () => {
    const bytes = readFileSync(join(FIXTURES_TF, 'half_plus_two_v1/saved_model.pb'));
    // Append field 99 (varint 7) to the SavedModel: not in the schema.
    const extended = Buffer.concat([bytes, Buffer.from([0x98, 0x06, 0x07])]);
    const msg = decodeKeepingUnknowns(tensorflow.SavedModel, extended);
    expect(unknownPaths(msg)).toEqual(['$']);
    // ... and keeps it when re-encoding.
    expect(Buffer.from(tensorflow.SavedModel.encode(msg).finish()).equals(extended)).toBe(true);
  });

  test('fingerprint.pb values match the raw varints TF wrote', () => {
    const fp = tensorflow.FingerprintDef.decode(readFileSync(join(FIXTURES_TF, 'half_plus_two_v2/fingerprint.pb')));
    expect(fp.savedModelChecksum.toString()).toBe('3202314178945370836');
    expect(fp.graphDefProgramHash.toString()).toBe('13265581747292989307');
    expect(fp.signatureDefHash.toString()).toBe('3442878103270210563');
    expect(fp.savedObjectGraphHash.toString()).toBe('16227935890437681837');
    expect(fp.checkpointHash.toString()).toBe('17568057568585441542');
    expect(fp.version?.producer).toBe(1);
  });
});

type JsonField = { id: number; type: string; rule?: string; keyType?: string; options?: Record<string, unknown> };
type JsonNode = { nested?: Record<string, JsonNode>; fields?: Record<string, JsonField>; values?: Record<string, number>; oneofs?: Record<string, { oneof: string[] }> };

const descriptor = JSON.parse(readFileSync(join(__dirname, '../../src/proto/gen/descriptor.json'), 'utf8')) as JsonNode;

function lookup(path: string): JsonNode {
  let node = descriptor;
  for (const part of path.split('.')) {
    const next = node.nested?.[part];
    if (!next) throw new Error(`no ${path} in descriptor.json`);
    node = next;
  }
  return node;
}

describe('schema spot checks (fields the fixtures do not exercise)', () => {
  test.each<[string, string, number, string]>([
    ['tensorflow.SignatureDef', 'defaults', 4, 'TensorProto'],
    ['tensorflow.MetaGraphDef.MetaInfoDef', 'function_aliases', 8, 'string'],
    ['tensorflow.SavedObject', 'registered_saver', 16, 'string'],
    ['tensorflow.SavedObject', 'dependencies', 15, 'TrackableObjectGraph.TrackableObject.ObjectReference'],
    ['tensorflow.SavedObject', 'captured_tensor', 12, 'CapturedTensor'],
    ['tensorflow.SavedObject', 'serialized_user_proto', 14, 'google.protobuf.Any'],
    ['tensorflow.FingerprintDef', 'uuid', 7, 'string'],
    ['tensorflow.BundleEntryProto', 'crc32c', 6, 'fixed32'],
    ['tensorflow.BundleEntryProto', 'slices', 7, 'TensorSliceProto'],
    ['tensorflow.TensorProto', 'half_val', 13, 'int32'],
    ['tensorflow.TensorProto', 'float8_val', 18, 'bytes'],
    ['tensorflow.TensorProto', 'uint64_val', 17, 'uint64'],
    ['tensorflow.StructuredValue', 'int64_value', 12, 'sint64'],
    ['tensorflow.StructuredValue', 'numpy_value', 56, 'TensorProto'],
    ['tensorflow.FunctionDef', 'resource_arg_unique_id', 8, 'uint32'],
    ['tensorflow.OpDef', 'is_distributed_communication', 21, 'bool'],
    ['tensorflow.TrackableObjectGraph.TrackableObject', 'has_checkpoint_values', 5, 'google.protobuf.BoolValue'],
    ['tensorflow.GraphDebugInfo', 'name_to_trace_id', 5, 'fixed64'],
    ['tensorflow.CheckpointState', 'last_preserved_timestamp', 4, 'double'],
    ['tensorflow.SavedSliceMeta', 'type', 3, 'DataType'],
    ['tensorflow.Feature', 'int64_list', 3, 'Int64List'],
    ['tensorflow.SequenceExample', 'feature_lists', 2, 'FeatureLists'],
  ])('%s.%s = %d (%s)', (message, field, id, type) => {
    const f = lookup(message).fields?.[field];
    expect(f?.id).toBe(id);
    expect(f?.type).toBe(type);
  });

  test('enum values', () => {
    const dt = lookup('tensorflow.DataType').values!;
    expect([dt.DT_FLOAT, dt.DT_STRING, dt.DT_HALF, dt.DT_RESOURCE, dt.DT_VARIANT, dt.DT_UINT64, dt.DT_FLOAT_REF, dt.DT_RESOURCE_REF]).toEqual([
      1, 7, 19, 20, 21, 23, 101, 120,
    ]);
    expect(lookup('tensorflow.TypeSpecProto.TypeSpecClass').values!.REGISTERED_TYPE_SPEC).toBe(12);
    expect(lookup('tensorflow.FullTypeId').values!.TFT_LEGACY_VARIANT).toBe(10203);
    expect(lookup('tensorflow.SaverDef.CheckpointFormatVersion').values!.V2).toBe(2);
    expect(lookup('tensorflow.BundleHeaderProto.Endianness').values!.BIG).toBe(1);
  });

  test('oneofs', () => {
    expect(lookup('tensorflow.SavedObject').oneofs?.kind.oneof).toEqual([
      'user_object', 'asset', 'function', 'variable', 'bare_concrete_function', 'constant', 'resource', 'captured_tensor',
    ]);
    expect(lookup('tensorflow.TensorInfo').oneofs?.encoding.oneof).toEqual(['name', 'coo_sparse', 'composite_tensor']);
  });

  test('packed repeated scalars encode packed, as TF writes them', () => {
    const bytes = tensorflow.FloatList.encode({ value: [1, 2] }).finish();
    // field 1, wire type 2 (packed), 8 bytes
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x0a, 8]);
    const t = tensorflow.TensorProto.encode({ halfVal: [1, 2, 3] }).finish();
    expect(Array.from(t)).toEqual([0x6a, 3, 1, 2, 3]);
  });
});
