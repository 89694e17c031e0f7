/** @module The LISP syntax's reader (`qs=lisp`, the default): filter text into a syntax tree (syntax.ts). */
import { clip } from "../domain/client-text.ts";
import { operatorFirstHint } from "./hints.ts";
import { LIMITS } from "./limits.ts";
import { QueryError } from "./query-error.ts";
import type { SyntaxNode } from "./syntax.ts";
import { TextReader } from "./text-reader.ts";

/**
 * Reads LISP filter text into a syntax tree: `(op arg ...)`, bare words,
 * double-quoted strings with JSON escapes, numbers, true/false/null.
 *
 * Iterative, with an explicit stack: nesting is capped (one level beyond the
 * filter depth limit, for a literal list) so hostile input such as 100 000
 * opening parentheses fails fast instead of exhausting the call stack.
 */
export function readLisp(text: string, param = "q"): SyntaxNode {
  return read(text, param, () => infixHint(text, param));
}

/**
 * The hint for text holding more than one expression: read as the items of
 * one list, its tokens may be an infix filter (`name = "Ada"`) or filters side
 * by side. Only on that error path, and in linear time, like the reading.
 */
function infixHint(text: string, param: string): string | undefined {
  try {
    const whole = read(`(${text}\n)`, param, () => undefined);
    return whole.kind === "seq" ? operatorFirstHint(whole.items, "lisp") : undefined;
  } catch {
    return undefined;
  }
}

function read(text: string, param: string, extraContentHint: () => string | undefined): SyntaxNode {
  const reader: TextReader = new TextReader(text, param);
  const extraContent = (at: SyntaxNode["at"]): never => {
    throw new QueryError(param, "syntax", "unexpected content after the expression", at, extraContentHint());
  };
  const maxNesting = LIMITS.maxFilterDepth + 1;
  const stack: { items: SyntaxNode[]; at: SyntaxNode["at"] }[] = [];
  let result: SyntaxNode | undefined;

  const emit = (node: SyntaxNode) => {
    const top = stack[stack.length - 1];
    if (top) top.items.push(node);
    else if (result === undefined) result = node;
    else extraContent(node.at);
  };

  for (;;) {
    reader.skipWhitespace();
    if (reader.done) break;
    const at = reader.position();
    const char = reader.peek();
    if (char === "(") {
      if (result !== undefined && stack.length === 0) extraContent(at);
      if (stack.length >= maxNesting) {
        throw new QueryError(param, "limit", `filter is nested deeper than ${LIMITS.maxFilterDepth} levels`, at);
      }
      reader.next();
      stack.push({ items: [], at });
    } else if (char === ")") {
      const open = stack.pop();
      if (!open) reader.fail("unexpected ')'");
      reader.next();
      emit({ kind: "seq", items: open.items, at: open.at });
    } else if (char === '"') {
      emit({ kind: "string", value: reader.readString(), at });
    } else {
      emit(wordNode(reader.readBareWord(), at, reader));
    }
  }
  if (stack.length > 0) reader.fail("expected ')'");
  if (result === undefined) reader.fail("expected an expression");
  return result;
}

function wordNode(word: string, at: SyntaxNode["at"], reader: TextReader): SyntaxNode {
  if (word === "true" || word === "false") return { kind: "boolean", value: word === "true", at };
  if (word === "null") return { kind: "null", at };
  if (isNumber(word)) {
    const value = Number(word);
    if (!Number.isFinite(value)) reader.fail(`number out of range '${clip(word)}'`, at);
    return { kind: "number", value: Object.is(value, -0) ? 0 : value, at };
  }
  if (/^[+-]?\.?\d/.test(word)) reader.fail(`invalid number '${clip(word)}'`, at);
  return { kind: "word", text: word, at };
}

/** Whether the character at `index` of `text` is an ASCII digit (false past the end). */
function isDigit(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

/**
 * `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`, scanned once from left to right:
 * as a regular expression, the two ways of splitting a run of digits around an
 * optional point made a long run of digits followed by a letter quadratic.
 */
function isNumber(word: string): boolean {
  let i = 0;
  if (word[i] === "+" || word[i] === "-") i += 1;
  const integerStart = i;
  while (isDigit(word, i)) i += 1;
  let digits = i - integerStart;
  if (word[i] === ".") {
    i += 1;
    const fractionStart = i;
    while (isDigit(word, i)) i += 1;
    digits += i - fractionStart;
  }
  if (digits === 0) return false;
  if (word[i] === "e" || word[i] === "E") {
    i += 1;
    if (word[i] === "+" || word[i] === "-") i += 1;
    const exponentStart = i;
    while (isDigit(word, i)) i += 1;
    if (i === exponentStart) return false;
  }
  return i === word.length;
}
