/**
 * Canonical protobuf encoding: the bytes C++ protobuf's deterministic serialization produces,
 * which is what TensorFlow hashes for fingerprint.pb. protobufjs already writes fields in
 * field-number order and both key and value of map entries (as C++ does); this module makes the
 * message canonical first — every map's entries sorted by key, proto3 scalars holding their
 * default value dropped — so that `encodeCanonical` bytes equal C++'s.
 *
 * Limitation: JS objects iterate integer-like string keys ("0", "10", "9") numerically before
 * other keys, so a string-keyed map whose keys look like array indices cannot be put in byte
 * order; TensorFlow's own maps (attrs, signatures, functions) never have such keys.
 */
import { SavedModelError } from '../errors.js';
import { tensorflowTextSchema } from '../textformat/index.js';
import type { FieldInfo, MessageInfo } from '../textformat/index.js';

type Msg = Record<string, unknown>;

function isDefaultScalar(f: FieldInfo, v: unknown): boolean {
  if (f.presence || f.repeated || f.mapEntry) return false;
  if (f.kind === 'message') return false;
  if (v === 0 || v === false || v === '') return true;
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) return (v as { low: number; high: number }).low === 0 && (v as { high: number }).high === 0;
  if (typeof v === 'bigint') return v === 0n;
  return false;
}

function codePointCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function sortKeys(keys: string[], keyField: FieldInfo): string[] {
  if (keyField.scalar === 'string') return keys.sort(codePointCompare);
  if (keyField.scalar === 'bool') return keys.sort((a, b) => Number(a === 'true') - Number(b === 'true'));
  return keys.sort((a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function canonicalMessage(info: MessageInfo, msg: Msg, schemaFind: (n: string) => MessageInfo): Msg {
  const out: Msg = {};
  for (const f of info.fields) {
    const v = msg[f.prop];
    if (v === undefined || v === null) continue;
    const sub = f.kind === 'message' && f.messageTypeName ? schemaFind(f.messageTypeName) : undefined;
    if (f.mapEntry) {
      const valueField = f.mapEntry.fields.find((x) => x.number === 2)!;
      const keyField = f.mapEntry.fields.find((x) => x.number === 1)!;
      const valueType = valueField.kind === 'message' && valueField.messageTypeName ? schemaFind(valueField.messageTypeName) : undefined;
      const m: Msg = {};
      for (const k of sortKeys(Object.keys(v as Msg), keyField)) {
        const x = (v as Msg)[k];
        m[k] = valueType ? canonicalMessage(valueType, x as Msg, schemaFind) : x;
      }
      if (Object.keys(m).length) out[f.prop] = m;
    } else if (f.repeated) {
      const arr = v as unknown[];
      if (arr.length) out[f.prop] = sub ? arr.map((x) => canonicalMessage(sub, x as Msg, schemaFind)) : arr;
    } else if (sub) {
      out[f.prop] = canonicalMessage(sub, v as Msg, schemaFind);
    } else if (!isDefaultScalar(f, v)) {
      out[f.prop] = v;
    }
  }
  return out;
}

/** `message` (of protobuf type `typeName`, e.g. 'tensorflow.SavedModel') made canonical. */
export function canonicalize(typeName: string, message: object): Msg {
  const schema = tensorflowTextSchema();
  return canonicalMessage(schema.message(typeName), message as Msg, (n) => schema.message(n));
}

/** The canonical (C++ deterministic) encoding of `message` of type `typeName`. */
export function encodeCanonical(typeName: string, message: object): Uint8Array {
  const schema = tensorflowTextSchema();
  const info = schema.message(typeName);
  if (!info.cls) throw new SavedModelError('INTERNAL', `no generated class for ${typeName}`);
  return info.cls.encode(canonicalMessage(info, message as Msg, (n) => schema.message(n))).finish();
}
