/**
 * Kernels: turning values into text and printing it — StringFormat and PrintV2 (what `tf.print`
 * compiles to), AsString (C printf formats), Substr (definitions: src/graph/ops/text.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostStrings } from './host.js';
import { formatG, summarizeV2 } from './summary.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function stringFormat(inputs: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const parts = ctx.str('template').split(ctx.str('placeholder'));
  if (parts.length - 1 !== inputs.length) {
    throw ctx.error('INVALID_ARGUMENT', `the template has ${parts.length - 1} placeholders '${ctx.str('placeholder')}' for ${inputs.length} inputs`);
  }
  const n = ctx.int('summarize');
  const text = parts.map((p, i) => (i < inputs.length ? p + summarizeV2(inputs[i], n) : p)).join('');
  return tf.tensor([encoder.encode(text)], [], 'string');
}

function printV2([x]: tf.Tensor[], ctx: KernelContext): [] {
  if (x.size !== 1) throw ctx.error('INVALID_ARGUMENT', `input must be a scalar string, found shape [${x.shape}]`);
  const stream = ctx.str('output_stream');
  const end = ctx.has('end') ? ctx.str('end') : '\n';
  const text = decoder.decode(hostStrings(x)[0]) + (end.endsWith('\n') ? end.slice(0, -1) : end);
  if (stream === 'stdout' || stream === 'log(info)') console.log(text);
  else if (stream === 'stderr' || stream === 'log(error)') console.error(text);
  else if (stream === 'log(warning)') console.warn(text);
  else throw ctx.error('UNIMPLEMENTED', `output_stream '${stream}'`);
  return [];
}

interface PrintfSpec {
  flags: string;
  width: number;
  precision: number;
}

/** Pads a formatted number to the width per the printf flags ('-' left, '0' zeros after the sign). */
function pad(body: string, s: PrintfSpec): string {
  if (s.width < 0 || body.length >= s.width) return body;
  if (s.flags.includes('-')) return body.padEnd(s.width);
  if (s.flags.includes('0') && /^[+\- ]?[0-9]/.test(body)) {
    const sign = /^[+\- ]/.test(body) ? body[0] : '';
    return sign + body.slice(sign.length).padStart(s.width - sign.length, '0');
  }
  return body.padStart(s.width);
}

function signed(v: number, text: string, s: PrintfSpec): string {
  if (v < 0 || Object.is(v, -0) || text.startsWith('-')) return text;
  return (s.flags.includes('+') ? '+' : s.flags.includes(' ') ? ' ' : '') + text;
}

/** C printf `%{flags}{width}.{precision}{conv}` for one number; conv is d, f, e or g. */
export function printf(v: number, conv: 'd' | 'f' | 'e' | 'g', s: PrintfSpec): string {
  if (conv !== 'd' && !Number.isFinite(v)) return pad(signed(v, Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf', s), { ...s, flags: s.flags.replace('0', '') });
  const p = s.precision < 0 ? 6 : s.precision;
  let text: string;
  if (conv === 'd') text = String(v);
  else if (conv === 'f') text = v.toFixed(p);
  else if (conv === 'e') {
    const [m, e] = v.toExponential(p).split('e');
    text = `${m}e${e[0]}${e.slice(1).padStart(2, '0')}`;
  } else {
    text = formatG(v, Math.max(p, 1));
    if (s.flags.includes('#')) text = v.toPrecision(Math.max(p, 1));
  }
  return pad(signed(v, text, s), s);
}

function asString([x]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  const fill = ctx.str('fill');
  if (fill.length > 1 || (fill && !' +-0#'.includes(fill))) throw ctx.error('INVALID_ARGUMENT', `fill '${fill}' is not one of ' ', '+', '-', '0', '#'`);
  const spec: PrintfSpec = { flags: fill, width: ctx.int('width'), precision: ctx.int('precision') };
  const scientific = ctx.bool('scientific');
  const shortest = ctx.bool('shortest');
  if (scientific && shortest) throw ctx.error('INVALID_ARGUMENT', 'cannot select both scientific and shortest notation');
  const dt = ctx.dtype('T');
  const isFloat = x.dtype === 'float32';
  if (!isFloat && (scientific || shortest || spec.precision > -1) && dt !== 'string') {
    throw ctx.error('INVALID_ARGUMENT', `${scientific ? 'scientific' : shortest ? 'shortest' : 'precision'} is only for floating point types, found ${dt}`);
  }
  let items: string[];
  if (x.dtype === 'string') items = hostStrings(x).map((b) => pad(decoder.decode(b), spec));
  else if (x.dtype === 'bool') items = Array.from(x.dataSync(), (v) => pad(v ? 'true' : 'false', spec));
  else if (x.dtype === 'complex64') {
    const d = x.dataSync();
    items = Array.from({ length: x.size }, (_, i) => `(${printf(d[2 * i], 'f', spec)},${printf(d[2 * i + 1], 'f', spec)})`);
  } else {
    const conv = !isFloat ? 'd' : shortest ? 'g' : scientific ? 'e' : 'f';
    items = Array.from(x.dataSync() as ArrayLike<number>, (v) => printf(v, conv, spec));
  }
  return tf.tensor(items.map((t) => encoder.encode(t)), x.shape, 'string');
}

/** UTF-8 character start offsets of `b` plus its length (for UTF8_CHAR positions). */
function charStarts(b: Uint8Array): number[] {
  const out: number[] = [];
  b.forEach((c, i) => (c & 0xc0) !== 0x80 && out.push(i));
  out.push(b.length);
  return out;
}

function substr([x, posT, lenT]: tf.Tensor[], ctx: KernelContext): tf.Tensor {
  for (const t of [posT, lenT]) {
    if (t.rank !== 0 && !tf.util.arraysEqual(t.shape, x.shape)) throw ctx.error('UNIMPLEMENTED', `pos/len of shape [${t.shape}] for input [${x.shape}]: only scalars or the input's shape`);
  }
  const strs = hostStrings(x);
  const pos = Array.from(posT.dataSync() as ArrayLike<number>);
  const len = Array.from(lenT.dataSync() as ArrayLike<number>);
  const chars = ctx.str('unit') === 'UTF8_CHAR';
  const out = strs.map((b, i) => {
    const starts = chars ? charStarts(b) : undefined;
    const size = starts ? starts.length - 1 : b.length;
    let p = pos[pos.length === 1 ? 0 : i];
    const l = len[len.length === 1 ? 0 : i];
    if (p < -size || p > size) throw ctx.error('INVALID_ARGUMENT', `pos ${p} out of range for string '${decoder.decode(b)}' at index ${i}`);
    if (p < 0) p += size;
    const e = Math.min(size, p + Math.max(l, 0));
    return starts ? b.slice(starts[p], starts[e]) : b.slice(p, e);
  });
  return tf.tensor(out, x.shape, 'string');
}

export const textFormatKernels: KernelTable = {
  StringFormat: stringFormat,
  PrintV2: printV2,
  AsString: asString,
  Substr: substr,
};
