/**
 * Tensor summaries as TensorFlow prints them: `Tensor::SummarizeValue` in its v1 form (the `Print`
 * op) and its v2 form (`StringFormat`, i.e. `tf.print`), with TF's number and string formatting.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hostStrings } from './host.js';

/** C's `%.{p}g`. */
export function formatG(v: number, p: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expText] = v.toExponential(p - 1).split('e');
  const exp = Number(expText);
  const trim = (t: string): string => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
  if (exp < -4 || exp >= p) return `${trim(mant)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return trim(v.toFixed(p - 1 - exp));
}

/** A float32 as TF prints it: `%.6g` when that reads back exactly, else `%.9g`. */
export function floatText(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  const short = formatG(v, 6);
  return Math.fround(Number(short)) === v ? short : formatG(v, 9);
}

/** TF's `absl::Utf8SafeCEscape`: C escapes for quotes, backslash and control bytes; UTF-8 kept. */
export function cEscape(b: Uint8Array): string {
  const out: number[] = [];
  const push = (s: string): void => {
    for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  };
  for (const c of b) {
    if (c === 0x0a) push('\\n');
    else if (c === 0x0d) push('\\r');
    else if (c === 0x09) push('\\t');
    else if (c === 0x22) push('\\"');
    else if (c === 0x27) push("\\'");
    else if (c === 0x5c) push('\\\\');
    else if (c < 0x20 || c === 0x7f) push('\\' + c.toString(8).padStart(3, '0'));
    else out.push(c);
  }
  return new TextDecoder().decode(Uint8Array.from(out));
}

/** Text of the element at a flat index (strings C-escaped, and quoted in the v2 style). */
function elementTexts(t: tf.Tensor, v2: boolean): (i: number) => string {
  if (t.dtype === 'string') {
    const s = hostStrings(t);
    return (i) => (v2 ? `"${cEscape(s[i])}"` : cEscape(s[i]));
  }
  const data = t.dataSync() as ArrayLike<number>;
  if (t.dtype === 'bool') return (i) => (data[i] ? '1' : '0');
  return t.dtype === 'float32' ? (i) => floatText(data[i]) : (i) => String(data[i]);
}

/**
 * TF's `Tensor::SummarizeValue` (what `Print` writes): at most `n` elements (all when n < 0),
 * `[..]` around each row of a matrix or higher-rank tensor, `...` where elements were cut.
 */
export function summarize(t: tf.Tensor, n: number): string {
  const limit = n < 0 ? t.size : Math.min(n, t.size);
  const text = elementTexts(t, false);
  const vals = Array.from({ length: limit }, (_, i) => text(i));
  const tail = limit < t.size ? '...' : '';
  if (t.rank <= 1) return vals.join(' ') + tail;
  let k = 0;
  let out = '';
  const dim = (d: number): void => {
    if (k >= limit) return;
    if (d === t.rank - 1) {
      for (let i = 0; i < t.shape[d]; i++) {
        if (k >= limit) {
          out += '...';
          return;
        }
        out += (i > 0 ? ' ' : '') + vals[k++];
      }
      return;
    }
    for (let i = 0; i < t.shape[d]; i++) {
      const opened = k < limit;
      if (opened) out += '[';
      dim(d + 1);
      if (opened) out += ']';
    }
  };
  dim(0);
  return out + tail;
}

/**
 * TF's `Tensor::SummarizeValue(n, print_v2=true)` (what `tf.print` / StringFormat write): the first
 * and last `n` entries of every dimension with `...` between, rows on new lines indented by depth,
 * strings quoted.
 */
export function summarizeV2(t: tf.Tensor, n: number): string {
  const text = elementTexts(t, true);
  if (t.rank === 0) return t.size ? text(0) : '';
  const ends = n < 0 ? t.size : n;
  const spacing = (d: number): string => (d === t.rank - 1 ? ' ' : '\n'.repeat(t.rank - d - 1) + ' '.repeat(d + 1));
  const dim = (d: number, at: number): string => {
    if (d === t.rank) return text(at);
    const count = t.shape[d];
    const per = t.shape.slice(d + 1).reduce((a, b) => a * b, 1);
    const parts: string[] = [];
    for (let i = 0; i < Math.min(ends, count); i++) parts.push(dim(d + 1, at + per * i));
    if (count > 2 * ends) parts.push('...');
    for (let i = Math.max(ends, count - ends); i < count; i++) parts.push(dim(d + 1, at + per * i));
    return `[${parts.join(spacing(d))}]`;
  };
  return dim(0, 0);
}
