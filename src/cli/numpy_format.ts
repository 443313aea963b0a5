/**
 * numpy's `str()` of arrays and scalars, as TensorFlow's saved_model_cli prints results: float32
 * values with the shortest digits that round-trip (at most 8 fractional digits), aligned on the
 * decimal point, scientific notation when magnitudes call for it; right-aligned integers;
 * ` True`/`False`; byte strings as Python `b'…'`; lines wrapped at 75 columns and arrays over
 * 1000 elements summarised with `...` (numpy's defaults).
 */
import { isFloatDtype, sizeOf, type NdArray } from './ndarray.js';

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PRECISION = 8;

/** Shortest decimal digits of a float32 value that read back to it: digits and base-10 exponent of the first. */
function shortest(v: number): { digits: string; exp: number } {
  const a = Math.abs(v);
  for (let p = 1; p <= 9; p++) {
    const s = a.toExponential(p - 1);
    if (Math.fround(Number(s)) === a || p === 9) {
      const [mant, e] = s.split('e');
      return { digits: mant.replace('.', '').replace(/0+$/, '') || '0', exp: Number(e) };
    }
  }
  throw new Error('unreachable');
}

/** Positional digits (`int`, `frac`) of a finite value: shortest, capped at PRECISION fractional digits. */
function positional(v: number): { int: string; frac: string } {
  const neg = v < 0 || Object.is(v, -0);
  if (v === 0) return { int: neg ? '-0' : '0', frac: '' };
  const { digits, exp } = shortest(v);
  let int: string;
  let frac: string;
  if (exp >= 0) {
    int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  } else {
    int = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  if (frac.length > PRECISION) {
    const [i, f] = Math.abs(v).toFixed(PRECISION).split('.');
    int = i;
    frac = f.replace(/0+$/, '');
  }
  return { int: (neg ? '-' : '') + int, frac };
}

/** Scientific parts of a finite value: mantissa digits after the point, and the exponent. */
function scientific(v: number): { lead: string; frac: string; exp: number } {
  const neg = v < 0 || Object.is(v, -0);
  if (v === 0) return { lead: neg ? '-0' : '0', frac: '', exp: 0 };
  const { digits, exp } = shortest(v);
  return { lead: (neg ? '-' : '') + digits[0], frac: digits.slice(1), exp };
}

function expText(exp: number, width: number): string {
  return (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(width, '0');
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

/** An element formatter for a float array (numpy's FloatingFormat with its default options). */
function floatFormatter(values: readonly number[]): (v: number) => string {
  const finite = values.filter(Number.isFinite);
  const nonzero = finite.filter((v) => v !== 0).map(Math.abs);
  if (finite.length === 0) return (v) => nonFinite(v);
  const max = nonzero.length ? Math.max(...nonzero) : 0;
  const min = nonzero.length ? Math.min(...nonzero) : 0;
  const hasNonFinite = finite.length !== values.length;
  if (nonzero.length && (max >= 1e8 || min < 1e-4 || max / min > 1000)) {
    const parts = finite.map(scientific);
    const precision = Math.max(...parts.map((p) => p.frac.length));
    const expSize = Math.max(2, ...parts.map((p) => String(Math.abs(p.exp)).length));
    const padLeft = Math.max(...parts.map((p) => p.lead.length));
    const width = padLeft + 1 + precision + 2 + expSize;
    return (v) => {
      if (!Number.isFinite(v)) return nonFinite(v).padStart(width);
      const p = scientific(v);
      return `${p.lead.padStart(padLeft)}.${p.frac.padEnd(precision, '0')}e${expText(p.exp, expSize)}`;
    };
  }
  const parts = finite.map(positional);
  let padLeft = Math.max(...parts.map((p) => p.int.length));
  const padRight = Math.max(...parts.map((p) => p.frac.length));
  if (hasNonFinite) {
    const neginf = values.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (neginf ? 1 : 0) - (padRight + 1));
  }
  return (v) => {
    if (!Number.isFinite(v)) return nonFinite(v).padStart(padLeft + padRight + 1);
    const p = positional(v);
    return `${p.int.padStart(padLeft)}.${p.frac.padEnd(padRight)}`;
  };
}

/** Python's repr of a bytes object. */
export function bytesRepr(b: Uint8Array): string {
  const hasSingle = b.includes(0x27);
  const quote = hasSingle && !b.includes(0x22) ? '"' : "'";
  let s = 'b' + quote;
  for (const c of b) {
    if (c === 0x5c) s += '\\\\';
    else if (c === quote.charCodeAt(0)) s += '\\' + quote;
    else if (c === 0x09) s += '\\t';
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x0d) s += '\\r';
    else if (c < 0x20 || c >= 0x7f) s += '\\x' + c.toString(16).padStart(2, '0');
    else s += String.fromCharCode(c);
  }
  return s + quote;
}

/** Python's repr of a str. */
function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), '\\' + quote).replace(/\n/g, '\\n').replace(/\t/g, '\\t') + quote;
}

/** numpy's str() of a 0-d value (a numpy scalar). */
function scalarText(a: NdArray, v: unknown): string {
  if (a.dtype === 'bool') return v ? 'True' : 'False';
  if (a.dtype === 'bytes') return bytesRepr(v as Uint8Array);
  if (a.dtype === 'str') return v as string;
  if (!isFloatDtype(a.dtype)) return String(v);
  const x = v as number;
  if (!Number.isFinite(x)) return nonFinite(x);
  const abs = Math.abs(x);
  if (abs === 0 || (abs < 1e16 && abs >= 1e-4)) {
    const p = positional(x);
    return `${p.int}.${p.frac || '0'}`;
  }
  const p = scientific(x);
  return `${p.lead}${p.frac ? '.' + p.frac : ''}e${expText(p.exp, 2)}`;
}

/** Indices of the elements shown along one axis (all, or the edges when summarising). */
function shown(n: number, summarise: boolean): (number | null)[] {
  if (!summarise || n <= 2 * EDGE_ITEMS) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE_ITEMS }, (_, i) => i), null, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)];
}

/** numpy's str() of an array (or of a numpy scalar for 0-d arrays). */
export function formatNumpy(a: NdArray): string {
  const data = a.data as ArrayLike<unknown>;
  if (a.shape.length === 0) return scalarText(a, data[0]);
  const size = sizeOf(a.shape);
  if (size === 0) return '[]';
  const summarise = size > THRESHOLD;
  const strides = a.shape.map((_, i) => sizeOf(a.shape.slice(i + 1)));
  // The formatter is fitted to the elements that are shown.
  const visible: number[] = [];
  const collect = (axis: number, offset: number): void => {
    if (axis === a.shape.length) {
      visible.push(offset);
      return;
    }
    for (const i of shown(a.shape[axis], summarise)) if (i !== null) collect(axis + 1, offset + i * strides[axis]);
  };
  collect(0, 0);
  let fmt: (i: number) => string;
  if (isFloatDtype(a.dtype)) {
    const f = floatFormatter(visible.map((i) => Number(data[i])));
    fmt = (i) => f(Number(data[i]));
  } else if (a.dtype === 'bool') {
    fmt = (i) => (data[i] ? ' True' : 'False');
  } else if (a.dtype === 'bytes') {
    fmt = (i) => bytesRepr(data[i] as Uint8Array);
  } else if (a.dtype === 'str') {
    fmt = (i) => strRepr(data[i] as string);
  } else {
    const width = Math.max(...visible.map((i) => String(data[i]).length));
    fmt = (i) => String(data[i]).padStart(width);
  }
  const recurse = (axis: number, offset: number, indent: string, width: number): string => {
    const items = shown(a.shape[axis], summarise);
    const left = a.shape.length - axis;
    const nextIndent = indent + ' ';
    let s = '';
    if (left === 1) {
      const elemWidth = width - 1;
      let line = indent;
      items.forEach((i, k) => {
        const word = i === null ? '...' : fmt(offset + i * strides[axis]);
        if (line.length + word.length > elemWidth && line.length > indent.length) {
          s += line.trimEnd() + '\n';
          line = indent;
        }
        line += word + (k === items.length - 1 ? '' : ' ');
      });
      s += line;
    } else {
      const sep = '\n'.repeat(left - 1);
      items.forEach((i, k) => {
        const nested = i === null ? '...' : recurse(axis + 1, offset + i * strides[axis], nextIndent, width - 1);
        s += indent + nested + (k === items.length - 1 ? '' : sep);
      });
    }
    return '[' + s.slice(indent.length) + ']';
  };
  return recurse(0, 0, ' ', LINE_WIDTH);
}
