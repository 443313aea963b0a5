/**
 * Kernels: string splitting, n-grams, hashing, regex rewriting and case mapping (definitions:
 * src/graph/ops/text.ts). Strings are byte strings; ops that need characters decode UTF-8.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostStrings } from './host.js';
import { re2Rewrite, re2ToRegExp } from './regex.js';
import { textFormatKernels } from './text_format.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Byte strings → byte strings, element-wise, same shape. */
function mapStrings(x: tf.Tensor, f: (b: Uint8Array) => Uint8Array): tf.Tensor {
  return tf.tensor(hostStrings(x).map(f), x.shape, 'string');
}

function regexReplace(x: tf.Tensor, pattern: string, rewrite: string, ctx: KernelContext): tf.Tensor {
  let re: RegExp;
  let replace: (m: string, ...g: unknown[]) => string;
  try {
    re = re2ToRegExp(pattern, ctx.bool('replace_global'));
    replace = re2Rewrite(rewrite);
    const groups = (new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('') ?? []).length - 1;
    const refs = [...rewrite.matchAll(/\\(\d)/g)].map((m) => Number(m[1]));
    if (refs.some((r) => r > groups)) throw new Error(`rewrite '${rewrite}' refers to a group the pattern (${groups} groups) lacks`);
  } catch (e) {
    throw ctx.error('INVALID_ARGUMENT', `pattern '${pattern}' / rewrite '${rewrite}': ${(e as Error).message}`);
  }
  return mapStrings(x, (b) => encoder.encode(decoder.decode(b).replace(re, replace)));
}

const ASCII_SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** Split results as TF's sparse triple: indices [n, 2], values [n], shape [rows, max tokens]. */
function sparseTokens(rows: Uint8Array[][]): tf.Tensor[] {
  const idx: number[] = [];
  const vals: Uint8Array[] = [];
  let width = 0;
  rows.forEach((tokens, r) => {
    tokens.forEach((t, c) => {
      idx.push(r, c);
      vals.push(t);
    });
    width = Math.max(width, tokens.length);
  });
  return [tf.tensor2d(idx, [vals.length, 2], 'int32'), tf.tensor(vals, [vals.length], 'string'), tf.tensor1d([rows.length, width], 'int32')];
}

/**
 * TF's whitespace split (empty `sep`): skip ASCII whitespace, take a token, repeat; once `max`
 * splits were made (max ≥ 0) the rest after the skipped whitespace is the last token, even empty.
 */
function splitWhitespace(b: Uint8Array, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  for (;;) {
    while (i < b.length && ASCII_SPACE.has(b[i])) i++;
    if (max >= 0 && out.length === max) {
      out.push(b.subarray(i));
      return out;
    }
    if (i === b.length) return out;
    const start = i;
    while (i < b.length && !ASCII_SPACE.has(b[i])) i++;
    out.push(b.subarray(start, i));
  }
}

/** Split on an exact byte separator, keeping empty tokens, at most `max` splits. */
function splitSep(b: Uint8Array, sep: Uint8Array, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i + sep.length <= b.length;) {
    if ((max < 0 || out.length < max) && sep.every((s, k) => b[i + k] === s)) {
      out.push(b.subarray(start, i));
      i += sep.length;
      start = i;
    } else {
      i++;
    }
  }
  out.push(b.subarray(start));
  return out;
}

function stringSplitV2([x, sepT]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  if (x.rank !== 1 || sepT.rank !== 0) throw ctx.error('INVALID_ARGUMENT', `input must be a vector and sep a scalar, found [${x.shape}] and [${sepT.shape}]`);
  const sep = hostStrings(sepT)[0];
  const max = ctx.int('maxsplit');
  return sparseTokens(hostStrings(x).map((b) => (sep.length === 0 ? splitWhitespace(b, max) : splitSep(b, sep, max))));
}

function stringSplit([x, delimT]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  if (x.rank !== 1 || delimT.rank !== 0) throw ctx.error('INVALID_ARGUMENT', `input must be a vector and delimiter a scalar, found [${x.shape}] and [${delimT.shape}]`);
  const r = tf.string.stringSplit(x as tf.Tensor1D, delimT as tf.Scalar, ctx.bool('skip_empty'));
  return [r.indices, r.values, r.shape];
}

function stringNGrams([data, splits]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const r = tf.string.stringNGrams(data as tf.Tensor1D, splits, ctx.str('separator'), ctx.ints('ngram_widths'), ctx.str('left_pad'),
    ctx.str('right_pad'), ctx.int('pad_width'), ctx.bool('preserve_short_sequences'));
  return [r.nGrams, r.nGramsSplits];
}

/** ASCII-only case mapping (encoding ''), or Unicode case mapping of UTF-8 text (encoding 'utf-8'). */
function caseMap(upper: boolean) {
  return ([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor => {
    const enc = ctx.str('encoding').toLowerCase();
    if (enc !== '' && enc !== 'utf-8' && enc !== 'utf8') throw ctx.error('INVALID_ARGUMENT', `unsupported encoding '${ctx.str('encoding')}'`);
    if (enc) return mapStrings(x, (b) => encoder.encode(upper ? decoder.decode(b).toUpperCase() : decoder.decode(b).toLowerCase()));
    const [lo, hi, delta] = upper ? [0x61, 0x7a, -32] : [0x41, 0x5a, 32];
    return mapStrings(x, (b) => b.map((c) => (c >= lo && c <= hi ? c + delta : c)));
  };
}

function strip(b: Uint8Array): Uint8Array {
  let s = 0;
  let e = b.length;
  while (s < e && ASCII_SPACE.has(b[s])) s++;
  while (e > s && ASCII_SPACE.has(b[e - 1])) e--;
  return b.slice(s, e);
}

function stringLength([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const chars = ctx.str('unit') === 'UTF8_CHAR';
  const lens = hostStrings(x).map((b) => (chars ? b.reduce((n, c) => n + ((c & 0xc0) !== 0x80 ? 1 : 0), 0) : b.length));
  return tf.tensor(lens, x.shape, 'int32');
}

export const textKernels: KernelTable = {
  StaticRegexReplace: ([x], ctx) => regexReplace(x, ctx.str('pattern'), ctx.str('rewrite'), ctx),
  RegexReplace: ([x, p, r], ctx) => regexReplace(x, decoder.decode(hostStrings(p)[0]), decoder.decode(hostStrings(r)[0]), ctx),
  StringSplit: stringSplit,
  StringSplitV2: stringSplitV2,
  StringNGrams: stringNGrams,
  StringToHashBucketFast: ([x], ctx) => tf.string.stringToHashBucketFast(x, ctx.int('num_buckets')),
  StringLower: caseMap(false),
  StringUpper: caseMap(true),
  StringStrip: ([x]) => mapStrings(x, strip),
  StringLength: stringLength,
  ...textFormatKernels,
};
