/**
 * Re-exporting a loaded model (`saveModel(await loadModel(d), d2)`), TF-written or ours: the
 * MetaGraphDefs are written again as loaded (every function, signature and object of the
 * original, whatever ops it uses), the checkpoint is rewritten with the current value of every
 * restored variable (values still equal to the checkpoint's are copied exactly, so int64 and
 * float64 variables survive the tfjs float32/int32 carriers) and every other checkpoint entry
 * (tables, optimizer slots …) as it was, assets are copied, and fingerprint.pb is recomputed.
 */
import { BundleReader } from '../bundle/bundle_reader.js';
import { BundleWriter } from '../bundle/bundle_writer.js';
import type { HostTensor } from '../bundle/host_tensor.js';
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/filesystem.js';
import { joinPath } from '../io/path.js';
import { tensorflow } from '../proto/index.js';
import { printTextProto, TF_TEXT_STYLES } from '../textformat/index.js';
import { hostTensorOf } from '../trace/host.js';
import { tfjsDtype } from '../runtime/dtypes.js';
import { halfToFloat } from '../runtime/tensor_proto.js';
import type { TfDType } from '../graph/dtypes.js';
import { encodeCanonical } from './canonical.js';
import {
  ASSETS_DIRECTORY, FINGERPRINT_FILENAME, SAVED_MODEL_FILENAME_PB, SAVED_MODEL_FILENAME_PBTXT, VARIABLES_DIRECTORY, VARIABLES_FILENAME,
} from './constants.js';
import { computeFingerprint, fingerprintMessage } from './fingerprint.js';
import { ProgressCounter, type ProgressCallback } from './progress.js';
import { readSavedModel } from './reader.js';
import { RestoredVariable } from './restored_variable.js';
import { OBJECT_GRAPH_PROTO_KEY } from './writer_saver.js';

/** The parts of a LoadedModel re-export needs. */
export interface LoadedModelLike {
  readonly metaGraph: tensorflow.MetaGraphDef;
  readonly exportDir: string;
  readonly [attribute: string]: unknown;
}

/** True for what loadModel returns. */
export function isLoadedModel(x: unknown): x is LoadedModelLike {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return typeof m.exportDir === 'string' && typeof m.metaGraph === 'object' && m.metaGraph !== null && typeof m.signatures === 'object';
}

/** Live objects of the loaded model by object graph node id (following children from the root). */
function liveObjects(model: LoadedModelLike): Map<number, unknown> {
  const og = model.metaGraph.objectGraphDef;
  const out = new Map<number, unknown>([[0, model]]);
  if (!og) return out;
  const queue = [0];
  while (queue.length) {
    const id = queue.shift()!;
    const obj = out.get(id);
    for (const c of og.nodes?.[id]?.children ?? []) {
      const child = c.nodeId ?? 0;
      if (out.has(child) || (id === 0 && c.localName === 'signatures')) continue;
      const value = obj !== null && (typeof obj === 'object' || typeof obj === 'function') ? (obj as Record<string, unknown>)[c.localName ?? ''] : undefined;
      if (value === undefined) continue;
      out.set(child, value);
      queue.push(child);
    }
  }
  return out;
}

/** Checkpoint key → node id of the variable it stores (from the checkpoint's object graph). */
function variableKeys(trackable: tensorflow.TrackableObjectGraph | null): Map<string, number> {
  const out = new Map<string, number>();
  trackable?.nodes.forEach((n, id) => {
    for (const a of n.attributes ?? []) if (a.name === 'VARIABLE_VALUE' && a.checkpointKey) out.set(a.checkpointKey, id);
  });
  return out;
}

/** The values of a host tensor as tfjs carries them (floats rounded to float32, strings as bytes). */
function carried(h: HostTensor): ArrayLike<number> | Uint8Array[] {
  if (h.dtype === 'string') return h.data as Uint8Array[];
  const src = h.data as ArrayLike<number | bigint>;
  if (h.dtype === 'float16') return Float32Array.from(src as ArrayLike<number>, halfToFloat);
  if (h.dtype === 'bfloat16') return new Float32Array(Uint32Array.from(src as ArrayLike<number>, (b) => b << 16).buffer);
  const carrier = tfjsDtype(h.dtype as TfDType);
  return carrier === 'float32' || carrier === 'complex64' ? Float32Array.from(src as ArrayLike<number>, Number) : Array.from(src, Number);
}

function sameValues(a: ArrayLike<number> | Uint8Array[], b: ArrayLike<number | Uint8Array | string>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x instanceof Uint8Array) {
      const yb = typeof y === 'string' ? new TextEncoder().encode(y) : (y as Uint8Array);
      if (x.length !== yb.length || x.some((v, j) => v !== yb[j])) return false;
    } else if (!Object.is(x, y) && !(Number.isNaN(x) && Number.isNaN(y as number))) return false;
  }
  return true;
}

/** The variable's current value: the checkpoint's exact value while unchanged, else its tfjs value. */
async function currentValue(v: RestoredVariable, original: HostTensor): Promise<HostTensor> {
  if (!v.initialized) return original;
  const t = v.value();
  try {
    const now = t.dtype === 'string' ? ((await t.bytes()) as Uint8Array[]) : ((await t.data()) as ArrayLike<number>);
    const same = t.shape.join() === original.shape.join() && sameValues(carried(original), now);
    return same ? original : await hostTensorOf(t, v.dtype, `variable '${v.name}'`);
  } finally {
    t.dispose();
  }
}

async function copyTree(fs: FileSystem, from: string, to: string): Promise<void> {
  if (!(await fs.exists(from))) return;
  await fs.mkdir(to);
  for (const name of await fs.list(from)) {
    const src = joinPath(from, name);
    if (await fs.isDirectory(src)) await copyTree(fs, src, joinPath(to, name));
    else await fs.writeFile(joinPath(to, name), await fs.readFile(src));
  }
}

/** Writes the re-export of `model` into `dir` (the caller makes it atomic). */
export async function writeReexport(fs: FileSystem, model: LoadedModelLike, dir: string, asText: boolean, onProgress?: ProgressCallback): Promise<void> {
  const src = model.exportDir;
  const saved = await readSavedModel(src, { fs });
  const prefix = joinPath(src, VARIABLES_DIRECTORY, VARIABLES_FILENAME);
  let indexBytes: Uint8Array | undefined;
  if (await fs.exists(`${prefix}.index`)) {
    const reader = await BundleReader.open(prefix, { fs });
    const trackable = reader.keys().includes(OBJECT_GRAPH_PROTO_KEY)
      ? tensorflow.TrackableObjectGraph.decode(((await reader.read(OBJECT_GRAPH_PROTO_KEY)).data as Uint8Array[])[0])
      : null;
    const owners = variableKeys(trackable);
    const live = liveObjects(model);
    const keys = reader.keys();
    const counter = new ProgressCounter('save', keys.reduce((n, k) => n + reader.entry(k).size, 0), keys.length, onProgress);
    await fs.mkdir(joinPath(dir, VARIABLES_DIRECTORY));
    const out = joinPath(dir, VARIABLES_DIRECTORY, VARIABLES_FILENAME);
    const writer = await BundleWriter.create(out, { fs });
    for (const key of keys) {
      let value = await reader.read(key);
      const owner = owners.get(key);
      const obj = owner === undefined ? undefined : live.get(owner);
      if (obj instanceof RestoredVariable) value = await currentValue(obj, value);
      await writer.add(key, value);
      counter.step(reader.entry(key).size);
    }
    await writer.finish();
    indexBytes = await fs.readFile(`${out}.index`);
  }
  await copyTree(fs, joinPath(src, ASSETS_DIRECTORY), joinPath(dir, ASSETS_DIRECTORY));
  const message = saved as unknown as Record<string, unknown>;
  const bytes = encodeCanonical('tensorflow.SavedModel', message);
  if (asText) {
    await fs.writeFile(joinPath(dir, SAVED_MODEL_FILENAME_PBTXT), printTextProto('tensorflow.SavedModel', tensorflow.SavedModel.decode(bytes), TF_TEXT_STYLES.savedModelPbtxt));
    return;
  }
  await fs.writeFile(joinPath(dir, SAVED_MODEL_FILENAME_PB), bytes);
  if (!((message.metaGraphs as unknown[] | undefined)?.length)) throw new SavedModelError('DATA_LOSS', `${src}: no meta graph to re-export`);
  const fp = computeFingerprint(message, bytes, indexBytes);
  await fs.writeFile(joinPath(dir, FINGERPRINT_FILENAME), tensorflow.FingerprintDef.encode(fingerprintMessage(fp) as never).finish());
}
