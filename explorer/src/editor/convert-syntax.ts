import type { ArgumentShape, OperatorInfo } from "../api/types.ts";
import type { Syntax } from "../state/view-state.ts";
import { type Token, tokenize } from "./filter-context.ts";

/**
 * Rewrites a filter from one syntax to the other when the editor's syntax is
 * toggled: the tree is the same (`(op arg …)` ≡ `["op", arg, …]`); what
 * differs is that LISP writes operators and fields as bare words, JSON as
 * strings. Which strings are fields is told by the operator table (the
 * argument shapes of `/fields`). Throws on text that is not a whole filter;
 * the editor then keeps the text as it is.
 */
type Node = { list: Node[] } | { atom: Token };

export class ConversionError extends Error {}

export function convertFilter(text: string, from: Syntax, to: Syntax, operators: ReadonlyMap<string, OperatorInfo>) {
  if (from === to || text.trim() === "") return text;
  const node = parse(tokenize(text, from));
  return to === "json" ? toJson(node) : toLisp(node, operators, "filter");
}

function parse(tokens: Token[]): Node {
  let i = 0;
  const read = (): Node => {
    const token = tokens[i++];
    if (!token) throw new ConversionError("the filter ends early");
    if (token.kind === "atom") return { atom: token };
    if (token.kind === "close" || token.bracket === "{") throw new ConversionError(`unexpected '${token.text}'`);
    const list: Node[] = [];
    for (;;) {
      const next = tokens[i];
      if (!next) throw new ConversionError("a list is not closed");
      if (next.kind === "close") {
        i += 1;
        return { list };
      }
      list.push(read());
    }
  };
  const node = read();
  if (i !== tokens.length) throw new ConversionError("text after the filter");
  return node;
}

const LITERAL_WORD = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)$/;

function toJson(node: Node): string {
  if ("list" in node) return `[${node.list.map(toJson).join(", ")}]`;
  const { atom } = node;
  if (atom.quoted) {
    if (!atom.closed) throw new ConversionError("a string is not closed");
    return JSON.stringify(atom.value);
  }
  return LITERAL_WORD.test(atom.text) ? atom.text : JSON.stringify(atom.value);
}

function toLisp(node: Node, operators: ReadonlyMap<string, OperatorInfo>, role: ArgumentShape): string {
  if ("atom" in node) {
    const { atom } = node;
    if (atom.quoted && !atom.closed) throw new ConversionError("a string is not closed");
    if (role === "field" && atom.quoted) return atom.value;
    return atom.quoted ? JSON.stringify(atom.value) : atom.text;
  }
  if (role === "list" || role === "value")
    return `(${node.list.map((item) => toLisp(item, operators, "value")).join(" ")})`;
  const [head, ...args] = node.list;
  if (!head || !("atom" in head)) throw new ConversionError("a filter starts with its operator");
  const name = head.atom.value;
  const operator = operators.get(name.toLowerCase());
  const shapes = operator?.arguments ?? [];
  const roleAt = (index: number): ArgumentShape =>
    shapes[index] ?? (operator?.variadic ? (shapes.at(-1) ?? "value") : "value");
  return `(${[name, ...args.map((arg, index) => toLisp(arg, operators, roleAt(index)))].join(" ")})`;
}
