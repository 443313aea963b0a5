/**
 * Text format printer: fields in field-number order, two-space indent, `name: value` for
 * scalars and `name {` … `}` for messages, map entries in key order, and the details (float
 * digits, string escapes, map order, Any expansion) of the implementation named by the dialect —
 * TensorFlow writes its text files from Python, with `text_format.MessageToString` or `str()`.
 */
import { SavedModelError } from '../errors.js';
import { cEscapeBytes, cEscapeString } from './escape.js';
import { formatDouble, formatFloat, type FloatStyle } from './floats.js';
import type { FieldInfo, MessageInfo, TextSchema } from './schema.js';
import {
  compareMapKeys, compareMapKeysUpb, int64Text, is64Bit, isNonZero, isUnsigned, mapKeyValue, type MapKey,
} from './values.js';

/**
 * Which implementation's text output to reproduce:
 * - `'python'`: Python's `text_format.MessageToString` (fields with values, floats as the fewest
 *   digits that read back, maps sorted by key, Any expanded);
 * - `'upb'`: Python's `str(message)` on the upb backend (protobuf 7), upb's own text encoder:
 *   C-style `%.9g`/`%.17g` floats, every map entry with its key and value, maps in upb's order
 *   (integers as unsigned, strings in reverse byte order), non-ASCII text unescaped, Any packed;
 * - `'upb-4'`: the same with protobuf 4's upb (fields in .proto declaration order, signed
 *   integer keys in signed order);
 * - `'cpp'`: C++ `TextFormat::Printer` defaults (C-style floats, maps sorted by key, Any packed).
 */
export type TextDialect = 'python' | 'upb' | 'upb-4' | 'cpp';

/** Options of the text printer. The defaults give Python's `text_format.MessageToString(message)` before protobuf 7. */
export interface TextPrintOptions {
  /** Whose output to reproduce (default `'python'`). */
  dialect?: TextDialect;
  /**
   * `'python'` only: write string fields' non-ASCII text as is (`as_utf8=True`, the default of
   * protobuf 7 and so TensorFlow 2.21) instead of octal escapes of its UTF-8 bytes.
   */
  asUtf8?: boolean;
  /**
   * `'python'` only: `'repr'` writes floats widened to double (`float_format=''`, as
   * `tf.io.write_graph` did before TensorFlow 2.21); default `'shortest'`.
   */
  floatFormat?: 'shortest' | 'repr';
  /** Deepest message nesting printed (default MAX_TEXT_DEPTH). */
  maxDepth?: number;
}

/** Default nesting limit of the printer and parser: 100 levels, protobuf's default recursion limit. */
export const MAX_TEXT_DEPTH = 100;

/** The print options reproducing TensorFlow's text writers. */
export const TF_TEXT_STYLES = {
  /** `str(saved_model)`: saved_model.pbtxt of `SavedModelBuilder.save(as_text=True)` (protobuf 7's upb). */
  savedModelPbtxt: { dialect: 'upb' },
  /** `text_format.MessageToString(state)`: the `checkpoint` state file. */
  checkpointState: { dialect: 'python' },
  /** `tf.io.write_graph(as_text=True)` and `export_meta_graph(as_text=True)` in TensorFlow 2.21 (protobuf 7). */
  writeGraph: { dialect: 'python', asUtf8: true },
  /** `tf.io.write_graph(as_text=True)` before TensorFlow 2.21: `float_format=''`. */
  writeGraphLegacy: { dialect: 'python', floatFormat: 'repr' },
} as const satisfies Record<string, TextPrintOptions>;

type Message = Record<string, unknown>;

const INDENTS: string[] = [''];
function indentOf(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(' '.repeat(2 * INDENTS.length));
  return INDENTS[depth]!;
}

/** Prints `message` (of type `info`) as text format. */
export function printMessage(schema: TextSchema, info: MessageInfo, message: object, options: TextPrintOptions = {}): string {
  const printer = new Printer(schema, options);
  printer.message(info, message as Message, 0);
  return printer.finish();
}

/** Pieces joined into a chunk every CHUNK_PIECES pushes, so small strings die young. */
const CHUNK_PIECES = 4096;

class Printer {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];
  private readonly schema: TextSchema;
  private readonly floats: FloatStyle;
  private readonly asUtf8: boolean;
  private readonly expandAny: boolean;
  /** Map entries print key and value even when zero (upb, C++). */
  private readonly entryFieldsAlways: boolean;
  private readonly keyOrder: (a: MapKey, b: MapKey) => number;
  /** Fields in .proto declaration order instead of field-number order (protobuf 4's upb). */
  private readonly declarationOrder: boolean;
  private readonly maxDepth: number;

  constructor(schema: TextSchema, options: TextPrintOptions) {
    this.schema = schema;
    const dialect = options.dialect ?? 'python';
    const python = dialect === 'python';
    this.floats = python ? (options.floatFormat === 'repr' ? 'python-repr' : 'python') : 'cpp';
    this.asUtf8 = python ? options.asUtf8 === true : dialect !== 'cpp';
    this.expandAny = python;
    this.entryFieldsAlways = !python;
    if (dialect === 'upb') this.keyOrder = (a, b) => compareMapKeysUpb(a, b, false);
    else if (dialect === 'upb-4') this.keyOrder = (a, b) => compareMapKeysUpb(a, b, true);
    else this.keyOrder = compareMapKeys;
    this.declarationOrder = dialect === 'upb-4';
    this.maxDepth = options.maxDepth ?? MAX_TEXT_DEPTH;
  }

  private emit(text: string): void {
    const pieces = this.pieces;
    pieces.push(text);
    if (pieces.length >= CHUNK_PIECES) {
      this.chunks.push(pieces.join(''));
      this.pieces = [];
    }
  }

  finish(): string {
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }

  message(info: MessageInfo, msg: Message, depth: number): void {
    if (depth > this.maxDepth) {
      throw new SavedModelError('INVALID_ARGUMENT', `text format: ${info.fullName} nests deeper than ${this.maxDepth} messages`);
    }
    if (info.isAny && this.expandAny && this.anyExpanded(msg, depth)) return;
    const active = info.oneofs.size > 0 ? activeOneofMembers(info, msg) : undefined;
    for (const field of this.declarationOrder ? info.declared : info.fields) {
      const value = msg[field.prop];
      if (field.mapEntry) {
        if (value !== null && typeof value === 'object') this.mapEntries(field, field.mapEntry, value as Message, depth);
      } else if (field.repeated) {
        const list = value as ArrayLike<unknown> | null | undefined;
        if (list) for (let i = 0; i < list.length; i++) this.field(field, list[i], depth);
      } else if (field.oneof !== undefined) {
        if (active!.has(field)) this.field(field, value, depth);
      } else if (field.presence) {
        if (value !== null && value !== undefined && (field.kind === 'message' || Object.prototype.hasOwnProperty.call(msg, field.prop))) {
          this.field(field, value, depth);
        }
      } else if (isNonZero(field, value) || (info.isMapEntry && this.entryFieldsAlways)) {
        this.field(field, value, depth);
      }
    }
  }

  private field(field: FieldInfo, value: unknown, depth: number): void {
    const indent = indentOf(depth);
    if (field.kind === 'message') {
      this.emit(`${indent}${field.textName} {\n`);
      const info = field.mapEntry ?? this.schema.message(field.messageTypeName!);
      this.message(info, value as Message, depth + 1);
      this.emit(`${indent}}\n`);
      return;
    }
    this.emit(`${indent}${field.textName}: ${this.scalar(field, value)}\n`);
  }

  private mapEntries(field: FieldInfo, entry: MessageInfo, map: Message, depth: number): void {
    const keyKind = entry.fields[0]!.scalar!;
    const keys = Object.keys(map).map((k) => ({ k, typed: mapKeyValue(keyKind, k) }));
    const order = this.keyOrder;
    keys.sort((a, b) => order(a.typed, b.typed));
    for (const { k, typed } of keys) this.field(field, { key: typed, value: map[k] }, depth);
  }

  /** Prints an Any as `[type_url] { … }`; false when its type is unknown or its bytes do not decode. */
  private anyExpanded(msg: Message, depth: number): boolean {
    const url = msg.type_url ?? msg.typeUrl;
    if (typeof url !== 'string' || url.indexOf('/') < 0) return false;
    const packed = this.schema.find(url.slice(url.lastIndexOf('/') + 1));
    if (!packed?.cls) return false;
    let inner: object;
    try {
      inner = packed.cls.decode((msg.value as Uint8Array | undefined) ?? new Uint8Array(0));
    } catch {
      return false;
    }
    const indent = indentOf(depth);
    this.emit(`${indent}[${url}] {\n`);
    this.message(packed, inner as Message, depth + 1);
    this.emit(`${indent}}\n`);
    return true;
  }

  private scalar(field: FieldInfo, v: unknown): string {
    if (field.kind === 'enum') return field.enumType!.byNumber.get(v as number) ?? String(v);
    const kind = field.scalar!;
    switch (kind) {
      case 'string':
        return `"${cEscapeString(String(v), this.asUtf8)}"`;
      case 'bytes':
        return `"${cEscapeBytes(v instanceof Uint8Array ? v : Uint8Array.from(v as ArrayLike<number>))}"`;
      case 'bool':
        return v ? 'true' : 'false';
      case 'float':
        return formatFloat(Number(v), this.floats);
      case 'double':
        return formatDouble(Number(v), this.floats);
      default:
        if (is64Bit(kind)) return int64Text(v, isUnsigned(kind));
        return String(v);
    }
  }
}

/** The oneof members to print: the one set member of each oneof (the last one assigned if several are). */
function activeOneofMembers(info: MessageInfo, msg: Message): Set<FieldInfo> {
  const active = new Set<FieldInfo>();
  for (const members of info.oneofs.values()) {
    const set = members.filter((m) => msg[m.prop] !== null && msg[m.prop] !== undefined);
    if (set.length === 1) active.add(set[0]!);
    else if (set.length > 1) {
      // Several members set by hand: the one assigned last wins, as protobufjs' oneof getter decides.
      const keys = Object.keys(msg);
      for (let i = keys.length - 1; i >= 0; i--) {
        const m = set.find((f) => f.prop === keys[i]);
        if (m) {
          active.add(m);
          break;
        }
      }
    }
  }
  return active;
}
