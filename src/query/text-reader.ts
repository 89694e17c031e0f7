/** @module The cursor over parameter text that the LISP and JSON readers share. */
import { type Position, QueryError } from "./query-error.ts";

export type LineColumn = { line: number; column: number };

const NON_ASCII_WHITESPACE = /\s/;

/** What `\s` matches, decided by the code unit (the regular expression only beyond ASCII). */
function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return NON_ASCII_WHITESPACE.test(String.fromCharCode(code));
}

/**
 * A cursor over parameter text that tracks line and column (1-based, columns
 * in UTF-16 code units), shared by the LISP and JSON readers.
 *
 * Every method does work linear in the text it consumes, and none looks
 * further ahead than it consumes (plus a constant): the text is hostile, up to
 * the size limits, and a reader built on this cursor is linear as long as it
 * consumes what it inspects.
 */
export class TextReader {
  offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    readonly text: string,
    readonly param: string,
  ) {}

  get done(): boolean {
    return this.offset >= this.text.length;
  }

  peek(): string {
    return this.text[this.offset] ?? "";
  }

  next(): string {
    if (this.done) return "";
    const char = this.text[this.offset] ?? "";
    this.offset += 1;
    if (char === "\n") {
      this.line += 1;
      this.lineStart = this.offset;
    }
    return char;
  }

  /** Moves the cursor forward to `end`, counting the line breaks on the way. */
  advanceTo(end: number): void {
    // Only the consumed range is scanned (an indexOf could run to the end of
    // the text on every call, which is quadratic over many small tokens).
    for (let i = this.offset; i < end; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line += 1;
        this.lineStart = i + 1;
      }
    }
    this.offset = end;
  }

  position(): LineColumn {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  /** Skips `\s` characters (including Unicode spaces), counting the line breaks. */
  skipWhitespace(): void {
    let end = this.offset;
    while (end < this.text.length && isWhitespace(this.text.charCodeAt(end))) end += 1;
    if (end > this.offset) this.advanceTo(end);
  }

  /** A LISP bare word: the run up to whitespace, a parenthesis or a double quote (possibly empty). */
  readBareWord(): string {
    const start = this.offset;
    let end = start;
    for (; end < this.text.length; end++) {
      const code = this.text.charCodeAt(end);
      if (code === 0x28 || code === 0x29 || code === 0x22 || isWhitespace(code)) break;
    }
    this.offset = end; // no line break in a word
    return this.text.slice(start, end);
  }

  fail(detail: string, at: Position = this.position()): never {
    throw new QueryError(this.param, "syntax", detail, at);
  }

  /**
   * A double-quoted string with JSON escapes; the cursor is on the opening
   * quote. Runs of plain characters are appended as slices; the cursor (and
   * its line count) moves over each run once.
   */
  readString(): string {
    const start = this.position();
    this.next();
    const text = this.text;
    let value = "";
    let i = this.offset;
    for (;;) {
      // A run of plain characters, up to the closing quote or a backslash.
      const runStart = i;
      let code = text.charCodeAt(i);
      while (i < text.length && code !== 0x22 && code !== 0x5c) code = text.charCodeAt(++i);
      if (i > runStart) value += text.slice(runStart, i);
      this.advanceTo(i);
      if (i >= text.length) this.fail("unterminated string", start);
      if (code === 0x22) {
        this.next();
        return value;
      }
      const at = this.position();
      this.next();
      value += this.readEscape(at);
      i = this.offset;
    }
  }

  /** The escape after a backslash (consumed), as the text it stands for. */
  private readEscape(at: LineColumn): string {
    const escaped = this.next();
    switch (escaped) {
      case '"':
      case "\\":
      case "/":
        return escaped;
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u": {
        const hex = this.text.slice(this.offset, this.offset + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape (expected 4 hex digits)", at);
        this.advanceTo(this.offset + 4);
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      default:
        return this.fail(`invalid escape '\\${escaped}'`, at);
    }
  }
}
