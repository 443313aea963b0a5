/**
 * Bounded reading and error-checked decoding of protobuf files. Every failure becomes a
 * SavedModelError naming the file and the message type that was expected.
 */
import protobuf from 'protobufjs/minimal.js';
import { SavedModelError, isSavedModelError } from '../errors.js';
import type { FileSystem } from '../io/index.js';
import { fastDecodeLazy, hasFastDecoder } from '../proto/gen/fast_decode.js';
import { lazyMessage } from '../proto/lazy_message.js';

/** Protobuf's own hard limit on a serialized message: 2 GiB - 1 bytes. */
export const MAX_PROTO_BYTES = 2 ** 31 - 1;

/** A generated message class (only its decoder is needed here). */
export interface MessageDecoder<T> {
  decode(reader: protobuf.Reader | Uint8Array): T;
}

/**
 * Reads a whole file after checking its size against `maxBytes`, so that an absurd size is
 * refused before anything is allocated.
 */
export async function readBoundedFile(fs: FileSystem, path: string, maxBytes: number, what: string): Promise<Uint8Array> {
  const size = await fs.size(path);
  if (size > maxBytes) {
    throw new SavedModelError(
      'RESOURCE_EXHAUSTED',
      `${path}: ${what} is ${size} bytes, more than the limit of ${maxBytes} bytes`,
    );
  }
  const bytes = await fs.readFile(path);
  if (bytes.length !== size) {
    throw new SavedModelError('DATA_LOSS', `${path}: expected ${size} bytes of ${what}, read ${bytes.length} (file changed while reading?)`);
  }
  return bytes;
}

/**
 * Decodes `bytes` as message type `typeName` (its full name, e.g. 'tensorflow.SavedModel', which
 * selects the generated fast decoder; `type` decodes the rare type that has none). Unknown fields are kept (in `$unknowns`) so that
 * re-encoding loses nothing. Truncated or malformed input throws SavedModelError('DATA_LOSS').
 */
export function decodeMessage<T>(type: MessageDecoder<T>, typeName: string, bytes: Uint8Array, path: string): T {
  try {
    // The generated fast decoder (scripts/gen-fast-decode.mjs) gives the same objects as the
    // protobufjs class's decoder with unknown fields kept, with far fewer allocations. Function
    // bodies (FunctionDefLibrary.function) are validated now and decoded on first use
    // (src/proto/lazy_message.ts): malformed input still fails here, with the same error.
    if (hasFastDecoder(typeName)) return fastDecodeLazy(typeName, bytes, lazyMessage) as T;
    const reader = protobuf.Reader.create(bytes);
    reader.discardUnknown = false;
    return type.decode(reader);
  } catch (e) {
    if (isSavedModelError(e)) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new SavedModelError(
      'DATA_LOSS',
      `${path}: not a valid serialized ${typeName} (${bytes.length} bytes): ${reason}`,
      { cause: e },
    );
  }
}

/** Field numbers of the unknown fields kept on a decoded message (top level only). */
export function unknownFieldNumbers(message: { $unknowns?: Uint8Array[] }): number[] {
  const out: number[] = [];
  for (const raw of message.$unknowns ?? []) {
    const reader = protobuf.Reader.create(raw);
    out.push(reader.uint32() >>> 3);
  }
  return out;
}
