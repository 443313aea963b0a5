/**
 * YDF's blob-sequence files (`nodes-0000i-of-0000n`): an 8-byte header — "BS", a little-endian
 * uint16 version, then (version ≥ 1) a compression byte and 3 reserved bytes — followed by records
 * of a little-endian uint32 length and that many bytes. Version 1 may gzip the record stream.
 */
import { SavedModelError } from '../../errors.js';

async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The records of a blob-sequence file. */
export async function readBlobSequence(file: Uint8Array, what: string): Promise<Uint8Array[]> {
  if (file.length < 8 || file[0] !== 0x42 || file[1] !== 0x53) throw new SavedModelError('DATA_LOSS', `${what}: not a blob-sequence file (no "BS" header)`);
  const version = file[2] | (file[3] << 8);
  const compression = version >= 1 ? file[4] : 0;
  if (compression > 1) throw new SavedModelError('UNIMPLEMENTED', `${what}: blob-sequence compression ${compression}`);
  const body = compression === 1 ? await gunzip(file.subarray(8)) : file.subarray(8);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const out: Uint8Array[] = [];
  for (let pos = 0; pos < body.length;) {
    if (pos + 4 > body.length) throw new SavedModelError('DATA_LOSS', `${what}: truncated record header at byte ${pos}`);
    const len = view.getUint32(pos, true);
    pos += 4;
    if (pos + len > body.length) throw new SavedModelError('DATA_LOSS', `${what}: record of ${len} bytes runs past the end`);
    out.push(body.subarray(pos, pos + len));
    pos += len;
  }
  return out;
}
