/**
 * Text format parser: the grammar protobuf's C++ and Python parsers accept and TensorFlow's
 * files use — `#` comments, `:` optional before a message, `{…}` or `<…>`, `[a, b]` lists for
 * repeated fields, `,`/`;` after a field, adjacent string literals concatenated, enums by name
 * or number, integers in decimal, hex or octal, `inf`/`nan`, map entries as `key`/`value`
 * messages, and `[type.googleapis.com/pkg.Type] { … }` inside google.protobuf.Any.
 *
 * Produces the objects the generated classes' `decode` produces (camelCase properties, Long for
 * 64-bit integers, Uint8Array for bytes; proto3 zero values left unset), so `encode` of a parsed
 * message equals what C++ serializes. Every error is a SavedModelError('INVALID_ARGUMENT') with
 * line:column; nesting is bounded by `maxDepth`.
 */
import { MAX_TEXT_DEPTH } from './printer.js';
import type { FieldInfo, MessageInfo, ScalarKind, TextSchema } from './schema.js';
import { TOKEN, Tokenizer } from './tokenizer.js';
import { ByteSink, EscapeError, unescapeInto } from './unescape.js';
import { Long, bigIntToLong, longKey, int64ToBigInt, is64Bit, isNonZero, isUnsigned, type LongValue } from './values.js';

/** Options of the text parser. */
export interface TextParseOptions {
  /** Deepest message nesting accepted (default MAX_TEXT_DEPTH = 100). */
  maxDepth?: number;
}

type Message = Record<string, unknown>;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

const INT32_LIMITS: readonly (readonly [number, number])[] = [[-(2 ** 31), 2 ** 31 - 1], [0, 2 ** 32 - 1]];

const INT_RANGES: Record<string, readonly [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

/** Parses `text` as a message of type `info`. */
export function parseMessage(schema: TextSchema, info: MessageInfo, text: string, options: TextParseOptions = {}): object {
  const tokens = new Tokenizer(text, `text format of ${info.fullName}`);
  const parser = new Parser(schema, tokens, options.maxDepth ?? MAX_TEXT_DEPTH);
  const message = info.create();
  parser.body(info, message, undefined, 0);
  return message;
}

class Parser {
  private readonly schema: TextSchema;
  private readonly tk: Tokenizer;
  private readonly maxDepth: number;

  constructor(schema: TextSchema, tokens: Tokenizer, maxDepth: number) {
    this.schema = schema;
    this.tk = tokens;
    this.maxDepth = maxDepth;
  }

  /** Parses fields into `msg` up to the `close` symbol (or the end of input when undefined). */
  body(info: MessageInfo, msg: Message, close: string | undefined, depth: number): void {
    const tk = this.tk;
    // Singular fields set so far (few per message: a list is cheaper than a Set).
    const seen: FieldInfo[] = [];
    for (;;) {
      if (close === undefined) {
        if (tk.at(TOKEN.END)) return;
      } else if (tk.isSymbol(close)) {
        tk.next();
        return;
      } else if (tk.at(TOKEN.END)) {
        throw tk.error(`Expected "${close}", found end of input.`);
      }
      if (tk.isSymbol('[')) this.expandedAny(info, msg, seen, depth);
      else this.field(info, msg, seen, depth);
      if (tk.isSymbol(';') || tk.isSymbol(',')) tk.next();
    }
  }

  private field(info: MessageInfo, msg: Message, seen: FieldInfo[], depth: number): void {
    const tk = this.tk;
    const { line, column } = tk;
    if (!tk.at(TOKEN.IDENT)) throw tk.error(`Expected field name, found ${tk.describe()}.`);
    const name = tk.value;
    const field = info.byTextName.get(name);
    if (!field) throw tk.error(`Message type "${info.fullName}" has no field named "${name}".`);
    tk.next();
    if (!field.repeated && !field.mapEntry) {
      for (let i = 0; i < seen.length; i++) {
        const other = seen[i]!;
        if (other === field) throw tk.error(`Non-repeated field "${name}" is specified multiple times.`, line, column);
        if (field.oneof !== undefined && other.oneof === field.oneof) {
          throw tk.error(
            `Field "${name}" is specified along with field "${other.name}", another member of oneof "${field.oneof}".`,
            line, column,
          );
        }
      }
      seen.push(field);
    }
    if (field.kind === 'message') {
      if (tk.isSymbol(':')) tk.next();
      if ((field.repeated || field.mapEntry) && tk.isSymbol('[')) {
        this.list(() => this.store(field, msg, this.messageValue(field, depth)));
      } else {
        this.store(field, msg, this.messageValue(field, depth));
      }
      return;
    }
    if (!tk.isSymbol(':')) throw tk.error(`Expected ":", found ${tk.describe()}.`);
    tk.next();
    if (field.repeated && tk.isSymbol('[')) {
      this.list(() => this.store(field, msg, this.scalarValue(field)));
    } else {
      this.store(field, msg, this.scalarValue(field));
    }
  }

  /** `[ v, v, … ]` (possibly empty), calling `item` for each value. */
  private list(item: () => void): void {
    const tk = this.tk;
    tk.next();
    if (tk.isSymbol(']')) {
      tk.next();
      return;
    }
    for (;;) {
      item();
      if (tk.isSymbol(']')) {
        tk.next();
        return;
      }
      if (!tk.isSymbol(',')) throw tk.error(`Expected "," or "]", found ${tk.describe()}.`);
      tk.next();
    }
  }

  /** Stores a parsed value the way decode would. */
  private store(field: FieldInfo, msg: Message, value: unknown): void {
    const prop = field.prop;
    if (field.mapEntry) {
      let map = msg[prop] as Message | undefined;
      if (!map || !Object.prototype.hasOwnProperty.call(msg, prop)) msg[prop] = map = {};
      const entry = value as Message;
      const [keyField, valueField] = field.mapEntry.fields as [FieldInfo, FieldInfo];
      const key = entry.key === undefined ? zeroKey(keyField) : mapKeyText(keyField, entry.key);
      const v = entry.value === undefined ? this.zeroValue(valueField) : entry.value;
      // A "__proto__" key must become an own property, not the map object's prototype.
      if (key === '__proto__') Object.defineProperty(map, key, { value: v, enumerable: true, writable: true, configurable: true });
      else map[key] = v;
      return;
    }
    if (field.repeated) {
      let list = msg[prop] as unknown[] | undefined;
      if (!Array.isArray(list) || !Object.prototype.hasOwnProperty.call(msg, prop)) msg[prop] = list = [];
      list.push(value);
      return;
    }
    // proto3 fields without presence keep zero values unset, as decode does.
    if (field.presence || isNonZero(field, value)) msg[prop] = value;
  }

  private zeroValue(field: FieldInfo): unknown {
    if (field.kind === 'message') return this.schema.message(field.messageTypeName!).create();
    if (field.kind === 'enum') return 0;
    switch (field.scalar) {
      case 'string': return '';
      case 'bytes': return new Uint8Array(0);
      case 'bool': return false;
      default: return is64Bit(field.scalar!) ? Long.fromBits(0, 0, isUnsigned(field.scalar!)) : 0;
    }
  }

  private messageValue(field: FieldInfo, depth: number): Message {
    const tk = this.tk;
    const info = field.mapEntry ?? this.schema.message(field.messageTypeName!);
    const close = this.open(depth);
    const msg = info.create();
    this.body(info, msg, close, depth + 1);
    return msg;
  }

  /** Consumes `{` or `<` (checking the depth limit) and returns the matching closing symbol. */
  private open(depth: number): string {
    const tk = this.tk;
    let close: string;
    if (tk.isSymbol('{')) close = '}';
    else if (tk.isSymbol('<')) close = '>';
    else throw tk.error(`Expected "{" or "<", found ${tk.describe()}.`);
    if (depth + 1 > this.maxDepth) throw tk.error(`Message nesting exceeds the limit of ${this.maxDepth} levels.`);
    tk.next();
    return close;
  }

  /** `[type.googleapis.com/pkg.Type] { … }` inside a google.protobuf.Any. */
  private expandedAny(info: MessageInfo, msg: Message, seen: FieldInfo[], depth: number): void {
    const tk = this.tk;
    const { line, column } = tk;
    tk.next();
    const parts: string[] = [];
    while (!tk.isSymbol(']')) {
      const isName = tk.at(TOKEN.IDENT) || tk.isSymbol('.') || tk.isSymbol('/');
      if (!isName) throw tk.error(`Expected a type URL or extension name, found ${tk.describe()}.`);
      parts.push(tk.value);
      tk.next();
    }
    tk.next();
    const url = parts.join('');
    if (!info.isAny) throw tk.error(`Extension "${url}" is not defined for message type "${info.fullName}".`, line, column);
    const slash = url.lastIndexOf('/');
    if (slash <= 0) throw tk.error(`Invalid google.protobuf.Any type URL "${url}".`, line, column);
    const packed = this.schema.find(url.slice(slash + 1));
    if (!packed?.cls) throw tk.error(`Unknown message type "${url.slice(slash + 1)}" in google.protobuf.Any.`, line, column);
    const typeUrl = info.byTextName.get('type_url');
    const value = info.byTextName.get('value');
    if (!typeUrl || !value) throw tk.error('google.protobuf.Any has no type_url/value fields.', line, column);
    if (seen.includes(typeUrl) || seen.includes(value)) {
      throw tk.error('google.protobuf.Any holds more than one value (expanded form mixed with type_url/value).', line, column);
    }
    seen.push(typeUrl, value);
    if (tk.isSymbol(':')) tk.next();
    const close = this.open(depth);
    const inner = packed.create();
    this.body(packed, inner, close, depth + 1);
    msg[typeUrl.prop] = url;
    const bytes = packed.cls.encode(inner).finish();
    if (bytes.length > 0) msg[value.prop] = bytes;
  }

  private scalarValue(field: FieldInfo): unknown {
    if (field.kind === 'enum') return this.enumValue(field);
    const kind = field.scalar!;
    switch (kind) {
      case 'string':
        return this.stringValue();
      case 'bytes':
        return this.bytesValue();
      case 'bool':
        return this.boolValue();
      case 'float':
        return Math.fround(this.floatValue());
      case 'double':
        return this.floatValue();
      default:
        return this.integer(kind);
    }
  }

  /**
   * An integer token (with an optional leading `-`) checked against the range of `kind`: a
   * number for 32-bit kinds, a Long for 64-bit ones.
   */
  private integer(kind: ScalarKind): number | LongValue {
    const tk = this.tk;
    const { line, column } = tk;
    const negative = tk.isSymbol('-');
    if (negative) tk.next();
    if (!tk.at(TOKEN.INT)) throw tk.error(`Expected integer, found ${tk.describe()}.`);
    const text = tk.value;
    const wide = is64Bit(kind);
    const unsigned = isUnsigned(kind);
    const outOfRange = () => tk.error(`Integer out of range for ${kind}: ${negative ? '-' : ''}${text}.`, line, column);
    if (text.length <= 15 && (text.length === 1 || text.charCodeAt(0) !== 48)) {
      // Short decimal: exact as a double.
      const n = negative ? 0 - Number(text) : Number(text);
      const [lo, hi] = wide ? (unsigned ? [0, Infinity] : [-Infinity, Infinity]) : INT32_LIMITS[unsigned ? 1 : 0]!;
      if (n < lo || n > hi) throw outOfRange();
      tk.next();
      return wide ? Long.fromNumber(n, unsigned) : n;
    }
    const magnitude = integerTokenValue(text);
    const v = negative ? -magnitude : magnitude;
    const [lo, hi] = INT_RANGES[kind]!;
    if (v < lo || v > hi) throw outOfRange();
    tk.next();
    return wide ? bigIntToLong(v, unsigned) : Number(v);
  }

  private floatValue(): number {
    const tk = this.tk;
    const negative = tk.isSymbol('-');
    if (negative) tk.next();
    let v: number;
    if (tk.at(TOKEN.INT)) {
      v = Number(integerTokenValue(tk.value));
    } else if (tk.at(TOKEN.FLOAT)) {
      const s = tk.value;
      const last = s.charCodeAt(s.length - 1);
      v = Number(last === 102 || last === 70 ? s.slice(0, -1) : s);
    } else if (tk.at(TOKEN.IDENT)) {
      const word = tk.value.toLowerCase();
      if (word === 'inf' || word === 'infinity' || word === 'inff' || word === 'infinityf') v = Infinity;
      else if (word === 'nan' || word === 'nanf') v = NaN;
      else throw tk.error(`Expected a number, found ${tk.describe()}.`);
    } else {
      throw tk.error(`Expected a number, found ${tk.describe()}.`);
    }
    tk.next();
    return negative ? -v : v;
  }

  private boolValue(): boolean {
    const tk = this.tk;
    const s = tk.value;
    let v: boolean;
    if (tk.at(TOKEN.IDENT) && (s === 'true' || s === 'True' || s === 't')) v = true;
    else if (tk.at(TOKEN.IDENT) && (s === 'false' || s === 'False' || s === 'f')) v = false;
    else if (tk.at(TOKEN.INT) && (s === '1' || s === '0')) v = s === '1';
    else throw tk.error(`Expected "true" or "false", found ${tk.describe()}.`);
    tk.next();
    return v;
  }

  private enumValue(field: FieldInfo): number {
    const tk = this.tk;
    const e = field.enumType!;
    if (tk.at(TOKEN.IDENT)) {
      const v = e.byName.get(tk.value);
      if (v === undefined) throw tk.error(`Unknown enumeration value "${tk.value}" for field "${field.name}" (enum ${e.fullName}).`);
      tk.next();
      return v;
    }
    const { line, column } = tk;
    const v = this.integer('int32') as number;
    if (e.closed && !e.byNumber.has(v)) {
      throw tk.error(`Unknown enumeration value ${v} for field "${field.name}" (enum ${e.fullName}).`, line, column);
    }
    return v;
  }

  /** One or more adjacent string literals, concatenated, as bytes. */
  private bytesValue(): Uint8Array {
    const tk = this.tk;
    if (!tk.at(TOKEN.STRING)) throw tk.error(`Expected string, found ${tk.describe()}.`);
    const sink = new ByteSink(tk.end - tk.start);
    while (tk.at(TOKEN.STRING)) {
      this.unescape(tk.start + 1, tk.end - 1, sink);
      tk.next();
    }
    return sink.bytes();
  }

  /** One or more adjacent string literals, concatenated, as text (escapes must make UTF-8). */
  private stringValue(): string {
    const tk = this.tk;
    const { line, column } = tk;
    if (!tk.at(TOKEN.STRING)) throw tk.error(`Expected string, found ${tk.describe()}.`);
    const raw: string[] = [];
    let sink: ByteSink | undefined;
    while (tk.at(TOKEN.STRING)) {
      const start = tk.start + 1;
      const end = tk.end - 1;
      if (sink === undefined && !hasBackslash(tk.text, start, end)) {
        raw.push(tk.text.slice(start, end));
      } else {
        if (sink === undefined) {
          // Escapes: switch to bytes (the text so far has none, so only its UTF-8 is written).
          sink = new ByteSink(end - start);
          for (const piece of raw) unescapeInto(piece, 0, piece.length, sink);
        }
        this.unescape(start, end, sink);
      }
      tk.next();
    }
    if (sink === undefined) return raw.length === 1 ? raw[0]! : raw.join('');
    try {
      return utf8Strict.decode(sink.bytes());
    } catch {
      throw tk.error('String field value is not valid UTF-8.', line, column);
    }
  }

  private unescape(start: number, end: number, sink: ByteSink): void {
    const tk = this.tk;
    try {
      unescapeInto(tk.text, start, end, sink);
    } catch (e) {
      if (e instanceof EscapeError) throw tk.error(e.message, tk.line, tk.column + (e.offset - tk.start));
      throw e;
    }
  }
}

function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** The value of an INT token: decimal, `0x` hex or leading-zero octal. */
function integerTokenValue(s: string): bigint {
  if (s.length > 1 && s.charCodeAt(0) === 48) {
    const x = s.charCodeAt(1);
    return x === 120 || x === 88 ? BigInt(s) : BigInt(`0o${s.slice(1)}`);
  }
  return BigInt(s);
}

function zeroKey(field: FieldInfo): string {
  if (field.scalar === 'string') return '';
  if (field.scalar === 'bool') return 'false';
  return is64Bit(field.scalar!) ? longKey(Long.fromBits(0, 0, isUnsigned(field.scalar!))) : '0';
}

/** The object key decode uses for a map key: protobufjs' 8-character hash for 64-bit integers. */
function mapKeyText(field: FieldInfo, key: unknown): string {
  const kind = field.scalar!;
  if (is64Bit(kind)) return longKey(bigIntToLong(int64ToBigInt(key, isUnsigned(kind)), isUnsigned(kind)));
  return String(key);
}
