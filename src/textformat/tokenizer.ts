/**
 * Tokenizer of protobuf text format, following protobuf's C++ tokenizer: `#` comments,
 * identifiers, integers (decimal, `0x` hex, leading-zero octal), floats (`1.5`, `.5`, `1e-3`,
 * `1.5f`), single- or double-quoted strings, and one-character symbols. Tracks line and column
 * (1-based) of each token for error messages. One pass over the text, no regular expressions.
 */
import { SavedModelError } from '../errors.js';

/** Token kinds. */
export const TOKEN = { END: 0, IDENT: 1, INT: 2, FLOAT: 3, STRING: 4, SYMBOL: 5 } as const;
/** A token kind. */
export type TokenKind = (typeof TOKEN)[keyof typeof TOKEN];

const CH_0 = 48, CH_7 = 55, CH_9 = 57, CH_DOT = 46, CH_HASH = 35, CH_NL = 10, CH_BACKSLASH = 92;

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Reads tokens one at a time; `kind`, `start`, `end`, `line`, `column` describe the current one. */
export class Tokenizer {
  readonly text: string;
  /** Names the input in error messages, e.g. `text format of tensorflow.SavedModel`. */
  private readonly what: string;
  kind: TokenKind = TOKEN.END;
  start = 0;
  end = 0;
  line = 1;
  column = 1;
  private pos = 0;
  private lineNo = 1;
  private lineStart = 0;

  constructor(text: string, what: string) {
    this.text = text;
    this.what = what;
    this.next();
  }

  /** The current token's text. */
  get value(): string {
    return this.text.slice(this.start, this.end);
  }

  /** True when the current token is of kind `kind`. */
  at(kind: TokenKind): boolean {
    return this.kind === kind;
  }

  /** True when the current token is the one-character symbol `s`. */
  isSymbol(s: string): boolean {
    return this.kind === TOKEN.SYMBOL && this.text.charCodeAt(this.start) === s.charCodeAt(0);
  }

  /** A SavedModelError('INVALID_ARGUMENT') at the current token (or at `line`:`column`). */
  error(message: string, line = this.line, column = this.column): SavedModelError {
    return new SavedModelError('INVALID_ARGUMENT', `${this.what}, ${line}:${column}: ${message}`);
  }

  /** Describes the current token for "expected X, found Y" messages. */
  describe(): string {
    if (this.kind === TOKEN.END) return 'end of input';
    const v = this.value;
    return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  }

  /** Moves to the next token. */
  next(): void {
    const text = this.text;
    const n = text.length;
    let pos = this.pos;
    // Skip whitespace and comments, counting lines.
    for (;;) {
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      if (c === CH_NL) {
        pos++;
        this.lineNo++;
        this.lineStart = pos;
      } else if (isSpace(c)) {
        pos++;
      } else if (c === CH_HASH) {
        const eol = text.indexOf('\n', pos);
        pos = eol < 0 ? n : eol;
      } else {
        break;
      }
    }
    this.start = pos;
    this.line = this.lineNo;
    this.column = pos - this.lineStart + 1;
    if (pos >= n) {
      this.kind = TOKEN.END;
      this.end = this.pos = pos;
      return;
    }
    const c = text.charCodeAt(pos);
    if (isLetter(c)) {
      pos++;
      while (pos < n && (isLetter(text.charCodeAt(pos)) || isDigit(text.charCodeAt(pos)))) pos++;
      this.kind = TOKEN.IDENT;
    } else if (isDigit(c) || (c === CH_DOT && pos + 1 < n && isDigit(text.charCodeAt(pos + 1)))) {
      pos = this.number(pos);
    } else if (c === 34 || c === 39) {
      pos = this.string(pos, c);
      this.kind = TOKEN.STRING;
    } else {
      pos++;
      this.kind = TOKEN.SYMBOL;
    }
    this.end = this.pos = pos;
  }

  private number(start: number): number {
    const text = this.text;
    const n = text.length;
    let pos = start;
    let isFloat = false;
    const c0 = text.charCodeAt(pos);
    const c1 = pos + 1 < n ? text.charCodeAt(pos + 1) : 0;
    if (c0 === CH_0 && (c1 === 120 || c1 === 88)) {
      pos += 2;
      if (pos >= n || !isHex(text.charCodeAt(pos))) throw this.error('"0x" must be followed by hex digits.');
      while (pos < n && isHex(text.charCodeAt(pos))) pos++;
    } else if (c0 === CH_0 && isDigit(c1)) {
      pos++;
      while (pos < n && isDigit(text.charCodeAt(pos))) {
        if (text.charCodeAt(pos) > CH_7) throw this.error('Numbers starting with leading zero must be in octal.');
        pos++;
      }
    } else {
      while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
      if (pos < n && text.charCodeAt(pos) === CH_DOT) {
        isFloat = true;
        pos++;
        while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
      }
      const e = pos < n ? text.charCodeAt(pos) : 0;
      if (e === 101 || e === 69) {
        isFloat = true;
        pos++;
        const sign = pos < n ? text.charCodeAt(pos) : 0;
        if (sign === 43 || sign === 45) pos++;
        if (pos >= n || !isDigit(text.charCodeAt(pos))) throw this.error('"e" must be followed by exponent.');
        while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
      }
      const f = pos < n ? text.charCodeAt(pos) : 0;
      if (f === 102 || f === 70) {
        isFloat = true;
        pos++;
      }
    }
    if (pos < n && (isLetter(text.charCodeAt(pos)) || isDigit(text.charCodeAt(pos)) || text.charCodeAt(pos) === CH_DOT)) {
      throw this.error(`Need space between number and identifier: ${JSON.stringify(text.slice(start, pos + 1))}.`);
    }
    this.kind = isFloat ? TOKEN.FLOAT : TOKEN.INT;
    return pos;
  }

  private string(start: number, quote: number): number {
    const text = this.text;
    const n = text.length;
    let pos = start + 1;
    for (;;) {
      if (pos >= n) throw this.error('Unexpected end of string.');
      const c = text.charCodeAt(pos);
      if (c === quote) return pos + 1;
      if (c === CH_NL) throw this.error('String literals cannot cross line boundaries.');
      pos += c === CH_BACKSLASH ? 2 : 1;
    }
  }
}
