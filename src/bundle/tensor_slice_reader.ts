/**
 * Reads V1 "TensorSlice" checkpoints (`tf.train.Saver(write_version=V1)`, TF ≤ 1.x): the same
 * table format as a bundle index, but the data lives in the table itself.
 *
 * - key "" → SavedTensorSlices { meta: for each tensor its name, shape, dtype and slices }
 * - key ordered-code(name, slice) (see tensor_slice.ts) → SavedTensorSlices { data: the slice's
 *   values as a TensorProto, in its typed repeated field }
 *
 * A sharded V1 checkpoint is several such files, `P-00000-of-00002` …; `open(P)` takes either
 * one file or the shards of prefix P.
 */
import { SavedModelError } from '../errors.js';
import type { FileSystem } from '../io/filesystem.js';
import { resolveFileSystem } from '../io/default.js';
import { basename, dirname, joinPath } from '../io/path.js';
import { tensorflow } from '../proto/index.js';
import { loadCrc32c } from './crc32c.js';
import { type DType, dtypeFromEnum, dtypeInfo } from './dtypes.js';
import { type HostTensor, numElements } from './host_tensor.js';
import { Table } from './table/table.js';
import { type SliceExtent, copySliceInto, encodeTensorNameSlice, sliceShape } from './tensor_slice.js';
import { hostTensorFromProto } from './tensor_proto.js';
import type { CheckpointVariable } from './list_variables.js';

interface SliceSource {
  table: Table;
  extents: SliceExtent[];
}

interface TensorMeta {
  dtype: DType;
  shape: number[];
  slices: SliceSource[];
}

const utf8 = new TextEncoder();

function extentsOf(s: tensorflow.TensorSliceProto.$Properties, what: string): SliceExtent[] {
  return (s.extent ?? []).map((x) => {
    const start = Number(x.start ?? 0);
    const length = x.length === null || x.length === undefined ? undefined : Number(x.length);
    if (!Number.isSafeInteger(start) || start < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
      throw new SavedModelError('DATA_LOSS', `${what}: invalid slice extent`);
    }
    return length === undefined ? { start } : { start, length };
  });
}

function decodeSlices(bytes: Uint8Array, what: string): tensorflow.SavedTensorSlices {
  try {
    return tensorflow.SavedTensorSlices.decode(bytes);
  } catch (e) {
    throw new SavedModelError('DATA_LOSS', `${what} is not parseable: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads a V1 TensorSlice checkpoint; open with `TensorSliceReader.open(path)`. */
export class TensorSliceReader {
  private constructor(
    readonly path: string,
    private readonly tensors: Map<string, TensorMeta>,
  ) {}

  /** The files of V1 checkpoint `path`: the file itself, or its shards `path-K-of-N`. */
  private static async files(fs: FileSystem, path: string): Promise<string[]> {
    if ((await fs.exists(path)) && !(await fs.isDirectory(path))) return [path];
    const dir = dirname(path);
    const base = basename(path);
    const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{5})-of-(\\d{5})$`);
    const names = (await fs.exists(dir || '.')) ? (await fs.list(dir || '.')).filter((n) => pattern.test(n)) : [];
    if (names.length === 0) throw new SavedModelError('NOT_FOUND', `no V1 checkpoint at ${path}: neither the file nor shards ${base}-?????-of-????? exist`);
    const total = Number(pattern.exec(names[0])![2]);
    if (names.length !== total) throw new SavedModelError('DATA_LOSS', `V1 checkpoint ${path}: found ${names.length} of its ${total} shards`);
    return names.map((n) => joinPath(dir, n));
  }

  /** Opens the V1 checkpoint at `path` (a file, or the prefix of its shards). */
  static async open(path: string, options: { fs?: FileSystem } = {}): Promise<TensorSliceReader> {
    const fs = await resolveFileSystem(options.fs, path);
    await loadCrc32c();
    const tensors = new Map<string, TensorMeta>();
    for (const file of await TensorSliceReader.files(fs, path)) {
      const table = await Table.open(fs, file);
      const header = await table.get(new Uint8Array(0));
      if (header === null) throw new SavedModelError('DATA_LOSS', `${file}: no metadata record (empty key) in the V1 checkpoint`);
      const meta = decodeSlices(header, `metadata of ${file}`).meta;
      for (const t of meta?.tensor ?? []) {
        const what = `tensor '${t.name}' in ${file}`;
        const dtype = dtypeFromEnum(t.type ?? 0);
        const shape = (t.shape?.dim ?? []).map((d) => Number(d.size ?? 0));
        const known = tensors.get(t.name ?? '');
        if (known && (known.dtype !== dtype || known.shape.join() !== shape.join())) {
          throw new SavedModelError('DATA_LOSS', `${what}: shards disagree on its dtype or shape`);
        }
        const entry = known ?? { dtype, shape, slices: [] };
        for (const s of t.slice ?? []) entry.slices.push({ table, extents: extentsOf(s, what) });
        tensors.set(t.name ?? '', entry);
      }
    }
    return new TensorSliceReader(path, new Map([...tensors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  }

  /** Tensor names, sorted. */
  keys(): string[] {
    return [...this.tensors.keys()];
  }

  /** Name, shape and dtype of every tensor (like tf.train.list_variables). */
  variables(): CheckpointVariable[] {
    return this.keys().map((name) => ({ name, shape: [...this.tensors.get(name)!.shape], dtype: this.tensors.get(name)!.dtype }));
  }

  /** Reads tensor `name`, assembling it from its slices. */
  async read(name: string): Promise<HostTensor> {
    const meta = this.tensors.get(name);
    if (!meta) throw new SavedModelError('NOT_FOUND', `key '${name}' not found in checkpoint ${this.path}`);
    const info = dtypeInfo(meta.dtype);
    const n = numElements(meta.shape);
    const data = info.array ? new info.array(n * info.slotsPerElement) : new Array<Uint8Array>(n).fill(new Uint8Array(0));
    let covered = 0;
    for (const { table, extents } of meta.slices) {
      const what = `slice of '${name}' in ${table.path}`;
      const shape = sliceShape(meta.shape, extents, what);
      const record = await table.get(encodeTensorNameSlice(utf8.encode(name), extents));
      if (record === null) throw new SavedModelError('DATA_LOSS', `${what}: listed in the metadata but not stored`);
      const saved = decodeSlices(record, what).data;
      if (!saved?.data) throw new SavedModelError('DATA_LOSS', `${what}: record holds no values`);
      const part = hostTensorFromProto(saved.data, what, meta.dtype, shape);
      copySliceInto(data, meta.shape, extents, part.data as typeof data, info.slotsPerElement);
      covered += numElements(shape);
    }
    if (covered !== n) throw new SavedModelError('DATA_LOSS', `'${name}': its ${meta.slices.length} slices cover ${covered} of ${n} elements`);
    return { dtype: meta.dtype, shape: [...meta.shape], data };
  }
}
