/**
 * FarmHash Fingerprint64 against TensorFlow's own (tf.fingerprint farmhash64 vectors), and every
 * field of fingerprint.pb recomputed from the TF-written SavedModels (2.15.1 and 2.21.0) equal to
 * the fingerprint.pb TensorFlow wrote next to them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tensorflow } from '../../src/proto/index.js';
import { encodeCanonical } from '../../src/savedmodel/canonical.js';
import { fingerprint64, fingerprintCat64 } from '../../src/savedmodel/farmhash.js';
import { computeFingerprint, regularizeGraphDef, suffixUid } from '../../src/savedmodel/fingerprint.js';
import { TF_GENERATED } from '../support/fixtures.js';

const GENERATED = TF_GENERATED;

describe('fingerprint64 (FarmHash farmhashna::Hash64)', () => {
  const { vectors } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'farmhash', 'fingerprint64.json'), 'utf8')) as { vectors: { length: number; fingerprint64: string }[] };
  test.each(vectors.map((v) => [v.length, v.fingerprint64] as const))('%i bytes → TensorFlow\'s value', (n, want) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7 + (i >> 8)) & 255);
    expect(fingerprint64(bytes).toString()).toBe(want);
  });

  test('reads unaligned views of a larger buffer', () => {
    const big = Uint8Array.from({ length: 300 }, (_, i) => (i * 31 + 7 + (i >> 8)) & 255);
    const shifted = new Uint8Array(301);
    shifted.set(big, 1);
    expect(fingerprint64(shifted.subarray(1))).toBe(fingerprint64(big));
  });

  test('FingerprintCat64 mixes order-dependently and stays in 64 bits', () => {
    const a = fingerprint64(new TextEncoder().encode('a'));
    const b = fingerprint64(new TextEncoder().encode('b'));
    expect(fingerprintCat64(a, b)).not.toBe(fingerprintCat64(b, a));
    expect(fingerprintCat64(a, b) < 1n << 64n).toBe(true);
  });
});

describe('fingerprint.pb as TensorFlow computes it', () => {
  const cases: [string, string][] = [];
  for (const v of existsSync(GENERATED) ? readdirSync(GENERATED).filter((d) => /^\d/.test(d)) : []) {
    for (const m of readdirSync(join(GENERATED, v))) if (existsSync(join(GENERATED, v, m, 'fingerprint.pb'))) cases.push([v, m]);
  }

  test('fixtures are present', () => expect(cases.length).toBeGreaterThan(20));

  test.each(cases)('TF %s %s: all five hashes match', (v, m) => {
    const dir = join(GENERATED, v, m);
    const want = tensorflow.FingerprintDef.decode(readFileSync(join(dir, 'fingerprint.pb')));
    const sm = tensorflow.SavedModel.decode(readFileSync(join(dir, 'saved_model.pb')));
    const bytes = encodeCanonical('tensorflow.SavedModel', sm);
    const index = join(dir, 'variables', 'variables.index');
    const got = computeFingerprint(sm as unknown as Record<string, unknown>, bytes, existsSync(index) ? readFileSync(index) : undefined);
    const fields = {
      savedModelChecksum: got.savedModelChecksum.toString(),
      graphDefProgramHash: got.graphDefProgramHash.toString(),
      signatureDefHash: got.signatureDefHash.toString(),
      savedObjectGraphHash: got.savedObjectGraphHash.toString(),
      checkpointHash: got.checkpointHash.toString(),
    };
    const expected = {
      savedModelChecksum: want.savedModelChecksum.toString(),
      graphDefProgramHash: want.graphDefProgramHash.toString(),
      signatureDefHash: want.signatureDefHash.toString(),
      savedObjectGraphHash: want.savedObjectGraphHash.toString(),
      checkpointHash: want.checkpointHash.toString(),
    };
    if (m === 'method_name_updater') {
      // MethodNameUpdater rewrote saved_model.pb after TF wrote fingerprint.pb: only the
      // checksum and the signature hash (method names live in SignatureDefs) are stale.
      expect(fields.savedModelChecksum).not.toBe(expected.savedModelChecksum);
      expect(fields.signatureDefHash).not.toBe(expected.signatureDefHash);
      fields.savedModelChecksum = expected.savedModelChecksum;
      fields.signatureDefHash = expected.signatureDefHash;
    }
    expect(fields).toEqual(expected);
  });

  test('suffix UIDs and regularization', () => {
    expect(suffixUid('__inference_signature_wrapper_17')).toBe('17');
    expect(suffixUid('__inference_f')).toBeUndefined();
    const g = regularizeGraphDef({
      node: [
        { name: 'c', op: 'StatefulPartitionedCall', attr: { f: { func: { name: '__inference_f_12' } }, config_proto: { s: new Uint8Array([1]) } } },
        { name: 's', op: 'Const', attr: { dtype: { type: 7 }, value: { tensor: {} } } },
      ],
      library: { function: [{}] },
      versions: { producer: 1 },
    });
    const nodes = g.node as { attr: Record<string, { func?: { name: string }; s?: Uint8Array }> }[];
    expect(nodes[0].attr.f.func!.name).toBe('__inference_f_');
    expect(nodes[0].attr.config_proto.s!.length).toBe(0);
    expect(nodes[1].attr.value).toEqual({});
    expect(g.library).toEqual({});
    expect(g.versions).toEqual({});
  });
});
