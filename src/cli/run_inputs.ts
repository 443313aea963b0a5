/**
 * The three input flags of `saved-model-cli run`, parsed as TensorFlow's saved_model_cli parses
 * them (`;`-separated `key=value` items): `--inputs` (.npy / .npz[name] files), `--input_exprs`
 * (Python expressions) and `--input_examples` (lists of dicts turned into serialized
 * tf.Example protos). Later flags override earlier ones for the same key, with a warning.
 */
import Long from 'long';
import { SavedModelError, tensorflow, type FileSystem } from '../index.js';
import type { NdArray } from './ndarray.js';
import { readNpy } from './npy.js';
import { readNpz } from './npz.js';
import { parsePython, toNdArray, type PyValue } from './pyliteral.js';

/** The arrays to feed, by input key, and warnings to print. */
export interface RunInputs {
  readonly values: Map<string, NdArray>;
  readonly warnings: string[];
}

/** Parses `--inputs`: `key=file` or `key=file[name]` items. */
export function parseInputsArg(arg: string): Map<string, { file: string; name?: string }> {
  const out = new Map<string, { file: string; name?: string }>();
  for (const item of arg.split(';').filter(Boolean)) {
    const withName = /^([^=]+)=([^[\]]+)\[([^[\]]+)\]$/.exec(item);
    const plain = /^([^=]+)=([^[\]]+)$/.exec(item);
    if (withName) out.set(withName[1], { file: withName[2], name: withName[3] });
    else if (plain) out.set(plain[1], { file: plain[2] });
    else throw new SavedModelError('INVALID_ARGUMENT', `--inputs "${item}" format is incorrect. Please follow "<input_key>=<filename>", or "<input_key>=<filename>[<variable_name>]"`);
  }
  return out;
}

/** Parses `--input_exprs` (or `--input_examples`): `key=<python expression>` items. */
export function parseExprsArg(arg: string, flag = '--input_exprs'): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  for (const item of arg.split(';').filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new SavedModelError('INVALID_ARGUMENT', `${flag} "${item}" format is incorrect. Please follow "<input_key>=<python expression>"`);
    out.set(item.slice(0, eq).trim(), parsePython(item.slice(eq + 1)));
  }
  return out;
}

/** One serialized tf.Example from a dict of feature lists (floats, ints, str or bytes), as saved_model_cli builds it. */
export function exampleFromDict(d: PyValue): Uint8Array {
  if (d.t !== 'dict') throw new SavedModelError('INVALID_ARGUMENT', `tf.Example input must be a list of dictionaries, found a ${d.t}`);
  const feature: Record<string, tensorflow.Feature.$Properties> = {};
  for (const [k, v] of d.entries) {
    const name = k.t === 'str' ? k.v : '';
    if (v.t !== 'list') throw new SavedModelError('INVALID_ARGUMENT', `feature value must be a list, but ${name} is a ${v.t}`);
    const first = v.items[0];
    if (!first) throw new SavedModelError('INVALID_ARGUMENT', `feature ${name} is an empty list`);
    if (first.t === 'float') feature[name] = { floatList: { value: v.items.map((x) => Number((x as { v: number | bigint }).v)) } };
    else if (first.t === 'str' || first.t === 'bytes') {
      feature[name] = { bytesList: { value: v.items.map((x) => (x.t === 'bytes' ? x.v : new TextEncoder().encode((x as { v: string }).v))) } };
    } else if (first.t === 'int' || first.t === 'bool') {
      feature[name] = { int64List: { value: v.items.map((x) => Long.fromString(String(x.t === 'bool' ? Number(x.v) : (x as { v: bigint }).v))) } };
    } else throw new SavedModelError('INVALID_ARGUMENT', `Type ${first.t} for value of feature ${name} is not supported for tf.train.Feature`);
  }
  return tensorflow.Example.encode({ features: { feature } }).finish();
}

async function fromFile(fs: FileSystem, key: string, file: string, name: string | undefined, warnings: string[]): Promise<NdArray> {
  const bytes = await fs.readFile(file);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    if (name) warnings.push(`Input file ${file} contains a single ndarray. Name key "${name}" ignored.`);
    return readNpy(bytes, file);
  }
  const members = readNpz(bytes, file);
  let chosen = name;
  if (!chosen) {
    if (members.size !== 1) throw new SavedModelError('INVALID_ARGUMENT', `Input file ${file} contains more than one ndarrays. Please specify the name of ndarray to use.`);
    chosen = [...members.keys()][0];
  }
  const member = members.get(chosen);
  if (!member) throw new SavedModelError('NOT_FOUND', `Input file ${file} does not contain variable with name "${chosen}".`);
  return readNpy(member, `${file}[${chosen}] (for input ${key})`);
}

/** Reads and merges the three input flags. */
export async function collectInputs(fs: FileSystem, flags: { inputs?: string; exprs?: string; examples?: string }): Promise<RunInputs> {
  const values = new Map<string, NdArray>();
  const warnings: string[] = [];
  for (const [key, { file, name }] of parseInputsArg(flags.inputs ?? '')) values.set(key, await fromFile(fs, key, file, name, warnings));
  for (const [key, v] of parseExprsArg(flags.exprs ?? '')) {
    if (values.has(key)) warnings.push(`input_key ${key} has been specified with both --inputs and --input_exprs options. Value in --input_exprs will be used.`);
    values.set(key, toNdArray(v));
  }
  for (const [key, v] of parseExprsArg(flags.examples ?? '', '--input_examples')) {
    if (v.t !== 'list') throw new SavedModelError('INVALID_ARGUMENT', `tf.Example input must be a list of dictionaries, but "${key}" is a ${v.t}`);
    if (values.has(key)) warnings.push(`input_key ${key} has been specified in multiple options. Value in --input_examples will be used.`);
    const data = v.items.map(exampleFromDict);
    values.set(key, { dtype: 'bytes', shape: [data.length], data });
  }
  return { values, warnings };
}
