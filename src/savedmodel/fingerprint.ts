/**
 * fingerprint.pb, computed as TensorFlow 2.15's `CreateFingerprintDef` does for a saved_model.pb:
 * - saved_model_checksum: Fingerprint64 of the SavedModel's deterministic serialization;
 * - graph_def_program_hash: Fingerprint64 of the GraphDef after "simple delete" regularization
 *   (function-call targets without their numeric suffix, `config_proto` and string-constant
 *   values emptied, library and versions cleared);
 * - signature_def_hash: FingerprintCat64 over the signatures in key order (key, then SignatureDef);
 * - saved_object_graph_hash: FingerprintCat64 over the concrete functions in order of their
 *   numeric suffix (name without suffix, then the SavedConcreteFunction);
 * - checkpoint_hash: Fingerprint64 of variables/variables.index (0 when absent);
 * - version.producer = 1.
 */
import Long from 'long';
import { SavedModelError } from '../errors.js';
import { encodeCanonical } from './canonical.js';
import { fingerprint64, fingerprintCat64 } from './farmhash.js';

type Msg = Record<string, unknown>;

/** The five hashes of a FingerprintDef, as unsigned 64-bit BigInts. */
export interface FingerprintValues {
  savedModelChecksum: bigint;
  graphDefProgramHash: bigint;
  signatureDefHash: bigint;
  savedObjectGraphHash: bigint;
  checkpointHash: bigint;
}

/** TF's GetSuffixUID: the integer after the last `_` of a function name, or undefined. */
export function suffixUid(name: string): string | undefined {
  const last = name.slice(name.lastIndexOf('_') + 1);
  return /^[+-]?\d+$/.test(last) ? String(Number(last)) : undefined;
}

function stripUid(name: string): string {
  const uid = suffixUid(name);
  return uid !== undefined && name.endsWith(uid) ? name.slice(0, -uid.length) : name;
}

/** The GraphDef after TF's SimpleDelete regularization (a new object; the input is not changed). */
export function regularizeGraphDef(graph: Msg): Msg {
  const nodes = ((graph.node as Msg[] | undefined) ?? []).map((node) => {
    const attr = { ...((node.attr as Record<string, Msg> | undefined) ?? {}) };
    if (node.op === 'PartitionedCall' || node.op === 'StatefulPartitionedCall') {
      const f = attr.f as Msg | undefined;
      const func = f?.func as Msg | undefined;
      if (f && func) attr.f = { ...f, func: { ...func, name: stripUid(String(func.name ?? '')) } };
      if (attr.config_proto) attr.config_proto = { s: new Uint8Array(0) };
    }
    if (node.op === 'Const' && (attr.dtype as Msg | undefined)?.type === 7) attr.value = {};
    return { ...node, attr };
  });
  return { ...graph, node: nodes, library: {}, versions: {} };
}

/** The fingerprint hashes of a SavedModel message whose encoding is `savedModelBytes`. */
export function computeFingerprint(savedModel: Msg, savedModelBytes: Uint8Array, checkpointIndex: Uint8Array | undefined): FingerprintValues {
  const metaGraphs = savedModel.metaGraphs as Msg[] | undefined;
  if (!metaGraphs?.length) throw new SavedModelError('INVALID_ARGUMENT', 'fingerprint: the SavedModel has no meta graph');
  const mg = metaGraphs[0];
  const graphDefProgramHash = fingerprint64(encodeCanonical('tensorflow.GraphDef', regularizeGraphDef((mg.graphDef as Msg) ?? {})));

  let signatureDefHash = 0n;
  const sigs = (mg.signatureDef as Record<string, Msg> | undefined) ?? {};
  for (const key of Object.keys(sigs).sort()) {
    signatureDefHash = fingerprintCat64(signatureDefHash, fingerprint64(new TextEncoder().encode(key)));
    signatureDefHash = fingerprintCat64(signatureDefHash, fingerprint64(encodeCanonical('tensorflow.SignatureDef', sigs[key])));
  }

  let savedObjectGraphHash = 0n;
  const fns = ((mg.objectGraphDef as Msg | undefined)?.concreteFunctions as Record<string, Msg> | undefined) ?? {};
  const byUid = new Map<number, string>();
  for (const name of Object.keys(fns)) {
    const uid = suffixUid(name);
    if (uid === undefined) throw new SavedModelError('INVALID_ARGUMENT', `fingerprint: function name '${name}' does not end in an integer`);
    if (!byUid.has(Number(uid))) byUid.set(Number(uid), name);
  }
  for (const uid of [...byUid.keys()].sort((a, b) => a - b)) {
    const name = byUid.get(uid)!;
    savedObjectGraphHash = fingerprintCat64(savedObjectGraphHash, fingerprint64(new TextEncoder().encode(stripUid(name))));
    savedObjectGraphHash = fingerprintCat64(savedObjectGraphHash, fingerprint64(encodeCanonical('tensorflow.SavedConcreteFunction', fns[name])));
  }

  return {
    savedModelChecksum: fingerprint64(savedModelBytes),
    graphDefProgramHash,
    signatureDefHash,
    savedObjectGraphHash,
    checkpointHash: checkpointIndex ? fingerprint64(checkpointIndex) : 0n,
  };
}

/** The FingerprintDef message of these values (producer 1, as TF 2.15 writes). */
export function fingerprintMessage(v: FingerprintValues): Msg {
  const out: Msg = {};
  const set = (k: keyof FingerprintValues): void => {
    if (v[k] !== 0n) out[k] = Long.fromString(v[k].toString(), true);
  };
  (['savedModelChecksum', 'graphDefProgramHash', 'signatureDefHash', 'savedObjectGraphHash', 'checkpointHash'] as const).forEach(set);
  out.version = { producer: 1 };
  return out;
}
