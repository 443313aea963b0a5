/**
 * Decoding of text format string literals into bytes: C escapes (`\n`, `\t`, `\a`, `\b`, `\f`,
 * `\v`, `\\`, `\?`, `\'`, `\"`), octal `\1`–`\377`, hex `\x` with one or two digits, `\u` and
 * `\U` code points (written as UTF-8); unescaped non-ASCII characters become their UTF-8 bytes.
 */

/** A growable byte buffer. */
export class ByteSink {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(Math.max(capacity, 16));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  push(b: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** Appends the UTF-8 encoding of a code point. */
  pushCodePoint(cp: number): void {
    this.reserve(4);
    const buf = this.buf;
    if (cp < 0x80) buf[this.length++] = cp;
    else if (cp < 0x800) {
      buf[this.length++] = 0xc0 | (cp >> 6);
      buf[this.length++] = 0x80 | (cp & 63);
    } else if (cp < 0x10000) {
      buf[this.length++] = 0xe0 | (cp >> 12);
      buf[this.length++] = 0x80 | ((cp >> 6) & 63);
      buf[this.length++] = 0x80 | (cp & 63);
    } else {
      buf[this.length++] = 0xf0 | (cp >> 18);
      buf[this.length++] = 0x80 | ((cp >> 12) & 63);
      buf[this.length++] = 0x80 | ((cp >> 6) & 63);
      buf[this.length++] = 0x80 | (cp & 63);
    }
  }

  /** The bytes written so far (a copy sized exactly). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const SIMPLE_ESCAPES: Record<number, number> = {
  97: 7, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11, 92: 92, 63: 63, 39: 39, 34: 34,
};

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Thrown with the offset (in `text`) of a bad escape; the parser adds line and column. */
export class EscapeError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** Appends the bytes of the literal text[start, end) (without its quotes) to `out`. */
export function unescapeInto(text: string, start: number, end: number, out: ByteSink): void {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 92) {
      if (c < 0x80) {
        out.push(c);
        i++;
      } else {
        const cp = text.codePointAt(i)!;
        out.pushCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
        i += cp > 0xffff ? 2 : 1;
      }
      continue;
    }
    const e = i + 1 < end ? text.charCodeAt(i + 1) : -1;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
      i += 2;
    } else if (e >= 48 && e <= 55) {
      let value = 0;
      let j = i + 1;
      while (j < end && j < i + 4 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 55) {
        value = value * 8 + (text.charCodeAt(j) - 48);
        j++;
      }
      out.push(value & 0xff);
      i = j;
    } else if (e === 120 || e === 88) {
      let value = 0;
      let j = i + 2;
      while (j < end && j < i + 4 && hexValue(text.charCodeAt(j)) >= 0) {
        value = value * 16 + hexValue(text.charCodeAt(j));
        j++;
      }
      if (j === i + 2) throw new EscapeError('Expected hex digits for escape sequence.', i);
      out.push(value);
      i = j;
    } else if (e === 117 || e === 85) {
      const digits = e === 117 ? 4 : 8;
      let cp = 0;
      for (let k = 0; k < digits; k++) {
        const h = i + 2 + k < end ? hexValue(text.charCodeAt(i + 2 + k)) : -1;
        if (h < 0) throw new EscapeError(`Expected ${digits} hex digits for \\${String.fromCharCode(e)} escape sequence.`, i);
        cp = cp * 16 + h;
      }
      i += 2 + digits;
      if (cp >= 0xd800 && cp <= 0xdbff && text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 117) {
        // A surrogate pair written as two \u escapes.
        let low = 0;
        let ok = i + 6 <= end;
        for (let k = 0; ok && k < 4; k++) {
          const h = hexValue(text.charCodeAt(i + 2 + k));
          if (h < 0) ok = false;
          low = low * 16 + h;
        }
        if (ok && low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i += 6;
        }
      }
      if (cp > 0x10ffff) throw new EscapeError('Unicode escape sequence is out of range.', i);
      out.pushCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
    } else {
      throw new EscapeError('Invalid escape sequence in string literal.', i);
    }
  }
}
