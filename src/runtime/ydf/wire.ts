/**
 * A minimal protobuf field walker for the few Yggdrasil Decision Forests messages the tfdf
 * kernels read (model header, data spec, forest headers, tree nodes). Field numbers follow YDF's
 * .proto files; unknown fields are skipped.
 */
import protobuf from 'protobufjs/minimal.js';

/** Calls `on(field, reader, wireType)` for each field; `on` returns false to have the field skipped. */
export function walk(bytes: Uint8Array, on: (field: number, r: protobuf.Reader, wire: number) => boolean): void {
  const r = protobuf.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (!on(field, r, wire)) r.skipType(wire);
  }
}

/** A repeated numeric field, packed (wire type 2) or not, appended to `out`. */
export function repeated(r: protobuf.Reader, wire: number, read: (r: protobuf.Reader) => number, out: number[]): void {
  if (wire !== 2) {
    out.push(read(r));
    return;
  }
  const end = r.uint32() + r.pos;
  while (r.pos < end) out.push(read(r));
}

/** Reads a varint int64 as a JS number. */
export function int64(r: protobuf.Reader): number {
  const v = r.int64() as unknown as number | { toNumber(): number };
  return typeof v === 'number' ? v : v.toNumber();
}
