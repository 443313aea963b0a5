/**
 * Op definitions: the signature of a TensorFlow op written the way TF's REGISTER_OP writes it
 * (`'x: T'`, `'output: N * T'`, `'ref: Ref(T)'`, `"padding: {'SAME', 'VALID'}"`,
 * `"data_format: string = 'NHWC'"`), parsed once into `OpDef`s. The runtime uses them to name
 * outputs (`node:out_arg:idx` in FunctionDefs), to count outputs, to fill attrs that producers
 * stripped because they had their default value, and to infer output dtypes.
 */
import { SavedModelError } from '../errors.js';
import { DtypeAttr, ShapeAttr, type AttrJs, type AttrScalar } from './attrs.js';
import { isDtypeName, parseDtypeName, type TfDType } from './dtypes.js';

/** One input or output argument. Exactly one of type / typeAttr / typeListAttr is set. */
export interface ArgSpec {
  readonly name: string;
  /** Fixed dtype (`'x: float'`). */
  readonly type?: TfDType;
  /** Dtype taken from a `type` attr (`'x: T'`). */
  readonly typeAttr?: string;
  /** Repeat count taken from an `int` attr (`'x: N * T'`). */
  readonly numberAttr?: string;
  /** Dtypes (and count) taken from a `list(type)` attr (`'output: Tout'`). */
  readonly typeListAttr?: string;
  /** A TF1 reference edge (`'ref: Ref(T)'`). */
  readonly isRef: boolean;
}

/**
 * One attribute: its kind as TF spells it (`int`, `list(type)`, `string`, `type` …), its default,
 * and the values TF allows when the spec enumerates them (`{'SAME', 'VALID'}` is a `string` with
 * those two allowed, `{int32, int64}` a `type` with those two).
 */
export interface AttrSpec {
  readonly name: string;
  readonly kind: string;
  readonly default?: AttrJs;
  readonly allowed?: readonly (string | TfDType)[];
}

/** A parsed op definition. */
export interface OpDef {
  readonly name: string;
  readonly inputs: readonly ArgSpec[];
  readonly outputs: readonly ArgSpec[];
  readonly attrs: ReadonlyMap<string, AttrSpec>;
  /** Has side effects: kept when pruning function bodies, never constant-folded. */
  readonly stateful: boolean;
}

/** How an op is written in a family table (see src/graph/ops/). */
export interface OpSpec {
  /** Input args, e.g. `['x: T', 'y: T']`. */
  readonly in?: readonly string[];
  /** Output args, e.g. `['z: T']`. */
  readonly out?: readonly string[];
  /** Attrs with kinds and defaults, e.g. `['transpose_a: bool = false']`. Undeclared attrs named by args are `type`. */
  readonly attrs?: readonly string[];
  /** Side-effecting op (variables, assignment, I/O, random with state). */
  readonly stateful?: boolean;
}

/** A family table: op name → spec. */
export type OpSpecTable = Readonly<Record<string, OpSpec>>;

function specError(op: string, what: string): never {
  throw new SavedModelError('INTERNAL', `op spec ${op}: ${what}`);
}

/** Parses an attr default written in TF's spec syntax. */
function parseDefault(op: string, kind: string, text: string): AttrJs {
  const t = text.trim();
  if (kind === 'type') return new DtypeAttr(parseDtypeName(t));
  if (kind === 'list(type)') return parseListText(t).map((x) => new DtypeAttr(parseDtypeName(x)));
  if (kind === 'shape') return new ShapeAttr(t === '?' ? null : parseListText(t).map(Number));
  if (kind.startsWith('list(')) {
    const items = parseListText(t);
    return items.map((x) => parseScalar(op, kind.slice(5, -1), x));
  }
  return parseScalar(op, kind, t);
}

function parseScalar(op: string, kind: string, t: string): AttrScalar {
  if (kind === 'int' || kind === 'float') {
    const n = Number(t);
    if (Number.isNaN(n) && t !== 'nan') specError(op, `bad ${kind} default ${t}`);
    return n;
  }
  if (kind === 'bool') return t === 'true';
  if (/^'.*'$|^".*"$/.test(t)) return unescape(op, t.slice(1, -1));
  return specError(op, `unsupported default ${t} for kind ${kind}`);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** Resolves the C escapes (`\n`, `\t`, `\\` …) of a quoted spec default, as TF's spec parser does. */
function unescape(op: string, body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? specError(op, `unsupported escape \\${c} in '${body}'`));
}

function parseListText(t: string): string[] {
  if (!t.startsWith('[') || !t.endsWith(']')) throw new SavedModelError('INTERNAL', `bad list default ${t}`);
  const body = t.slice(1, -1).trim();
  return body === '' ? [] : body.split(',').map((x) => x.trim());
}

function parseAttrSpec(op: string, text: string): AttrSpec {
  const m = /^\s*(\w+)\s*:\s*(.+?)\s*(?:(?<![<>])=\s*(.+))?$/.exec(text);
  if (!m) specError(op, `bad attr '${text}'`);
  let kind = m[2].replace(/\s+/g, '');
  let allowed: (string | TfDType)[] | undefined;
  if (kind.startsWith('{')) [kind, allowed] = parseAllowed(op, m[2].trim());
  const min = /^(int|list\(\w+\))>=-?\d+$/.exec(kind);
  if (min) kind = min[1];
  const spec = { name: m[1], kind, default: m[3] === undefined ? undefined : parseDefault(op, kind, m[3]) };
  return allowed ? { ...spec, allowed } : spec;
}

/** `{'A', 'B'}` → a `string` attr allowing A and B; `{int32, int64}` → a `type` attr allowing those dtypes. */
function parseAllowed(op: string, text: string): [string, (string | TfDType)[]] {
  if (!text.endsWith('}')) specError(op, `bad enumeration ${text}`);
  const items = text.slice(1, -1).split(',').map((x) => x.trim());
  if (items.every((x) => /^'.*'$|^".*"$/.test(x))) return ['string', items.map((x) => x.slice(1, -1))];
  if (items.every(isDtypeName)) return ['type', items.map(parseDtypeName)];
  return specError(op, `enumeration ${text} mixes strings and dtypes`);
}

function parseArg(op: string, text: string, attrs: Map<string, AttrSpec>): ArgSpec {
  const m = /^\s*(\w+)\s*:\s*(?:(\w+)\s*\*\s*)?(Ref\()?\s*(\w+)\s*\)?\s*$/.exec(text);
  if (!m) specError(op, `bad arg '${text}'`);
  const [, name, numberAttr, ref, typ] = m;
  const isRef = ref !== undefined;
  if (numberAttr && !attrs.has(numberAttr)) attrs.set(numberAttr, { name: numberAttr, kind: 'int' });
  if (attrs.get(typ)?.kind === 'list(type)') return { name, typeListAttr: typ, isRef };
  if (!attrs.has(typ) && isDtypeName(typ)) return { name, type: parseDtypeName(typ), numberAttr, isRef };
  if (!attrs.has(typ)) attrs.set(typ, { name: typ, kind: 'type' });
  return { name, typeAttr: typ, numberAttr, isRef };
}

/** Parses one op spec into an OpDef. */
export function parseOpSpec(name: string, spec: OpSpec): OpDef {
  const attrs = new Map<string, AttrSpec>();
  for (const a of spec.attrs ?? []) {
    const parsed = parseAttrSpec(name, a);
    attrs.set(parsed.name, parsed);
  }
  const inputs = (spec.in ?? []).map((a) => parseArg(name, a, attrs));
  const outputs = (spec.out ?? []).map((a) => parseArg(name, a, attrs));
  return { name, inputs, outputs, attrs, stateful: spec.stateful ?? false };
}

/** Parses a whole family table. */
export function parseOpTable(table: OpSpecTable): OpDef[] {
  return Object.keys(table).map((k) => parseOpSpec(k, table[k]));
}

/** Number of flat tensors one arg stands for, given the node's attrs. */
export function argCount(arg: ArgSpec, attrs: Readonly<Record<string, AttrJs>>): number {
  if (arg.typeListAttr) {
    const v = attrs[arg.typeListAttr];
    return Array.isArray(v) ? v.length : 0;
  }
  if (arg.numberAttr) {
    const v = attrs[arg.numberAttr];
    return typeof v === 'number' ? v : 0;
  }
  return 1;
}

/** Flat index of the first tensor of each arg, plus the total, e.g. `{ offsets: [0, 3], total: 4 }`. */
export function argOffsets(args: readonly ArgSpec[], attrs: Readonly<Record<string, AttrJs>>): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const a of args) {
    offsets.push(total);
    total += argCount(a, attrs);
  }
  return { offsets, total };
}

/** Output dtypes of a node, from its op definition and attrs; `undefined` entries when unknown. */
export function outputDtypes(def: OpDef, attrs: Readonly<Record<string, AttrJs>>): (TfDType | undefined)[] {
  const out: (TfDType | undefined)[] = [];
  for (const a of def.outputs) {
    if (a.typeListAttr) {
      const v = attrs[a.typeListAttr];
      if (Array.isArray(v)) for (const t of v) out.push(t instanceof DtypeAttr ? t.dtype : undefined);
      continue;
    }
    const n = argCount(a, attrs);
    const t = a.type ?? (a.typeAttr ? (attrs[a.typeAttr] as DtypeAttr | undefined)?.dtype : undefined);
    for (let i = 0; i < n; i++) out.push(t);
  }
  return out;
}

/** The node's attrs with the op's defaults filled in for attrs the producer left out. */
export function withDefaults(def: OpDef, attrs: Record<string, AttrJs>): Record<string, AttrJs> {
  for (const spec of def.attrs.values()) {
    if (attrs[spec.name] === undefined && spec.default !== undefined) attrs[spec.name] = spec.default;
  }
  return attrs;
}

