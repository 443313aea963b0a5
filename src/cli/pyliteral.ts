/**
 * A small Python expression reader for `--input_exprs` and `--input_examples`: literals (numbers,
 * strings, bytes, True/False/None, lists, tuples, dicts), unary signs, and the numpy calls the
 * TensorFlow docs use (`np.array(x, dtype=…)`, `np.asarray`, `np.ones(shape)`, `np.zeros(shape)`,
 * `np.full(shape, v)`, dtype constructors such as `np.float32(1.5)`). No other code is evaluated.
 */
import { SavedModelError } from '../index.js';
import { sizeOf, type NdArray, type NpDtype } from './ndarray.js';

/** A Python value. */
export type PyValue =
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'list' | 'tuple'; items: PyValue[] }
  | { t: 'dict'; entries: [PyValue, PyValue][] }
  | { t: 'name'; v: string }
  | { t: 'array'; a: NdArray };

const NP_DTYPES: Record<string, NpDtype> = {
  float16: 'float16', half: 'float16', float32: 'float32', single: 'float32', float64: 'float64', double: 'float64', float: 'float64',
  int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', int: 'int64', uint8: 'uint8', uint16: 'uint16', uint32: 'uint32',
  uint64: 'uint64', bool: 'bool', bool_: 'bool', bytes_: 'bytes', str_: 'str', object: 'bytes', object_: 'bytes',
};

class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

  fail(what: string): never {
    throw new SavedModelError('INVALID_ARGUMENT', `cannot read Python expression '${this.src}': ${what} at column ${this.i + 1}`);
  }

  private ws(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i])) this.i++;
  }

  peek(): string {
    this.ws();
    return this.src[this.i] ?? '';
  }

  eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.i++;
    return true;
  }

  expect(c: string): void {
    if (!this.eat(c)) this.fail(`expected '${c}'`);
  }

  done(): boolean {
    return this.peek() === '';
  }

  private seq(close: string): PyValue[] {
    const items: PyValue[] = [];
    while (!this.eat(close)) {
      items.push(this.value());
      if (!this.eat(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private string(bytes: boolean, raw: boolean): PyValue {
    const q = this.src[this.i++];
    const out: number[] = [];
    let text = '';
    const push = (code: number): void => {
      if (bytes) out.push(code);
      else text += String.fromCodePoint(code);
    };
    while (this.i < this.src.length && this.src[this.i] !== q) {
      let c = this.src[this.i++];
      if (c === '\\' && !raw) {
        c = this.src[this.i++];
        const simple: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34 };
        if (c in simple) push(simple[c]);
        else if (c === 'x') {
          push(parseInt(this.src.slice(this.i, this.i + 2), 16));
          this.i += 2;
        } else push(92), push(c.codePointAt(0)!);
        continue;
      }
      if (bytes) {
        const enc = new TextEncoder().encode(c);
        out.push(...enc);
      } else text += c;
    }
    if (this.src[this.i++] !== q) this.fail('unterminated string');
    return bytes ? { t: 'bytes', v: Uint8Array.from(out) } : { t: 'str', v: text };
  }

  private number(): PyValue {
    const m = /^(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?/.exec(this.src.slice(this.i));
    const text = m?.[0] ?? '';
    if (!text || text === '.') this.fail('expected a value');
    this.i += text.length;
    const clean = text.replace(/_/g, '');
    return m![2] !== undefined || m![3] !== undefined ? { t: 'float', v: Number(clean) } : { t: 'int', v: BigInt(clean) };
  }

  value(): PyValue {
    const c = this.peek();
    if (c === '-' || c === '+') {
      this.i++;
      const v = this.value();
      const s = c === '-' ? -1 : 1;
      if (v.t === 'int') return { t: 'int', v: BigInt(s) * v.v };
      if (v.t === 'float') return { t: 'float', v: s * v.v };
      this.fail('a sign before a non-number');
    }
    if (c === '[') {
      this.i++;
      return { t: 'list', items: this.seq(']') };
    }
    if (c === '(') {
      this.i++;
      const items = this.seq(')');
      return items.length === 1 && !this.src.slice(0, this.i).replace(/\s/g, '').endsWith(',)') ? items[0] : { t: 'tuple', items };
    }
    if (c === '{') {
      this.i++;
      const entries: [PyValue, PyValue][] = [];
      while (!this.eat('}')) {
        const k = this.value();
        this.expect(':');
        entries.push([k, this.value()]);
        if (!this.eat(',')) {
          this.expect('}');
          break;
        }
      }
      return { t: 'dict', entries };
    }
    if (c === "'" || c === '"') return this.string(false, false);
    if (/[0-9.]/.test(c)) return this.number();
    const name = /^[A-Za-z_][\w.]*/.exec(this.src.slice(this.i))?.[0];
    if (!name) this.fail('expected a value');
    const next = this.src[this.i + name.length];
    if (/^[bBrR]{1,2}$/.test(name) && (next === "'" || next === '"')) {
      this.i += name.length;
      return this.string(/b/i.test(name), /r/i.test(name));
    }
    this.i += name.length;
    if (name === 'True' || name === 'False') return { t: 'bool', v: name === 'True' };
    if (name === 'None') return { t: 'none' };
    if (this.eat('(')) return this.call(name);
    return { t: 'name', v: name };
  }

  private call(name: string): PyValue {
    const args: PyValue[] = [];
    const kwargs = new Map<string, PyValue>();
    while (!this.eat(')')) {
      const m = /^\s*([A-Za-z_]\w*)\s*=(?!=)/.exec(this.src.slice(this.i));
      if (m) {
        this.i += m[0].length;
        kwargs.set(m[1], this.value());
      } else args.push(this.value());
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    return numpyCall(name, args, kwargs, (w) => this.fail(w));
  }
}

function dtypeArg(v: PyValue | undefined, fail: (w: string) => never): NpDtype | undefined {
  if (!v) return undefined;
  const text = v.t === 'name' || v.t === 'str' ? v.v : fail('dtype must be a numpy dtype');
  const d = NP_DTYPES[text.replace(/^(np|numpy|tf)\./, '')];
  return d ?? fail(`unknown dtype '${text}'`);
}

function shapeArg(v: PyValue, fail: (w: string) => never): number[] {
  const items = v.t === 'list' || v.t === 'tuple' ? v.items : [v];
  return items.map((x) => (x.t === 'int' ? Number(x.v) : fail('shape entries must be integers')));
}

function numpyCall(name: string, args: PyValue[], kwargs: Map<string, PyValue>, fail: (w: string) => never): PyValue {
  const fn = name.replace(/^(np|numpy)\./, '');
  if (fn === name) fail(`only numpy calls (np.array, np.ones, np.zeros, np.full) are allowed, not '${name}'`);
  const dtype = dtypeArg(kwargs.get('dtype') ?? args[fn === 'full' ? 2 : 1], fail);
  if (fn === 'array' || fn === 'asarray') return { t: 'array', a: toNdArray(args[0] ?? fail('np.array needs a value'), dtype) };
  if (fn === 'ones' || fn === 'zeros' || fn === 'full') {
    const shape = shapeArg(args[0] ?? fail(`np.${fn} needs a shape`), fail);
    const fill = fn === 'full' ? args[1] ?? fail('np.full needs a value') : { t: 'float' as const, v: fn === 'ones' ? 1 : 0 };
    const one = toNdArray(fill, dtype);
    const n = sizeOf(shape);
    const v = (one.data as ArrayLike<unknown>)[0];
    return { t: 'array', a: { dtype: one.dtype, shape, data: Array.from({ length: n }, () => v) as number[] } };
  }
  if (NP_DTYPES[fn] && args.length === 1) return { t: 'array', a: toNdArray(args[0], NP_DTYPES[fn]) }; // np.float32(1.5)
  return fail(`unsupported numpy function np.${fn}`);
}

/** Parses one Python expression. */
export function parsePython(src: string): PyValue {
  const r = new Reader(src);
  const v = r.value();
  if (!r.done()) r.fail('unexpected text after the expression');
  return v;
}

/** numpy's `np.array(value, dtype)`: shape from nesting, dtype from the leaves unless given. */
export function toNdArray(v: PyValue, dtype?: NpDtype): NdArray {
  if (v.t === 'array') return dtype && dtype !== v.a.dtype ? { ...v.a, dtype } : v.a;
  const shape: number[] = [];
  for (let x: PyValue = v; x.t === 'list' || x.t === 'tuple'; x = x.items[0]) {
    shape.push(x.items.length);
    if (x.items.length === 0) break;
  }
  const leaves: PyValue[] = [];
  const walk = (x: PyValue, depth: number): void => {
    if (depth === shape.length) {
      if (x.t === 'list' || x.t === 'tuple') throw new SavedModelError('INVALID_ARGUMENT', 'the array is ragged (nested lists of different depths)');
      leaves.push(x);
      return;
    }
    if ((x.t !== 'list' && x.t !== 'tuple') || x.items.length !== shape[depth]) {
      throw new SavedModelError('INVALID_ARGUMENT', `the array is ragged: expected ${shape[depth]} items at depth ${depth}`);
    }
    for (const y of x.items) walk(y, depth + 1);
  };
  walk(v, 0);
  const kinds = new Set(leaves.map((l) => l.t));
  const inferred: NpDtype = kinds.has('str') ? 'str' : kinds.has('bytes') ? 'bytes' : kinds.has('float') ? 'float64' : kinds.has('int') ? 'int64' : 'bool';
  if ((kinds.has('str') || kinds.has('bytes')) && kinds.size > 1) throw new SavedModelError('INVALID_ARGUMENT', 'an array mixes strings with other values');
  for (const k of kinds) if (!['str', 'bytes', 'float', 'int', 'bool'].includes(k)) throw new SavedModelError('INVALID_ARGUMENT', `a ${k} cannot be an array element`);
  const out = dtype ?? inferred;
  let data: NdArray['data'];
  if (out === 'str' || out === 'bytes') {
    const enc = new TextEncoder();
    data = leaves.map((l) => (l.t === 'bytes' ? (out === 'str' ? new TextDecoder().decode(l.v) : l.v) : out === 'bytes' ? enc.encode((l as { v: string }).v) : (l as { v: string }).v)) as Uint8Array[] | string[];
  } else if (out === 'bool') {
    data = leaves.map((l) => Boolean((l as { v: unknown }).v));
  } else {
    data = leaves.map((l) => (l.t === 'bool' ? Number(l.v) : Number((l as { v: number | bigint }).v)));
  }
  return { dtype: out, shape, data };
}
