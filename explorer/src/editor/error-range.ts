import { jsonLanguage } from "@codemirror/lang-json";
import type { Text } from "@codemirror/state";
import type { ErrorPosition } from "../api/types.ts";

/**
 * The span of a filter's text that an API error points at, to underline:
 * from a line and column (1-based, in UTF-16 units as the editor counts),
 * the token starting there; from a JSON pointer, the value it names. Never
 * empty, so that the underline is visible even at the end of the text.
 */
/** A node of the JSON syntax tree (the type the parser's tree hands out). */
type SyntaxNode = ReturnType<typeof jsonLanguage.parser.parse>["topNode"];

export interface Span {
  from: number;
  to: number;
}

export function errorSpan(doc: Text, position: ErrorPosition): Span {
  const length = doc.length;
  if ("pointer" in position) return pointerSpan(doc.toString(), position.pointer) ?? wholeText(length);
  if (length === 0) return { from: 0, to: 0 };
  const line = doc.line(Math.min(Math.max(position.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(position.column, 1) - 1, line.to);
  if (from >= length) return { from: length - 1, to: length };
  return { from, to: tokenEnd(doc.toString(), from) };
}

function wholeText(length: number): Span {
  return { from: 0, to: length };
}

/** The end of the token at `from`: a string, a parenthesis or bracket, or a bare word. */
function tokenEnd(text: string, from: number): number {
  const char = text.charAt(from);
  if ("()[]{},:".includes(char) || /\s/.test(char)) return from + 1;
  if (char === '"') {
    for (let i = from + 1, escaped = false; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === '"' && !escaped) return i + 1;
      if (c === "\n") return i;
      escaped = !escaped && c === "\\";
    }
    return text.length;
  }
  const end = /[\s()[\]{},:"]/.exec(text.slice(from))?.index;
  return end === undefined ? text.length : from + Math.max(end, 1);
}

/** RFC 6901: the value a pointer names in JSON text, by its syntax tree; undefined when the text has no such value. */
export function pointerSpan(text: string, pointer: string): Span | undefined {
  const tree = jsonLanguage.parser.parse(text);
  let node: SyntaxNode | null = tree.topNode.firstChild;
  if (!node) return undefined;
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeSegment);
  for (const segment of segments) {
    let next: SyntaxNode | null = null;
    if (node.name === "Array") {
      const index = Number(segment);
      let i = 0;
      for (let child: SyntaxNode | null = node.firstChild; child; child = child.nextSibling) {
        if (!isValue(child.name)) continue;
        if (i === index) {
          next = child;
          break;
        }
        i += 1;
      }
    } else if (node.name === "Object") {
      for (let child: SyntaxNode | null = node.firstChild; child; child = child.nextSibling) {
        const name: SyntaxNode | null = child.name === "Property" ? child.getChild("PropertyName") : null;
        if (name && decodeKey(text.slice(name.from, name.to)) === segment) {
          next = name.nextSibling?.nextSibling ?? null; // the value, after `:`
          break;
        }
      }
    }
    if (!next) return undefined;
    node = next;
  }
  return { from: node.from, to: node.to };
}

function isValue(name: string): boolean {
  return ["Array", "Object", "String", "Number", "True", "False", "Null"].includes(name);
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function decodeKey(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw;
  }
}
