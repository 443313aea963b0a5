/**
 * `saved-model-cli run`: loads a SavedModel with `loadModel`, feeds one signature from
 * `--inputs` / `--input_exprs` / `--input_examples`, and prints each output as TensorFlow's
 * saved_model_cli does (`Result for output key y:` and numpy's array text), or saves them as
 * .npy files under `--outdir`. A progress bar goes to stderr while large checkpoints load.
 */
import * as tf from '@tensorflow/tfjs-core';
import { join as joinPath } from 'node:path';
import { SavedModelError, loadModel, resolveFileSystem, type FileSystem, type Progress, type TensorInfo } from '../index.js';
import { parseFlags } from './args.js';
import type { CliIO } from './cli.js';
import type { NdArray, NpDtype } from './ndarray.js';
import { writeNpy } from './npy.js';
import { formatNumpy } from './numpy_format.js';
import { collectInputs } from './run_inputs.js';

/** Usage text of the run command. */
export const RUN_USAGE =
  'usage: saved-model-cli run --dir DIR --tag_set TAGS --signature_def KEY [--inputs KEY=FILE[NAME];…] [--input_exprs KEY=EXPR;…] [--input_examples KEY=[{…}];…] [--outdir DIR] [--overwrite]';

/** Checkpoints at least this large get a progress bar. */
const PROGRESS_MIN_BYTES = 16 << 20;

const NP_OF_TF: Readonly<Record<string, NpDtype>> = {
  float32: 'float32', float64: 'float64', float16: 'float16', bfloat16: 'float32', int8: 'int8', int16: 'int16', int32: 'int32',
  int64: 'int64', uint8: 'uint8', uint16: 'uint16', uint32: 'uint32', uint64: 'uint64', bool: 'bool', string: 'bytes',
  qint8: 'int8', quint8: 'uint8', qint16: 'int16', quint16: 'uint16', qint32: 'int32',
};

/** The tensor an array becomes for a signature input (cast to the input's dtype, as a feed_dict does). */
function toTensor(a: NdArray, info: TensorInfo, key: string): tf.Tensor {
  const shape = [...a.shape];
  if (info.dtype === 'string') {
    if (a.dtype !== 'bytes' && a.dtype !== 'str') throw new SavedModelError('INVALID_ARGUMENT', `input ${key} expects strings, got a ${a.dtype} array`);
    const enc = new TextEncoder();
    return tf.tensor(Array.from(a.data as ArrayLike<Uint8Array | string>, (s) => (typeof s === 'string' ? enc.encode(s) : s)), shape, 'string');
  }
  if (a.dtype === 'bytes' || a.dtype === 'str') throw new SavedModelError('INVALID_ARGUMENT', `input ${key} expects ${info.dtype}, got a ${a.dtype} array`);
  const nums = Array.from(a.data as ArrayLike<number | bigint | boolean>, Number);
  if (info.dtype === 'bool') return tf.tensor(Uint8Array.from(nums, (x) => (x ? 1 : 0)), shape, 'bool');
  if (info.dtype.startsWith('float') || info.dtype === 'bfloat16') return tf.tensor(Float32Array.from(nums), shape, 'float32');
  if (nums.some((x) => !Number.isInteger(x) || x < -2147483648 || x > 2147483647)) {
    throw new SavedModelError('INVALID_ARGUMENT', `input ${key} expects ${info.dtype}; the ${a.dtype} values given are not all int32-sized integers`);
  }
  return tf.tensor(Int32Array.from(nums), shape, 'int32');
}

/** An output tensor as the numpy array TensorFlow's session would have returned. */
async function toNdArray(t: tf.Tensor, info: TensorInfo, key: string): Promise<NdArray> {
  const dtype = NP_OF_TF[info.dtype];
  if (!dtype || t.dtype === 'complex64') throw new SavedModelError('UNIMPLEMENTED', `output ${key}: printing ${info.dtype} results is not supported`);
  if (t.dtype === 'string') return { dtype: 'bytes', shape: t.shape, data: (await t.bytes()) as Uint8Array[] };
  const data = await t.data();
  return { dtype: dtype === 'float16' ? 'float32' : dtype, shape: t.shape, data: t.dtype === 'bool' ? Array.from(data as Uint8Array, Boolean) : data as ArrayLike<number> };
}

/** A stderr progress bar for big checkpoints (one update per percent; nothing under PROGRESS_MIN_BYTES). */
export function progressBar(io: CliIO): (p: Progress) => void {
  let last = -1;
  return (p) => {
    if (p.bytesTotal < PROGRESS_MIN_BYTES) return;
    const pct = Math.floor((100 * p.bytesDone) / p.bytesTotal);
    if (pct === last) return;
    last = pct;
    const filled = Math.round(pct / 5);
    const mb = (b: number): string => (b / 2 ** 20).toFixed(1);
    io.err(`\rRestoring variables [${'#'.repeat(filled)}${' '.repeat(20 - filled)}] ${String(pct).padStart(3)}% (${mb(p.bytesDone)} / ${mb(p.bytesTotal)} MiB)${pct === 100 ? '\n' : ''}`);
  };
}

async function writeOutputs(fs: FileSystem, outdir: string, outputs: [string, NdArray][], overwrite: boolean): Promise<string[]> {
  await fs.mkdir(outdir);
  const lines: string[] = [];
  for (const [key, a] of outputs) {
    const path = joinPath(outdir, `${key}.npy`);
    if (!overwrite && (await fs.exists(path))) {
      throw new SavedModelError('FAILED_PRECONDITION', `Output file ${path} already exists. Add "--overwrite" to overwrite the existing output files.`);
    }
    await fs.writeFile(path, writeNpy(a));
    lines.push(`Output ${key} is saved to ${path}`);
  }
  return lines;
}

/** Runs `run` with its flags; returns the text for stdout (warnings and progress go to `io.err`). */
export async function runRun(argv: readonly string[], io: CliIO, opts: { fs?: FileSystem } = {}): Promise<string> {
  const flags = parseFlags('run', argv, {
    values: ['dir', 'tag_set', 'signature_def', 'inputs', 'input_exprs', 'input_examples', 'outdir'],
    switches: ['overwrite'],
  });
  const get = (k: string): string | undefined => flags.values.get(k);
  for (const required of ['dir', 'tag_set', 'signature_def']) {
    if (!get(required)) throw new SavedModelError('INVALID_ARGUMENT', `run: --${required} is required (${RUN_USAGE})`);
  }
  const fs = await resolveFileSystem(opts.fs);
  const tags = get('tag_set')!.split(',').map((t) => t.trim()).filter(Boolean);
  const model = await loadModel(get('dir')!, { tags, fs, onProgress: progressBar(io) });
  try {
    const sig = model.signature(get('signature_def')!);
    const given = await collectInputs(fs, { inputs: get('inputs'), exprs: get('input_exprs'), examples: get('input_examples') });
    for (const w of given.warnings) io.err(`WARNING: ${w}\n`);
    if (given.values.size === 0 && Object.keys(sig.inputs).length > 0) {
      throw new SavedModelError('INVALID_ARGUMENT', 'At least one of --inputs, --input_exprs or --input_examples must be required');
    }
    const names = Object.keys(sig.inputs);
    const feeds: Record<string, tf.Tensor> = {};
    try {
      for (const [key, a] of given.values) {
        if (!sig.inputs[key]) {
          throw new SavedModelError('INVALID_ARGUMENT', `"${key}" is not a valid input key. Please choose from "${names.join('", "')}", or use --show option.`);
        }
        feeds[key] = toTensor(a, sig.inputs[key], key);
      }
      const out = sig(feeds);
      try {
        const keys = Object.keys(out).sort();
        const arrays: [string, NdArray][] = [];
        for (const k of keys) arrays.push([k, await toNdArray(out[k], sig.outputs[k], k)]);
        const outdir = get('outdir');
        if (outdir) return (await writeOutputs(fs, outdir, arrays, flags.switches.has('overwrite'))).map((l) => l + '\n').join('');
        return arrays.map(([k, a]) => `Result for output key ${k}:\n${formatNumpy(a)}\n`).join('');
      } finally {
        tf.dispose(Object.values(out));
      }
    } finally {
      tf.dispose(Object.values(feeds));
    }
  } finally {
    model.dispose();
  }
}
