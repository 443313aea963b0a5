/**
 * numpy's .npz archives: ZIP files of `<name>.npy` members, stored or deflated (np.savez,
 * np.savez_compressed). The reader walks the central directory (with ZIP64 sizes and offsets)
 * and checks each member's CRC-32; the writer (used for `--outdir`-style round trips and tests)
 * writes stored or deflated members.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SavedModelError } from '../index.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

let table: Uint32Array | undefined;

/** CRC-32 (ZIP's polynomial 0xEDB88320). */
export function crc32(b: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const x of b) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function bad(what: string, msg: string): SavedModelError {
  return new SavedModelError('INVALID_ARGUMENT', `${what}: not a readable .npz archive: ${msg}`);
}

/** The members of an .npz archive by array name (`.npy` stripped), as .npy bytes. */
export function readNpz(bytes: Uint8Array, what = 'archive'): Map<string, Uint8Array> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(what, 'no end-of-central-directory record');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out = new Map<string, Uint8Array>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== CENTRAL) throw bad(what, `central directory entry ${k} is damaged`);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let compressed = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64: the 0xffffffff fields are in the extra block, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) (size = Number(dv.getBigUint64(q, true))), (q += 8);
        if (compressed === 0xffffffff) (compressed = Number(dv.getBigUint64(q, true))), (q += 8);
        if (local === 0xffffffff) local = Number(dv.getBigUint64(q, true));
      }
      e += 4 + len;
    }
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > bytes.length || dv.getUint32(local, true) !== LOCAL) throw bad(what, `member ${name}: bad local header`);
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    if (start + compressed > bytes.length) throw bad(what, `member ${name} is truncated`);
    const raw = bytes.subarray(start, start + compressed);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = new Uint8Array(inflateRawSync(raw));
      } catch (e) {
        throw bad(what, `member ${name} does not inflate: ${(e as Error).message}`);
      }
    } else throw bad(what, `member ${name} uses compression method ${method} (only stored and deflated are supported)`);
    if (data.length !== size || crc32(data) !== crc) throw bad(what, `member ${name} fails its size or CRC-32 check`);
    out.set(name.endsWith('.npy') ? name.slice(0, -4) : name, data);
  }
  return out;
}

/** Writes an .npz archive of .npy members (`deflate`: np.savez_compressed, else np.savez). */
export function writeNpz(members: ReadonlyMap<string, Uint8Array>, opts: { deflate?: boolean } = {}): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [key, data] of members) {
    const name = enc.encode(`${key}.npy`);
    const body = opts.deflate ? new Uint8Array(deflateRawSync(data)) : data;
    const method = opts.deflate ? 8 : 0;
    const crc = crc32(data);
    const lh = new Uint8Array(30 + name.length);
    const l = new DataView(lh.buffer);
    l.setUint32(0, LOCAL, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, method, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, data.length, true);
    l.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const c = new DataView(ch.buffer);
    c.setUint32(0, CENTRAL, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, method, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    ch.set(name, 46);
    locals.push(lh, body);
    centrals.push(ch);
    offset += lh.length + body.length;
  }
  const cdSize = centrals.reduce((a, b) => a + b.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, EOCD, true);
  e.setUint16(8, members.size, true);
  e.setUint16(10, members.size, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
