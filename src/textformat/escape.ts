/**
 * C-style escaping of string and bytes values, as protobuf's CEscape does: `\n`, `\r`, `\t`,
 * `\"`, `\'`, `\\`, and three-digit octal for every other byte below 0x20 or from 0x7f up
 * (so non-ASCII text is written as the octal of its UTF-8 bytes). The UTF-8 form (upb's text
 * encoder, Python's as_utf8 since protobuf 7) escapes ASCII the same way and keeps non-ASCII text.
 */

const BACKSLASH = 92;

/** Output text (ASCII) of each byte value. */
const BYTE_TEXT: string[] = [];
for (let b = 0; b < 256; b++) {
  BYTE_TEXT.push(b < 0x20 || b >= 0x7f ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b));
}
BYTE_TEXT[9] = '\\t';
BYTE_TEXT[10] = '\\n';
BYTE_TEXT[13] = '\\r';
BYTE_TEXT[34] = '\\"';
BYTE_TEXT[39] = "\\'";
BYTE_TEXT[92] = '\\\\';

const latin1 = new TextDecoder('latin1');
const utf8 = new TextEncoder();

/** Bytes written as they are (no escape). */
const PLAIN = new Uint8Array(256);
for (let b = 0x20; b < 0x7f; b++) PLAIN[b] = 1;
PLAIN[34] = PLAIN[39] = PLAIN[BACKSLASH] = 0;

/** CEscape of raw bytes: printable ASCII as is, everything else escaped. Output is ASCII. */
export function cEscapeBytes(bytes: Uint8Array): string {
  const n = bytes.length;
  let i = 0;
  while (i < n && PLAIN[bytes[i]!] === 1) i++;
  if (i === n) return latin1.decode(bytes);
  // Each byte becomes at most 4 ASCII characters.
  const out = new Uint8Array(i + (n - i) * 4);
  out.set(bytes.subarray(0, i));
  let o = i;
  for (; i < n; i++) {
    const b = bytes[i]!;
    if (PLAIN[b] === 1) {
      out[o++] = b;
      continue;
    }
    const text = BYTE_TEXT[b]!;
    for (let k = 0; k < text.length; k++) out[o++] = text.charCodeAt(k);
  }
  return latin1.decode(out.subarray(0, o));
}

const PLAIN_TEXT = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;
const UTF8_ESCAPED = /[\x00-\x1f\x7f"'\\]/g;

/**
 * Escapes a string field value. Default: CEscape of its UTF-8 bytes. `asUtf8`: non-ASCII
 * characters kept as they are, ASCII escaped as CEscape does.
 */
export function cEscapeString(text: string, asUtf8: boolean): string {
  if (PLAIN_TEXT.test(text)) return text;
  if (asUtf8) return text.replace(UTF8_ESCAPED, (c) => BYTE_TEXT[c.charCodeAt(0)]!);
  return cEscapeBytes(utf8.encode(text));
}
