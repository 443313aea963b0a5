/**
 * `HashTable`: the resource behind TF's lookup-table ops. Keys are strings (byte strings, kept
 * exact) or numbers; values are numbers or byte strings. Lookups read the keys tensor on the host
 * and build the values tensor in one pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { Resource } from './resources.js';

type Key = string | number;
type Val = number | Uint8Array;

/** Host values of a tensor: byte strings as latin1 keys for string tensors. */
function hostKeys(t: tf.Tensor): Key[] {
  if (t.dtype === 'string') return (tf.engine().readSync(t.dataId) as unknown as Uint8Array[]).map((b) => Buffer.from(b).toString('latin1'));
  return Array.from(t.dataSync() as ArrayLike<number>);
}

function hostVals(t: tf.Tensor): Val[] {
  if (t.dtype === 'string') return tf.engine().readSync(t.dataId) as unknown as Uint8Array[];
  return Array.from(t.dataSync() as ArrayLike<number>);
}

/** A key → value table. */
export class HashTable implements Resource {
  private readonly map = new Map<Key, Val>();
  initialized = false;

  constructor(readonly name: string, readonly keyDtype: tf.DataType, readonly valueDtype: tf.DataType) {}

  get size(): number {
    return this.map.size;
  }

  /** Inserts keys/values (same length); later duplicates overwrite earlier ones. */
  insert(keys: tf.Tensor, values: tf.Tensor): void {
    const k = hostKeys(keys);
    const v = hostVals(values);
    if (k.length !== v.length) throw new SavedModelError('INVALID_ARGUMENT', `table '${this.name}': ${k.length} keys but ${v.length} values`);
    k.forEach((key, i) => this.map.set(key, v[i]));
    this.initialized = true;
  }

  /** Inserts host pairs (from a text file). */
  insertHost(keys: Key[], values: Val[]): void {
    keys.forEach((key, i) => this.map.set(key, values[i]));
    this.initialized = true;
  }

  /** Replaces the contents. */
  replace(keys: tf.Tensor, values: tf.Tensor): void {
    this.map.clear();
    this.insert(keys, values);
  }

  /** Values for `keys` (same shape), `dflt` where missing (a scalar, or one per key). */
  find(keys: tf.Tensor, dflt: tf.Tensor): tf.Tensor {
    if (!this.initialized) throw new SavedModelError('FAILED_PRECONDITION', `table '${this.name}' is not initialized (run its initializer first)`);
    const k = hostKeys(keys);
    const d = hostVals(dflt);
    if (d.length !== 1 && d.length !== k.length) {
      throw new SavedModelError('INVALID_ARGUMENT', `table '${this.name}': default_value must be a scalar or match the keys, got ${d.length} values for ${k.length} keys`);
    }
    const out = k.map((key, i) => this.map.get(key) ?? d[d.length === 1 ? 0 : i]);
    if (this.valueDtype === 'string') return tf.tensor(out as Uint8Array[], keys.shape, 'string');
    return tf.tensor(out as number[], keys.shape, this.valueDtype);
  }

  /** All keys and values as tensors (LookupTableExport). */
  export(keyDtype: tf.DataType): [tf.Tensor, tf.Tensor] {
    const keys = [...this.map.keys()];
    const vals = [...this.map.values()];
    const kt = keyDtype === 'string' ? tf.tensor(keys.map((s) => Uint8Array.from(Buffer.from(String(s), 'latin1'))), [keys.length], 'string') : tf.tensor(keys as number[], [keys.length], keyDtype);
    const vt = this.valueDtype === 'string' ? tf.tensor(vals as Uint8Array[], [vals.length], 'string') : tf.tensor(vals as number[], [vals.length], this.valueDtype);
    return [kt, vt];
  }

  dispose(): void {
    this.map.clear();
  }
}

/** Parses a vocabulary text file the way InitializeTableFromTextFile does. */
export function parseTextTable(
  bytes: Uint8Array, keyIndex: number, valueIndex: number, delimiter: string, vocabSize: number, offset: number,
  keyIsString: boolean, valueIsString: boolean, what: string,
): { keys: Key[]; values: Val[] } {
  const text = Buffer.from(bytes).toString('latin1');
  let lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (vocabSize >= 0) {
    if (lines.length < vocabSize) throw new SavedModelError('INVALID_ARGUMENT', `${what}: vocab_size ${vocabSize} but the file has ${lines.length} lines`);
    lines = lines.slice(0, vocabSize);
  }
  // TF's TextFileIndex: WHOLE_LINE = -2, LINE_NUMBER = -1, else a column.
  const field = (line: string, lineNo: number, index: number, asString: boolean): Key | Val => {
    if (index === -1) return lineNo + offset;
    const s = index === -2 ? line : line.split(delimiter)[index];
    if (s === undefined) throw new SavedModelError('INVALID_ARGUMENT', `${what}: line ${lineNo + 1} has no column ${index}`);
    if (asString) return s;
    const n = Number(s);
    if (!Number.isFinite(n)) throw new SavedModelError('INVALID_ARGUMENT', `${what}: line ${lineNo + 1}: '${s}' is not a number`);
    return n;
  };
  const keys = lines.map((l, i) => field(l, i, keyIndex, keyIsString) as Key);
  const values = lines.map((l, i) => {
    const v = field(l, i, valueIndex, valueIsString);
    return typeof v === 'string' ? Uint8Array.from(Buffer.from(v, 'latin1')) : v;
  });
  return { keys, values };
}
