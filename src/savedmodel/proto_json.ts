/**
 * Protobuf JSON (as Python's `json_format.MessageToDict` writes it: camelCase names, enums by
 * name, 64-bit integers as strings, bytes as base64) → a message object the generated classes
 * encode. Used for data tables generated from TensorFlow (op_list_data.ts).
 */
import Long from 'long';
import { SavedModelError } from '../errors.js';
import { tensorflowTextSchema } from '../textformat/index.js';
import type { FieldInfo, MessageInfo } from '../textformat/index.js';

type Msg = Record<string, unknown>;

function base64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

function scalar(f: FieldInfo, v: unknown, find: (n: string) => MessageInfo): unknown {
  if (f.kind === 'message') return convert(find(f.messageTypeName!), v as Msg, find);
  if (f.kind === 'enum') {
    if (typeof v === 'number') return v;
    const n = f.enumType!.byName.get(String(v));
    if (n === undefined) throw new SavedModelError('INVALID_ARGUMENT', `unknown enum value ${String(v)} for ${f.name}`);
    return n;
  }
  if (f.scalar === 'bytes') return base64(String(v));
  if (f.scalar && /64$/.test(f.scalar)) return Long.fromString(String(v), f.scalar.startsWith('u') || f.scalar === 'fixed64');
  return v;
}

function convert(info: MessageInfo, json: Msg, find: (n: string) => MessageInfo): Msg {
  const out: Msg = {};
  for (const f of info.fields) {
    const v = json[f.prop] ?? json[f.name];
    if (v === undefined || v === null) continue;
    if (f.mapEntry) {
      const valueField = f.mapEntry.fields.find((x) => x.number === 2)!;
      const m: Msg = {};
      for (const [k, x] of Object.entries(v as Msg)) m[k] = scalar(valueField, x, find);
      out[f.prop] = m;
    } else if (f.repeated) out[f.prop] = (v as unknown[]).map((x) => scalar(f, x, find));
    else out[f.prop] = scalar(f, v, find);
  }
  return out;
}

/** Converts protobuf JSON of message type `typeName` to a message object. */
export function fromProtoJson(typeName: string, json: Msg): Msg {
  const schema = tensorflowTextSchema();
  return convert(schema.message(typeName), json, (n) => schema.message(n));
}
