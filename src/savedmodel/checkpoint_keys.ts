/**
 * Matching a TF2 SavedObjectGraph with the object graph stored in its checkpoint
 * (`_CHECKPOINTABLE_OBJECT_GRAPH`, a TrackableObjectGraph): both are walked from the root along
 * children with equal local names (and slot variables by their original variable and slot name),
 * as TensorFlow's checkpoint restore does; each saved variable then gets its checkpoint key
 * (the `VARIABLE_VALUE` attribute, e.g. `dense/kernel/.ATTRIBUTES/VARIABLE_VALUE`).
 */
import { SavedModelError } from '../errors.js';
import { tensorflow } from '../proto/index.js';
import type { ModelCheckpoint } from './checkpoint_reader.js';
import { decodeMessage } from './decode.js';

/** Checkpoint key under which TF2 stores the TrackableObjectGraph. */
export const OBJECT_GRAPH_PROTO_KEY = '_CHECKPOINTABLE_OBJECT_GRAPH';

/** The checkpoint's object graph, or null when the checkpoint has none (TF1 savers). */
export async function readTrackableGraph(ckpt: ModelCheckpoint): Promise<tensorflow.TrackableObjectGraph | null> {
  if (!ckpt.has(OBJECT_GRAPH_PROTO_KEY)) return null;
  const t = await ckpt.reader.read(OBJECT_GRAPH_PROTO_KEY);
  const bytes = t.dtype === 'string' && t.shape.length === 0 ? (t.data as Uint8Array[])[0] : undefined;
  if (!bytes) throw new SavedModelError('DATA_LOSS', `${ckpt.prefix}: ${OBJECT_GRAPH_PROTO_KEY} is not a scalar string (found ${t.dtype} [${t.shape}])`);
  return decodeMessage(tensorflow.TrackableObjectGraph, 'tensorflow.TrackableObjectGraph', bytes, `${ckpt.prefix} ${OBJECT_GRAPH_PROTO_KEY}`);
}

type Ref = { nodeId?: number | null; localName?: string | null };

/** Saved object node id → checkpoint node id, for every object reachable in both graphs. */
export function matchObjectGraphs(saved: tensorflow.SavedObjectGraph, ckpt: tensorflow.TrackableObjectGraph): Map<number, number> {
  const match = new Map<number, number>();
  if (saved.nodes.length === 0 || ckpt.nodes.length === 0) return match;
  match.set(0, 0);
  const queue: [number, number][] = [[0, 0]];
  const visit = (s: number, c: number): void => {
    if (s < 0 || c < 0 || s >= saved.nodes.length || c >= ckpt.nodes.length || match.has(s)) return;
    match.set(s, c);
    queue.push([s, c]);
  };
  while (queue.length > 0) {
    const [s, c] = queue.shift()!;
    const ckptChildren = new Map<string, number>();
    for (const r of (ckpt.nodes[c].children ?? []) as Ref[]) ckptChildren.set(r.localName ?? '', r.nodeId ?? 0);
    for (const r of (saved.nodes[s].children ?? []) as Ref[]) {
      const cc = ckptChildren.get(r.localName ?? '');
      if (cc !== undefined) visit(r.nodeId ?? 0, cc);
    }
  }
  // Slot variables (optimizer state) hang off their optimizer, keyed by the variable they shadow.
  for (const [s, c] of [...match]) {
    for (const sv of saved.nodes[s].slotVariables ?? []) {
      const orig = match.get(sv.originalVariableNodeId ?? -1);
      const hit = (ckpt.nodes[c].slotVariables ?? []).find((cs) => cs.slotName === sv.slotName && cs.originalVariableNodeId === orig);
      const id = sv.slotVariableNodeId ?? -1;
      if (hit && id >= 0 && id < saved.nodes.length && !match.has(id)) match.set(id, hit.slotVariableNodeId ?? 0);
    }
  }
  return match;
}

/** Saved variable node id → its checkpoint key. */
export function variableCheckpointKeys(saved: tensorflow.SavedObjectGraph, ckpt: tensorflow.TrackableObjectGraph): Map<number, string> {
  const keys = new Map<number, string>();
  for (const [s, c] of matchObjectGraphs(saved, ckpt)) {
    if (!saved.nodes[s].variable) continue;
    const attrs = ckpt.nodes[c].attributes ?? [];
    const a = attrs.find((x) => x.name === 'VARIABLE_VALUE') ?? (attrs.length === 1 ? attrs[0] : undefined);
    if (a?.checkpointKey) keys.set(s, a.checkpointKey);
  }
  return keys;
}
