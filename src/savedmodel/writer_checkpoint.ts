/**
 * variables/: the TF2 checkpoint of a saved model — each variable's value under its object-path
 * key (`dense/kernel/.ATTRIBUTES/VARIABLE_VALUE`) plus the serialized TrackableObjectGraph under
 * `_CHECKPOINTABLE_OBJECT_GRAPH`, written with BundleWriter as TensorFlow's BundleWriter does.
 */
import { BundleWriter } from '../bundle/bundle_writer.js';
import type { FileSystem } from '../io/filesystem.js';
import { joinPath } from '../io/path.js';
import { VARIABLES_DIRECTORY, VARIABLES_FILENAME } from './constants.js';
import type { VariableToSave } from './writer_graph.js';
import { OBJECT_GRAPH_PROTO_KEY } from './writer_saver.js';
import { ProgressCounter, type ProgressCallback } from './progress.js';
import { dtypeInfo } from '../bundle/dtypes.js';
import type { HostTensor } from '../bundle/host_tensor.js';
import { tensorBytesView } from '../runtime/tensor_memory.js';
import type { Variable } from '../trace/variable.js';

/**
 * One reusable buffer that variables are copied into, one at a time, on their way from WASM
 * memory to the file: one copy per variable and no garbage (tfjs's `data()` copies twice and
 * leaves both copies to the garbage collector).
 */
class Staging {
  private buffer = new ArrayBuffer(0);

  /** The variable's value, staged here (valid until the next call), or null where it cannot be. */
  hostTensor(v: Variable): HostTensor | null {
    const t = v.value();
    if (t.dtype !== v.dtype) return null; // only float32, int32 and bool are stored as tfjs holds them
    const src = tensorBytesView(t);
    const info = dtypeInfo(v.dtype);
    if (!src || !info.array || !info.elementBytes) return null;
    if (this.buffer.byteLength < src.byteLength) this.buffer = new ArrayBuffer(src.byteLength);
    new Uint8Array(this.buffer, 0, src.byteLength).set(src);
    return { dtype: v.dtype, shape: [...v.shape], data: new info.array(this.buffer, 0, src.byteLength / info.elementBytes) };
  }
}

/** Writes `<dir>/variables/variables.{index,data-00000-of-00001}`; returns the index path. */
export async function writeCheckpoint(
  fs: FileSystem,
  dir: string,
  variables: readonly VariableToSave[],
  objectGraphProto: Uint8Array,
  onProgress?: ProgressCallback,
): Promise<string> {
  const prefix = joinPath(dir, VARIABLES_DIRECTORY, VARIABLES_FILENAME);
  await fs.mkdir(joinPath(dir, VARIABLES_DIRECTORY));
  const writer = await BundleWriter.create(prefix, { fs });
  const bytes = (v: VariableToSave['variable']): number => v.shape.reduce((a, b) => a * b, 1) * (dtypeInfo(v.dtype).elementBytes ?? 0);
  const counter = new ProgressCounter('save', variables.reduce((n, v) => n + bytes(v.variable), 0), variables.length, onProgress);
  const staging = new Staging();
  for (const { variable, key } of variables) {
    await writer.add(key, staging.hostTensor(variable) ?? (await variable.read()));
    counter.step(bytes(variable));
  }
  await writer.add(OBJECT_GRAPH_PROTO_KEY, { dtype: 'string', shape: [], data: [objectGraphProto] });
  await writer.finish();
  return `${prefix}.index`;
}
