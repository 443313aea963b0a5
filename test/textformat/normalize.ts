/** Structural form of a message for deep comparison: set fields by .proto name, maps as sorted entries. */
import type { FieldInfo, MessageInfo, TextSchema } from '../../src/textformat/schema.js';
import { int64ToBigInt, is64Bit, isUnsigned, mapKeyValue } from '../../src/textformat/values.js';

type Msg = Record<string, unknown>;

function value(schema: TextSchema, field: FieldInfo, v: unknown): unknown {
  if (field.kind === 'message') return normalize(schema, schema.message(field.messageTypeName!), v as Msg);
  if (field.scalar === 'bytes') return `bytes:${Buffer.from(v as Uint8Array).toString('hex')}`;
  if (field.scalar && is64Bit(field.scalar)) return `int64:${int64ToBigInt(v, isUnsigned(field.scalar))}`;
  return v;
}

/** Every field set on `msg` (own properties, non-empty lists and maps), recursively. */
export function normalize(schema: TextSchema, info: MessageInfo, msg: Msg): Msg {
  const out: Msg = {};
  for (const f of info.fields) {
    const v = msg[f.prop];
    if (f.mapEntry) {
      const [k, val] = f.mapEntry.fields as [FieldInfo, FieldInfo];
      const entries = Object.keys((v as Msg | undefined) ?? {}).map(
        (key) => [String(mapKeyValue(k.scalar!, key)), value(schema, val, (v as Msg)[key])] as const,
      );
      entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      if (entries.length > 0) out[f.name] = entries;
    } else if (f.repeated) {
      const list = v as ArrayLike<unknown> | undefined;
      if (list && list.length > 0) out[f.name] = Array.from(list, (x) => value(schema, f, x));
    } else if (Object.prototype.hasOwnProperty.call(msg, f.prop) && v !== null && v !== undefined) {
      out[f.name] = value(schema, f, v);
    }
  }
  return out;
}
