/** Decoded protobuf messages viewed with every field present (tests read fields they just wrote). */
import type Long from 'long';

/** `T` with optional and nullable fields made required, recursively (Long and bytes kept as is). */
export type Full<T> = T extends Long | Uint8Array | string | number | boolean
  ? T
  : T extends readonly (infer E)[]
    ? Full<NonNullable<E>>[]
    : T extends object
      ? { [K in keyof T]-?: Full<NonNullable<T[K]>> }
      : T;

/** The same object, typed as fully present. */
export function full<T>(x: T): Full<T> {
  return x as Full<T>;
}
