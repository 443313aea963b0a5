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
import type { StagedBytes } from '../bundle/chunked_io.js';
import { SavedModelError } from '../errors.js';
import { tensorBytesView } from '../runtime/tensor_memory.js';
import type { Variable } from '../trace/variable.js';

/**
 * The bytes of a float32/int32/bool variable, copied out of WASM tensor memory piece by piece
 * while they are written (tfjs's `data()` would copy the whole tensor into JS first), or null
 * where the variable's value is not stored as tfjs holds it (other dtypes, other backends).
 */
function stagedBytes(v: Variable): StagedBytes | null {
  const t = v.value();
  if (t.dtype !== v.dtype) return null; // only float32, int32 and bool are stored as tfjs holds them
  const first = tensorBytesView(t);
  if (!first) return null;
  return {
    byteLength: first.byteLength,
    copy: (from, into) => {
      // A fresh view each time: WASM memory may have grown (detaching old views) meanwhile.
      const view = tensorBytesView(t);
      if (!view) throw new SavedModelError('FAILED_PRECONDITION', `variable '${v.name}' was disposed while it was being saved`);
      into.set(view.subarray(from, from + into.byteLength));
    },
  };
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
  for (const { variable, key } of variables) {
    const staged = stagedBytes(variable);
    if (staged) await writer.addStaged(key, variable.dtype, variable.shape, staged);
    else await writer.add(key, await variable.read());
    counter.step(bytes(variable));
  }
  await writer.add(OBJECT_GRAPH_PROTO_KEY, { dtype: 'string', shape: [], data: [objectGraphProto] });
  await writer.finish();
  return `${prefix}.index`;
}
