/**
 * @module The JSON syntax's reader, for filters (`qs=json`) and sorts (`ss=json`): JSON text, or a POST
 * body's already-parsed value, into a syntax tree (syntax.ts) located by JSON pointer.
 */
import { clip } from "../domain/client-text.ts";
import { LIMITS } from "./limits.ts";
import { QueryError } from "./query-error.ts";
import type { SyntaxNode } from "./syntax.ts";
import { TextReader } from "./text-reader.ts";

/**
 * Reads JSON text into a syntax tree whose nodes are located by JSON pointer
 * (syntax errors, which have no pointer yet, by line and column).
 *
 * A reader of our own rather than `JSON.parse`: it reports where the text is
 * wrong, and it refuses nesting beyond `maxNesting` as soon as it sees it.
 */
export function readJson(text: string, param: string, maxNesting = LIMITS.maxFilterDepth + 1): SyntaxNode {
  const reader: TextReader = new TextReader(text, param);
  reader.skipWhitespace();
  if (reader.done) reader.fail("expected a JSON value");
  const node = readValue(reader, "", 0, maxNesting);
  reader.skipWhitespace();
  if (!reader.done) reader.fail("unexpected content after the JSON value");
  return node;
}

function readValue(reader: TextReader, pointer: string, depth: number, maxNesting: number): SyntaxNode {
  const at = { pointer };
  const char = reader.peek();
  if (char === "[" || char === "{") {
    if (depth >= maxNesting) {
      throw new QueryError(reader.param, "limit", nestingMessage(maxNesting), reader.position());
    }
    return char === "["
      ? readArray(reader, pointer, depth, maxNesting)
      : readObject(reader, pointer, depth, maxNesting);
  }
  if (char === '"') return { kind: "string", value: reader.readString(), at };
  const end = literalEnd(reader.text, reader.offset);
  if (end === reader.offset) reader.fail(char === "" ? "unexpected end of input" : `unexpected character '${char}'`);
  const word = reader.text.slice(reader.offset, end);
  const position = reader.position();
  reader.advanceTo(end);
  if (word === "true" || word === "false") return { kind: "boolean", value: word === "true", at };
  if (word === "null") return { kind: "null", at };
  const value = Number(word);
  if (!Number.isFinite(value)) reader.fail(`number out of range '${clip(word)}'`, position);
  return { kind: "number", value: Object.is(value, -0) ? 0 : value, at };
}

/** Whether the character at `index` of `text` is an ASCII digit (false past the end). */
function isDigit(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

/**
 * Where the literal at `start` ends (`start` itself when there is none): the
 * longest prefix matching `true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`,
 * scanned once, so a number of any length is read whole in linear time.
 */
function literalEnd(text: string, start: number): number {
  for (const word of ["true", "false", "null"]) {
    if (text.startsWith(word, start)) return start + word.length;
  }
  let i = start;
  if (text[i] === "-") i += 1;
  if (text[i] === "0") i += 1;
  else if (isDigit(text, i)) while (isDigit(text, i)) i += 1;
  else return start;
  if (text[i] === "." && isDigit(text, i + 1)) {
    i += 1;
    while (isDigit(text, i)) i += 1;
  }
  if (text[i] === "e" || text[i] === "E") {
    let j = i + 1;
    if (text[j] === "+" || text[j] === "-") j += 1;
    if (isDigit(text, j)) {
      while (isDigit(text, j)) j += 1;
      i = j;
    }
  }
  return i;
}

function readArray(reader: TextReader, pointer: string, depth: number, maxNesting: number): SyntaxNode {
  reader.next();
  const items: SyntaxNode[] = [];
  reader.skipWhitespace();
  if (reader.peek() === "]") {
    reader.next();
    return { kind: "seq", items, at: { pointer } };
  }
  for (;;) {
    reader.skipWhitespace();
    items.push(readValue(reader, `${pointer}/${items.length}`, depth + 1, maxNesting));
    reader.skipWhitespace();
    const next = reader.next();
    if (next === "]") return { kind: "seq", items, at: { pointer } };
    if (next !== ",") reader.fail("expected ',' or ']'", previous(reader, next));
  }
}

function readObject(reader: TextReader, pointer: string, depth: number, maxNesting: number): SyntaxNode {
  reader.next();
  const entries: [string, SyntaxNode][] = [];
  reader.skipWhitespace();
  if (reader.peek() === "}") {
    reader.next();
    return { kind: "object", entries, at: { pointer } };
  }
  for (;;) {
    reader.skipWhitespace();
    if (reader.peek() !== '"') reader.fail("expected a string key");
    const key = reader.readString();
    reader.skipWhitespace();
    if (reader.next() !== ":") reader.fail("expected ':'");
    reader.skipWhitespace();
    entries.push([key, readValue(reader, `${pointer}/${escapePointer(key)}`, depth + 1, maxNesting)]);
    reader.skipWhitespace();
    const next = reader.next();
    if (next === "}") return { kind: "object", entries, at: { pointer } };
    if (next !== ",") reader.fail("expected ',' or '}'", previous(reader, next));
  }
}

/** Position of the character just consumed (or the end of input). */
function previous(reader: TextReader, consumed: string) {
  const here = reader.position();
  return consumed === "" || consumed === "\n" ? here : { line: here.line, column: here.column - 1 };
}

function nestingMessage(maxNesting: number): string {
  return `JSON is nested deeper than ${maxNesting} levels`;
}

/** RFC 6901: `~` and `/` in a key are escaped in a pointer. */
function escapePointer(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * The same tree from an already-parsed JSON value (a POST body's `q` or `s`).
 * Nesting is checked on the way down, so a deeply nested body cannot recurse far.
 */
export function fromJsonValue(
  value: unknown,
  param: string,
  maxNesting = LIMITS.maxFilterDepth + 1,
  pointer = "",
  depth = 0,
): SyntaxNode {
  const at = { pointer };
  if (value === null) return { kind: "null", at };
  if (typeof value === "string") return { kind: "string", value, at };
  if (typeof value === "boolean") return { kind: "boolean", value, at };
  if (typeof value === "number") return { kind: "number", value: Object.is(value, -0) ? 0 : value, at };
  if (typeof value !== "object") {
    throw new QueryError(param, "syntax", "expected a JSON value", at);
  }
  if (depth >= maxNesting) throw new QueryError(param, "limit", nestingMessage(maxNesting), at);
  if (Array.isArray(value)) {
    return {
      kind: "seq",
      items: value.map((item, i) => fromJsonValue(item, param, maxNesting, `${pointer}/${i}`, depth + 1)),
      at,
    };
  }
  return {
    kind: "object",
    entries: Object.entries(value).map(
      ([key, item]) =>
        [key, fromJsonValue(item, param, maxNesting, `${pointer}/${escapePointer(key)}`, depth + 1)] as const,
    ),
    at,
  };
}
