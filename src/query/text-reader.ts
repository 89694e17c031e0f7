import { type Position, QueryError } from "./errors.ts";

export type LineColumn = { line: number; column: number };

/**
 * A cursor over parameter text that tracks line and column (1-based, columns
 * in UTF-16 code units), shared by the LISP and JSON readers.
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

  position(): LineColumn {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  skipWhitespace(): void {
    while (!this.done && /\s/.test(this.peek())) this.next();
  }

  fail(detail: string, at: Position = this.position()): never {
    throw new QueryError(this.param, "syntax", detail, at);
  }

  /** A double-quoted string with JSON escapes; the cursor is on the opening quote. */
  readString(): string {
    const start = this.position();
    this.next();
    let value = "";
    for (;;) {
      if (this.done) this.fail("unterminated string", start);
      const at = this.position();
      const char = this.next();
      if (char === '"') return value;
      if (char !== "\\") {
        value += char;
        continue;
      }
      const escaped = this.next();
      switch (escaped) {
        case '"':
        case "\\":
        case "/":
          value += escaped;
          break;
        case "b":
          value += "\b";
          break;
        case "f":
          value += "\f";
          break;
        case "n":
          value += "\n";
          break;
        case "r":
          value += "\r";
          break;
        case "t":
          value += "\t";
          break;
        case "u": {
          const hex = this.text.slice(this.offset, this.offset + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape (expected 4 hex digits)", at);
          for (let i = 0; i < 4; i++) this.next();
          value += String.fromCharCode(Number.parseInt(hex, 16));
          break;
        }
        default:
          this.fail(`invalid escape '\\${escaped}'`, at);
      }
    }
  }
}
