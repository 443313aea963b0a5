/**
 * Lazily decoded messages: the decoder (fastDecodeLazy) validates a FunctionDef in place and hands
 * its bytes here; `lazyMessage` returns a Proxy that behaves as the decoded message for every
 * consumer (property reads and writes, `in`, keys, spread, JSON, instanceof, protobufjs
 * encode/toObject, util.inspect). Its target is an empty object that the first operation of any
 * kind turns into the decoded message, in place (constructor fields, prototype, then the fast
 * decoder into it); the handler then drops its traps, so later operations go straight to the
 * target. The bytes are a view of the decoded buffer (no copy), kept until then.
 */
import { fastDecodeInto } from './gen/fast_decode.js';
import { tensorflow } from './gen/tensorflow.js';

type Ctor = (this: object) => void;

/** Per-proxy state; its prototype is TRAPS until materialized, then null (plain forwarding). */
interface LazyState extends ProxyHandler<object> {
  bytes: Uint8Array | null;
  readonly typeName: string;
  readonly target: object;
  /** `signature.name` read from the bytes (FunctionDef), once asked. */
  name?: string | null;
}

/** The message classes lazy decoding can produce, by type name. */
const CLASSES: Record<string, { ctor: Ctor; prototype: object; pending: object }> = {};

const states = new WeakMap<object, LazyState>();

function register(typeName: string, cls: { prototype: object }): void {
  // Until materialized, the target inherits from `pending`: the class's prototype plus a
  // util.inspect hook (Node inspects a Proxy's target without running traps).
  const pending = Object.create(cls.prototype, {
    [Symbol.for('nodejs.util.inspect.custom')]: {
      value(this: object): object {
        const s = states.get(this);
        if (!s) return this;
        materialize(s);
        return s.target;
      },
    },
  }) as object;
  CLASSES[typeName] = { ctor: cls as unknown as Ctor, prototype: cls.prototype, pending };
}

register('tensorflow.FunctionDef', tensorflow.FunctionDef);

function materialize(s: LazyState): void {
  const bytes = s.bytes;
  if (bytes === null) return;
  s.bytes = null;
  Object.setPrototypeOf(s, null);
  const cls = CLASSES[s.typeName];
  Object.setPrototypeOf(s.target, cls.prototype);
  cls.ctor.call(s.target);
  fastDecodeInto(s.typeName, bytes, s.target);
}

/** Every trap (all but a function's): materialize, then do what an ordinary object would. */
const TRAPS: ProxyHandler<object> = {};
for (const name of [
  'get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty',
  'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions',
] as const) {
  const forward = Reflect[name] as (...args: unknown[]) => unknown;
  (TRAPS as Record<string, unknown>)[name] = function (this: LazyState, ...args: unknown[]): unknown {
    materialize(this);
    return forward(...args);
  };
}

/**
 * The lazy stand-in for the message `typeName` serialized in `bytes` (already validated by the
 * decoder: materializing it cannot fail). The factory given to fastDecodeLazy.
 */
export function lazyMessage(typeName: string, bytes: Uint8Array): object {
  const cls = CLASSES[typeName];
  if (!cls) throw new Error(`lazyMessage: no lazy class for ${typeName}`);
  const target = Object.create(cls.pending) as object;
  const state = Object.create(TRAPS) as LazyState;
  state.bytes = bytes;
  (state as { typeName: string }).typeName = typeName;
  (state as { target: object }).target = target;
  const proxy = new Proxy(target, state);
  states.set(proxy, state);
  return proxy;
}

/** Whether `m` is a lazy message not decoded yet (for tests and diagnostics). */
export function isPendingLazy(m: object): boolean {
  return (states.get(m)?.bytes ?? null) !== null;
}

// Scanning position of the small reader below (the bytes were validated by the decoder).
let at = 0;

function varint(b: Uint8Array): number {
  let v = 0;
  for (let scale = 1; ; scale *= 128) {
    const x = b[at++];
    v += (x & 127) * scale;
    if (x < 128) return v;
  }
}

/** Skips the rest of a field of wire type `wire` (its tag read). */
function skipField(b: Uint8Array, wire: number): void {
  if (wire === 0) varint(b);
  else if (wire === 1) at += 8;
  else if (wire === 2) {
    const n = varint(b); // (not `at += varint(b)`: that adds to the position before the length)
    at += n;
  }
  else if (wire === 5) at += 4;
  else if (wire === 3) {
    for (let tag = varint(b); tag % 8 !== 4; tag = varint(b)) skipField(b, tag % 8);
  } else throw new Error(`lazy message: wire type ${wire} in validated bytes`);
}

/** The last value of string field 1 of message field 1 in `b` (FunctionDef.signature.name); null without field 1. */
function signatureName(b: Uint8Array): string | null {
  let start = -1;
  let end = -1;
  let signature = false;
  at = 0;
  while (at < b.length) {
    const tag = varint(b);
    if (tag !== ((1 << 3) | 2)) {
      skipField(b, tag % 8);
      continue;
    }
    signature = true;
    const stop = varint(b) + at;
    while (at < stop) {
      const t2 = varint(b);
      if (t2 !== ((1 << 3) | 2)) {
        skipField(b, t2 % 8);
        continue;
      }
      const n = varint(b);
      start = at;
      end = at += n;
    }
  }
  if (!signature) return null;
  return start < 0 ? '' : new TextDecoder().decode(b.subarray(start, end));
}

/**
 * `f.signature?.name`, without decoding `f` when it is a lazy FunctionDef not decoded yet (so
 * indexing a function library by name leaves the bodies undecoded).
 */
export function functionNameOf(f: { signature?: { name?: string | null } | null }): string | null | undefined {
  const s = states.get(f);
  if (s !== undefined && s.bytes !== null) {
    if (s.name === undefined) s.name = signatureName(s.bytes);
    return s.name === null ? undefined : s.name;
  }
  return f.signature?.name;
}
