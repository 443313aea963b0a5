// Generates src/proto/gen/fast_decode.js: one specialised decode function per message type of
// proto/*.proto, producing exactly what the protobufjs static decoders of tensorflow.js produce
// (same classes, own fields, defaults, oneof bookkeeping, Long for 64-bit integers, unknown
// fields kept in $unknowns, the same accept/reject decisions on malformed input), with fewer
// allocations: the reader state lives in module variables (no Reader object, no LongBits per
// 64-bit varint), short ASCII strings are interned, small Longs are shared, repeated fields are
// appended to the arrays the constructors create. The rules mirror protobufjs's decoder.js
// (the generator of tensorflow.js's decoders); see test/proto/fast_decode.test.ts for the
// differential tests against it.
import protobuf from 'protobufjs';

const { types } = protobuf;

/** Read expression of a scalar type (value of the field, advancing the position). */
function readExpr(type) {
  switch (type) {
    case 'int32': return 'rint32()';
    case 'uint32': return 'ruint32()';
    case 'sint32': return 'rsint32()';
    case 'fixed32': return 'rfixed32()';
    case 'sfixed32': return '(rfixed32() | 0)';
    case 'int64': return 'rlong(false)';
    case 'uint64': return 'rlong(true)';
    case 'sint64': return 'rsint64()';
    case 'fixed64': return 'rfixed64(true)';
    case 'sfixed64': return 'rfixed64(false)';
    case 'bool': return 'rbool()';
    case 'float': return 'rfloat()';
    case 'double': return 'rdouble()';
    case 'string': return 'rstring()';
    case 'bytes': return 'rbytes()';
    default: throw new Error(`gen-fast-decode: no reader for ${type}`);
  }
}

/** Packed-array reader of a packable scalar type. */
function packedExpr(type, ref) {
  if (type === 'float' || type === 'double' || type === 'fixed32' || type === 'sfixed32' || type === 'fixed64' || type === 'sfixed64') {
    const width = type === 'float' || type === 'fixed32' || type === 'sfixed32' ? 4 : 8;
    return `packedFixed(${ref}, ${width}, () => ${readExpr(type)})`;
  }
  return `packedVarint(${ref}, () => ${readExpr(type)})`;
}

const oneofVar = (oneof) => `o_${oneof.name.replace(/[^\w$]/g, '_')}`;

const prop = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

function checkSupported(type, field) {
  const closed = field.resolvedType instanceof protobuf.Enum && field.resolvedType._features.enum_type === 'CLOSED';
  if (closed) throw new Error(`gen-fast-decode: ${type.fullName}.${field.name}: closed enums are not supported`);
  if (field.delimited) throw new Error(`gen-fast-decode: ${type.fullName}.${field.name}: groups are not supported`);
  if (field.required) throw new Error(`gen-fast-decode: ${type.fullName}.${field.name}: required fields are not supported`);
  if ((field.type === 'string' || field.keyType === 'string') && field._features.utf8_validation !== 'VERIFY') {
    throw new Error(`gen-fast-decode: ${type.fullName}.${field.name}: only UTF-8-verified strings are supported`);
  }
}

function fieldCase(type, field, index) {
  checkSupported(type, field);
  const isEnum = field.resolvedType instanceof protobuf.Enum;
  const t = isEnum ? 'int32' : field.type;
  const ref = `m${prop(field.name)}`;
  const msgIndex = field.resolvedType instanceof protobuf.Type ? index.get(field.resolvedType) : undefined;
  const out = [];
  if (field.map) {
    const keyRead = readExpr(field.keyType);
    const valueIsMessage = types.basic[t] === undefined;
    let valueDefault;
    if (types.long[t] !== undefined) valueDefault = `Long.fromNumber(0, ${t === 'uint64' || t === 'fixed64'})`;
    else if (types.defaults[t] !== undefined) valueDefault = JSON.stringify(types.defaults[t]);
    else valueDefault = 'null';
    const keyDefault = types.defaults[field.keyType] !== undefined ? JSON.stringify(types.defaults[field.keyType]) : 'null';
    out.push(
      `case ${field.id}: {`,
      `  if (u !== 2) break;`,
      `  if (${ref} === EMPTY_OBJECT) ${ref} = {};`,
      `  const c2 = rsize() + pos;`,
      `  if (c2 > len) throw RangeError("index out of range");`,
      `  len = c2;`,
      `  let k = ${keyDefault}, v = ${valueDefault};`,
      `  while (pos < c2) {`,
      `    let t2 = rtag();`,
      `    const u2 = t2 & 7;`,
      `    switch (t2 >>>= 3) {`,
      `      case 1: if (u2 !== ${types.mapKey[field.keyType]}) break; k = ${keyRead}; continue;`,
      `      case 2: if (u2 !== ${valueIsMessage ? 2 : types.basic[t]}) break; v = ${valueIsMessage ? `d${msgIndex}(rsize(), q + 1, v)` : readExpr(t)}; continue;`,
      `    }`,
      `    skipType(u2, q, t2);`,
      `  }`,
      `  if (pos !== c2) throw RangeError("index out of range");`,
      `  len = c;`,
    );
    const val = valueIsMessage ? `v || new C${msgIndex}()` : 'v';
    if (types.long[field.keyType] !== undefined) {
      out.push(`  ${ref}[typeof k === "object" ? util.longToHash(k) : k] = ${val};`);
    } else {
      if (field.keyType === 'string') out.push(`  if (k === "__proto__") util.makeProp(${ref}, k);`);
      out.push(`  ${ref}[k] = ${val};`);
    }
    out.push('  continue;', '}');
    return out;
  }
  if (field.repeated) {
    out.push(`case ${field.id}: {`);
    if (types.packed[t] !== undefined) {
      out.push(`  if (u === 2) { if (!(${ref} && ${ref}.length)) ${ref} = []; ${packedExpr(t, ref)}; continue; }`);
    }
    const wire = types.basic[t] === undefined ? 2 : types.basic[t];
    out.push(`  if (u !== ${wire}) break;`);
    // The constructors give every repeated field its own empty array (protobufjs would replace
    // it by another empty array on the first element; appending to it gives the same result).
    const value = types.basic[t] === undefined ? `d${msgIndex}(rsize(), q + 1, undefined)` : readExpr(t);
    if (LAZY_FIELDS.has(`${type.fullName.slice(1)}.${field.name}`)) {
      // Lazy mode: validate the element in place (same checks, same errors), keep its bytes.
      out.push(
        `  if (lazy !== null) { const n = rsize(); const s = pos; v${msgIndex}(n, q + 1); ${ref}.push(lazy(${JSON.stringify(field.resolvedType.fullName.slice(1))}, buf.subarray(s, pos))); continue; }`,
      );
    }
    out.push(`  ${ref}.push(${value});`, '  continue;', '}');
    return out;
  }
  // The oneof's setter deletes the other members; only needed when one may be set already.
  const oneof = field.partOf
    ? [`  if (${oneofVar(field.partOf)} !== ${JSON.stringify(field.name)}) { if (${oneofVar(field.partOf)} !== null) m${prop(field.partOf.name)} = ${JSON.stringify(field.name)}; ${oneofVar(field.partOf)} = ${JSON.stringify(field.name)}; }`]
    : [];
  if (types.basic[t] === undefined) {
    out.push(`case ${field.id}: {`, `  if (u !== 2) break;`, `  ${ref} = d${msgIndex}(rsize(), q + 1, ${ref});`, ...oneof, '  continue;', '}');
    return out;
  }
  out.push(`case ${field.id}: {`, `  if (u !== ${types.basic[t]}) break;`);
  if (field.hasPresence) {
    out.push(`  ${ref} = ${readExpr(t)};`);
  } else {
    let cond;
    if (isEnum && field.typeDefault !== 0) cond = `(v = ${readExpr(t)}) !== ${JSON.stringify(field.typeDefault)}`;
    else if (t === 'string' || t === 'bytes') cond = `(v = ${readExpr(t)}).length`;
    else if (types.long[t] !== undefined) cond = `(v = ${readExpr(t)}).low || v.high`;
    else if (t === 'double' || t === 'float') cond = `!Object.is(v = ${readExpr(t)}, 0)`;
    else cond = `v = ${readExpr(t)}`;
    out.push(`  if (${cond}) ${ref} = v; else delete ${ref};`);
  }
  out.push(...oneof, '  continue;', '}');
  return out;
}

function messageFunction(type, i, index) {
  const fields = type.fieldsArray.map((f) => f.resolve());
  const body = [
    `function d${i}(n, q, g) {`,
    `  if (q > recursionLimit) throw Error("max depth exceeded");`,
    `  const c = pos + n;`,
    `  if (c > len) throw RangeError("index out of range");`,
    `  const l = len;`,
    `  len = c;`,
    `  const m = g || new C${i}();`,
    `  let v;`,
    // Which member of each oneof this call has set ("?": unknown, decoding into an existing message).
    ...type.oneofsArray.map((o) => `  let ${oneofVar(o)} = g ? "?" : null;`),
    `  while (pos < c) {`,
    `    const s = pos;`,
    `    let t = buf[pos];`,
    `    if (t < 128) pos++; else t = rtag();`,
  ];
  if (fields.length) {
    body.push('    const u = t & 7;', '    switch (t >>>= 3) {');
    for (const f of fields) body.push(...fieldCase(type, f, index).map((line) => `      ${line}`));
    body.push('    }', '    skipType(u, q, t);');
  } else {
    body.push('    skipType(t & 7, q, t);');
  }
  body.push(
    '    unknown(m, s);',
    '  }',
    '  if (pos !== c) throw RangeError("index out of range");',
    '  len = l;',
    '  return m;',
    '}',
  );
  return body.join('\n');
}

/** Validating read (no value built) of a scalar type: the same checks and errors as readExpr's. */
function skipExpr(type) {
  switch (type) {
    case 'int64': case 'uint64': case 'sint64': return 'varint64()';
    case 'fixed64': case 'sfixed64': return 'vfixed64()';
    case 'string': return 'vstring()';
    case 'bytes': return 'vbytes()';
    default: return readExpr(type);
  }
}

/** skipExpr as a statement, with an inline path for one-byte varints (all varint readers take it alike). */
function skipStatement(type) {
  const varint = ['int32', 'uint32', 'sint32', 'int64', 'uint64', 'sint64', 'bool'].includes(type);
  return varint ? `if (pos < len && buf[pos] < 128) pos++; else ${skipExpr(type)}` : skipExpr(type);
}

/** The validating counterpart of fieldCase: every read and check of the decoder, nothing built. */
function validateCase(type, field, index) {
  const isEnum = field.resolvedType instanceof protobuf.Enum;
  const t = isEnum ? 'int32' : field.type;
  const msgIndex = field.resolvedType instanceof protobuf.Type ? index.get(field.resolvedType) : undefined;
  if (field.map) {
    const valueIsMessage = types.basic[t] === undefined;
    return [
      `case ${field.id}: {`,
      `  if (u !== 2) break;`,
      `  const c2 = vsize() + pos;`,
      `  if (c2 > len) throw RangeError("index out of range");`,
      `  len = c2;`,
      `  while (pos < c2) {`,
      `    let t2 = buf[pos];`,
      `    if (t2 < 128) pos++; else t2 = rtag();`,
      `    const u2 = t2 & 7;`,
      `    switch (t2 >>>= 3) {`,
      `      case 1: if (u2 !== ${types.mapKey[field.keyType]}) break; ${skipStatement(field.keyType)}; continue;`,
      `      case 2: if (u2 !== ${valueIsMessage ? 2 : types.basic[t]}) break; ${valueIsMessage ? `v${msgIndex}(vsize(), q + 1)` : skipStatement(t)}; continue;`,
      `    }`,
      `    skipType(u2, q, t2);`,
      `  }`,
      `  if (pos !== c2) throw RangeError("index out of range");`,
      `  len = c;`,
      '  continue;',
      '}',
    ];
  }
  const out = [`case ${field.id}: {`];
  if (field.repeated && types.packed[t] !== undefined) {
    const fixed = { float: 4, fixed32: 4, sfixed32: 4, double: 8, fixed64: 8, sfixed64: 8 }[t];
    out.push(`  if (u === 2) { ${fixed ? `vpackedFixed(${fixed})` : `const e = vsize() + pos; const o = len; if (e > o) throw outOfRange(e - pos); len = e; while (pos < e) { ${skipStatement(t)}; } if (pos !== e) throw RangeError("index out of range"); len = o`}; continue; }`);
  }
  const wire = types.basic[t] === undefined ? 2 : types.basic[t];
  out.push(`  if (u !== ${wire}) break;`);
  out.push(`  ${types.basic[t] === undefined ? `v${msgIndex}(vsize(), q + 1)` : skipStatement(t)};`, '  continue;', '}');
  return out;
}

function validatorFunction(type, i, index) {
  const fields = type.fieldsArray.map((f) => f.resolve());
  const body = [
    `function v${i}(n, q) {`,
    `  if (q > recursionLimit) throw Error("max depth exceeded");`,
    `  const c = pos + n;`,
    `  if (c > len) throw RangeError("index out of range");`,
    `  const l = len;`,
    `  len = c;`,
    `  while (pos < c) {`,
    `    let t = buf[pos];`,
    `    if (t < 128) pos++; else t = rtag();`,
  ];
  if (fields.length) {
    body.push('    const u = t & 7;', '    switch (t >>>= 3) {');
    for (const f of fields) body.push(...validateCase(type, f, index).map((line) => `      ${line}`));
    body.push('    }', '    skipType(u, q, t);');
  } else {
    body.push('    skipType(t & 7, q, t);');
  }
  body.push('  }', '  if (pos !== c) throw RangeError("index out of range");', '  len = l;', '}');
  return body.join('\n');
}

/** The message types reachable from `roots` (themselves included). */
function reachable(roots) {
  const seen = new Set();
  const visit = (type) => {
    if (seen.has(type)) return;
    seen.add(type);
    for (const f of type.fieldsArray) if (f.resolve().resolvedType instanceof protobuf.Type) visit(f.resolvedType);
  };
  roots.forEach(visit);
  return seen;
}

function allTypes(ns, out = []) {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested.nestedArray) allTypes(nested, out);
  }
  return out;
}

/** The source text of fast_decode.js for the .proto files `files` (include root `protoDir`). */
export function generateFastDecode(protoDir, files) {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : `${protoDir}/${target}`);
  root.loadSync(files, { keepCase: false });
  root.resolveAll();
  const list = allTypes(root);
  const index = new Map(list.map((t, i) => [t, i]));
  const parts = [RUNTIME];
  parts.push(list.map((t, i) => `const C${i} = ${t.fullName.slice(1)};`).join('\n'));
  for (const [i, t] of list.entries()) parts.push(messageFunction(t, i, index));
  const lazyTypes = [...LAZY_FIELDS].map((path) => {
    const at = path.lastIndexOf('.');
    const field = root.lookupType(path.slice(0, at)).fields[path.slice(at + 1)].resolve();
    if (!field.repeated || !(field.resolvedType instanceof protobuf.Type)) throw new Error(`gen-fast-decode: ${path} must be a repeated message field`);
    // Materializing decodes into the lazy object's own target, which the oneof bookkeeping of a
    // top-level decode into an existing message would treat differently.
    if (field.resolvedType.oneofsArray.length) throw new Error(`gen-fast-decode: ${path}: lazy messages with oneofs are not supported`);
    return field.resolvedType;
  });
  for (const t of reachable(lazyTypes)) parts.push(validatorFunction(t, index.get(t), index));
  parts.push(
    '/** Decoders by full type name (no leading dot). */',
    `const decoders = { ${list.map((t, i) => `${JSON.stringify(t.fullName.slice(1))}: d${i}`).join(', ')} };`,
    ENTRY,
  );
  return parts.join('\n\n') + '\n';
}

/** The .d.ts of fast_decode.js. */
export const FAST_DECODE_DTS = `/** Decodes \`bytes\` as the message type \`typeName\` (e.g. 'tensorflow.SavedModel'), as the protobufjs static decoder with unknown fields kept would; throws on malformed input. */
export declare function fastDecode(typeName: string, bytes: Uint8Array): unknown;
/**
 * As fastDecode, but each element of the lazily kept repeated fields (FunctionDefLibrary.function)
 * is validated in place, with the same checks and errors as decoding it, and replaced by
 * \`factory(elementTypeName, elementBytes)\` (elementBytes: a view of \`bytes\`, no copy). The factory must not decode.
 */
export declare function fastDecodeLazy(typeName: string, bytes: Uint8Array, factory: (typeName: string, bytes: Uint8Array) => object): unknown;
/** Decodes \`bytes\` into \`target\`, a new (empty) instance of \`typeName\`'s class, as fastDecode would decode them into a fresh one; returns target. */
export declare function fastDecodeInto(typeName: string, bytes: Uint8Array, target: object): unknown;
/** Whether fastDecode knows \`typeName\`. */
export declare function hasFastDecoder(typeName: string): boolean;
`;

/**
 * Repeated message fields that lazy decoding (fastDecodeLazy) validates in place and hands to the
 * caller's factory as byte ranges instead of decoding them.
 */
const LAZY_FIELDS = new Set(['tensorflow.FunctionDefLibrary.function']);

const RUNTIME = String.raw`// Generated by scripts/gen-fast-decode.mjs from proto/*.proto. Do not edit.
import protobuf from "protobufjs/minimal.js";
import { google, tensorflow } from "./tensorflow.js";

const util = protobuf.util;
const Long = util.Long;
const EMPTY_OBJECT = util.emptyObject;
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Reader state of the decode in progress (decoding is synchronous and not re-entrant).
let buf = new Uint8Array(0);
let pos = 0;
let len = 0;
let view = new DataView(buf.buffer);
let recursionLimit = 100;

function outOfRange(n) {
  return RangeError("index out of range: " + pos + " + " + (n || 1) + " > " + len);
}

function varint32NearEnd() {
  let value = 0;
  for (let i = 0; i < 4; ++i) {
    if (pos >= len) throw outOfRange();
    const b = buf[pos++];
    value = (value | (b & 127) << i * 7) >>> 0;
    if (b < 128) return value;
  }
  throw outOfRange();
}

// The first four bytes of a 32-bit varint (the caller made sure five are there); \`more\` tells
// whether it goes on.
let more = false;

// Whether fewer than five bytes are left and a multi-byte varint starts (throws at the end).
function nearEnd() {
  if (len - pos >= 5) return false;
  if (pos >= len) throw outOfRange();
  return buf[pos] >= 128;
}

function varintHead() {
  let value = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    const b = buf[pos++];
    value = (value | (b & 127) << shift) >>> 0;
    if (b < 128) {
      more = false;
      return value;
    }
  }
  more = true;
  return value;
}

function ruint32() {
  if (nearEnd()) return varint32NearEnd();
  let value = varintHead();
  if (!more) return value;
  const b = buf[pos++];
  value = (value | (b & 15) << 28) >>> 0;
  if (b < 128) return value;
  for (let i = 0; i < 5; ++i) {
    if (pos >= len) throw outOfRange();
    if (buf[pos++] < 128) return value;
  }
  throw Error("invalid varint encoding");
}

function rint32() {
  return ruint32() | 0;
}

function rsint32() {
  const value = ruint32();
  return value >>> 1 ^ -(value & 1) | 0;
}

function rtag() {
  if (nearEnd()) return varint32NearEnd();
  let value = varintHead();
  if (!more) return value;
  const b = buf[pos++];
  value = (value | (b & 15) << 28) >>> 0;
  if (b < 128 && (b & 112) === 0) return value;
  throw Error("invalid tag encoding");
}

function rsize() {
  if (nearEnd()) return varint32NearEnd();
  let value = varintHead();
  if (!more) return value;
  const b = buf[pos++];
  if (b > 7) throw Error("invalid length encoding");
  return (value | b << 28) >>> 0;
}

// 64-bit varints: the two 32-bit halves land here (no object per value).
let lo = 0;
let hi = 0;

function varint64() {
  lo = 0;
  hi = 0;
  let i = 0;
  if (len - pos > 4) {
    for (; i < 4; ++i) {
      const b = buf[pos++];
      lo = (lo | (b & 127) << i * 7) >>> 0;
      if (b < 128) return;
    }
    const b = buf[pos++];
    lo = (lo | (b & 127) << 28) >>> 0;
    hi = (hi | (b & 127) >> 4) >>> 0;
    if (b < 128) return;
    i = 0;
  } else {
    for (; i < 4; ++i) {
      if (pos >= len) throw outOfRange();
      const b = buf[pos++];
      lo = (lo | (b & 127) << i * 7) >>> 0;
      if (b < 128) return;
    }
    throw outOfRange();
  }
  if (len - pos > 4) {
    for (; i < 5; ++i) {
      const b = buf[pos++];
      hi = (hi | (b & 127) << i * 7 + 3) >>> 0;
      if (b < 128) return;
    }
  } else {
    for (; i < 5; ++i) {
      if (pos >= len) throw outOfRange();
      const b = buf[pos++];
      hi = (hi | (b & 127) << i * 7 + 3) >>> 0;
      if (b < 128) return;
    }
  }
  throw Error("invalid varint encoding");
}

// Longs are immutable values: small ones are shared (as Long.fromInt shares -128..127).
const SMALL = 1024;
const smallSigned = [];
const smallUnsigned = [];
for (let i = 0; i < SMALL; i++) {
  smallSigned.push(new Long(i, 0, false));
  smallUnsigned.push(new Long(i, 0, true));
}
const minusOne = new Long(-1, -1, false);

function toLong(unsigned) {
  if (hi === 0 && lo < SMALL) return unsigned ? smallUnsigned[lo] : smallSigned[lo];
  if (!unsigned && hi === 0xffffffff && lo === 0xffffffff) return minusOne;
  return new Long(lo | 0, hi | 0, unsigned);
}

function rlong(unsigned) {
  varint64();
  return toLong(unsigned);
}

function rsint64() {
  varint64();
  const mask = -(lo & 1);
  lo = ((lo >>> 1 | hi << 31) ^ mask) >>> 0;
  hi = (hi >>> 1 ^ mask) >>> 0;
  return toLong(false);
}

function rfixed32() {
  if (pos + 4 > len) throw outOfRange(4);
  const value = (buf[pos] | buf[pos + 1] << 8 | buf[pos + 2] << 16 | buf[pos + 3] << 24) >>> 0;
  pos += 4;
  return value;
}

function rfixed64(unsigned) {
  if (pos + 8 > len) throw outOfRange(8);
  lo = (buf[pos] | buf[pos + 1] << 8 | buf[pos + 2] << 16 | buf[pos + 3] << 24) >>> 0;
  hi = (buf[pos + 4] | buf[pos + 5] << 8 | buf[pos + 6] << 16 | buf[pos + 7] << 24) >>> 0;
  pos += 8;
  return toLong(unsigned);
}

function rbool() {
  let value = false;
  for (let i = 0; i < 10; ++i) {
    if (pos >= len) throw outOfRange();
    const b = buf[pos++];
    if (b & 127) value = true;
    if (b < 128) return value;
  }
  throw Error("invalid varint encoding");
}

function rfloat() {
  if (pos + 4 > len) throw outOfRange(4);
  const value = view.getFloat32(pos, true);
  pos += 4;
  return value;
}

function rdouble() {
  if (pos + 8 > len) throw outOfRange(4);
  const value = view.getFloat64(pos, true);
  pos += 8;
  return value;
}

function rbytes() {
  const n = rsize();
  const start = pos;
  const end = pos + n;
  if (end > len) throw outOfRange(n);
  pos = end;
  return buf.subarray(start, end);
}

// Short ASCII strings are interned in a direct-mapped cache: op names, attribute keys, dtypes
// and device strings repeat across hundreds of thousands of nodes.
const INTERN_MAX = 40;
const INTERN_SLOTS = 1 << 13;
const interned = new Array(INTERN_SLOTS).fill("");
const charScratch = [];
for (let n = 0; n <= INTERN_MAX; n++) charScratch.push(new Array(n).fill(0));

function rstring() {
  const n = rsize();
  const start = pos;
  const end = pos + n;
  if (end > len) throw outOfRange(n);
  pos = end;
  if (n === 0) return "";
  if (n > INTERN_MAX) return strict.decode(buf.subarray(start, end));
  let h = n;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b > 127) return strict.decode(buf.subarray(start, end));
    h = (Math.imul(h, 31) + b) | 0;
  }
  const slot = h & (INTERN_SLOTS - 1);
  const hit = interned[slot];
  if (hit.length === n) {
    let i = 0;
    while (i < n && hit.charCodeAt(i) === buf[start + i]) i++;
    if (i === n) return hit;
  }
  const chars = charScratch[n];
  for (let i = 0; i < n; i++) chars[i] = buf[start + i];
  const s = String.fromCharCode.apply(null, chars);
  interned[slot] = s;
  return s;
}

function packedVarint(array, read) {
  const end = rsize() + pos;
  const outer = len;
  if (end > outer) throw outOfRange(end - pos);
  len = end;
  while (pos < end) array.push(read());
  if (pos !== end) throw RangeError("index out of range");
  len = outer;
}

function packedFixed(array, width, read) {
  const n = rsize();
  const end = pos + n;
  if (end > len) throw outOfRange(n);
  const count = width === 4 ? n >>> 2 : n >>> 3;
  for (let j = 0; j < count; ++j) array.push(read());
  if (pos !== end) throw outOfRange(width);
}

function skip(n) {
  if (pos + n > len) throw outOfRange(n);
  pos += n;
}

function skipType(wireType, depth, fieldNumber) {
  if (depth > recursionLimit) throw Error("max depth exceeded");
  if (fieldNumber === 0) throw Error("illegal tag: field number 0");
  switch (wireType) {
    case 0:
      do {
        if (pos >= len) throw outOfRange();
      } while (buf[pos++] & 128);
      break;
    case 1:
      skip(8);
      break;
    case 2:
      skip(rsize());
      break;
    case 3:
      for (;;) {
        const tag = rtag();
        const nested = tag >>> 3;
        const wt = tag & 7;
        if (!nested) throw Error("illegal tag: field number 0");
        if (wt === 4) {
          if (fieldNumber !== undefined && nested !== fieldNumber) throw Error("invalid end group tag");
          break;
        }
        skipType(wt, depth + 1, nested);
      }
      break;
    case 5:
      skip(4);
      break;
    default:
      throw Error("invalid wire type " + wireType + " at offset " + pos);
  }
}

function unknown(m, start) {
  util.makeProp(m, "$unknowns", false);
  (m.$unknowns || (m.$unknowns = [])).push(buf.subarray(start, pos));
}

// Validation (lazy decoding): the reads of rbytes, rstring, rfixed64 and the packed readers with
// the same checks and errors, building nothing.
// rsize, with an inline path for one-byte sizes.
function vsize() {
  if (pos < len) {
    const b = buf[pos];
    if (b < 128) {
      pos++;
      return b;
    }
  }
  return rsize();
}

function vbytes() {
  const n = vsize();
  const end = pos + n;
  if (end > len) throw outOfRange(n);
  pos = end;
}

function vstring() {
  const n = vsize();
  const start = pos;
  const end = pos + n;
  if (end > len) throw outOfRange(n);
  pos = end;
  // ASCII is valid UTF-8; anything else goes through the decoder rstring uses (same verdict,
  // same error). Four bytes at a time where they are aligned.
  let i = start;
  for (; i < end && ((i + wordShift) & 3) !== 0; i++) if (buf[i] > 127) return vutf8(start, end);
  let w = (i + wordShift) >> 2;
  const wEnd = (end + wordShift) >> 2;
  for (; w < wEnd; w++) if ((words[w] & 0x80808080) !== 0) return vutf8(start, end);
  for (i = Math.max(i, (w << 2) - wordShift); i < end; i++) if (buf[i] > 127) return vutf8(start, end);
}

function vutf8(start, end) {
  strict.decode(buf.subarray(start, end));
}

// buf as 32-bit words (from the aligned address at or before its start): byte i of buf is byte
// (i + wordShift) & 3 of words[(i + wordShift) >> 2].
let words = new Int32Array(0);
let wordShift = 0;

function vfixed64() {
  if (pos + 8 > len) throw outOfRange(8);
  pos += 8;
}

function vpackedFixed(width) {
  const n = vsize();
  const end = pos + n;
  if (end > len) throw outOfRange(n);
  pos += width === 4 ? (n >>> 2) * 4 : (n >>> 3) * 8;
  if (pos !== end) throw outOfRange(width);
}

// The factory of lazy elements while fastDecodeLazy runs (null: decode everything).
let lazy = null;
`;

const ENTRY = String.raw`export function hasFastDecoder(typeName) {
  return Object.prototype.hasOwnProperty.call(decoders, typeName);
}

function run(typeName, bytes, target, factory) {
  const decode = decoders[typeName];
  if (decode === undefined) throw Error("no decoder for " + typeName);
  if (!(bytes instanceof Uint8Array)) throw Error("illegal buffer");
  if (buf.length !== 0 || lazy !== null) throw Error("fast decoder re-entered");
  buf = bytes;
  pos = 0;
  len = bytes.length;
  view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  recursionLimit = protobuf.Reader.recursionLimit;
  lazy = factory;
  if (factory !== null) {
    wordShift = bytes.byteOffset & 3;
    words = new Int32Array(bytes.buffer, bytes.byteOffset - wordShift, (bytes.length + wordShift) >> 2);
  }
  try {
    return decode(len, 0, target);
  } finally {
    lazy = null;
    words = new Int32Array(0);
    buf = new Uint8Array(0);
    view = new DataView(buf.buffer);
  }
}

export function fastDecode(typeName, bytes) {
  return run(typeName, bytes, undefined, null);
}

export function fastDecodeLazy(typeName, bytes, factory) {
  return run(typeName, bytes, undefined, factory);
}

export function fastDecodeInto(typeName, bytes, target) {
  return run(typeName, bytes, target, null);
}
`;
