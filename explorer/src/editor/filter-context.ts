import type { FieldInfo, OperatorInfo } from "../api/types.ts";
import type { Syntax } from "../state/view-state.ts";

/**
 * Where the cursor is in a filter, in terms of the language: about to name
 * an operator, a field of that operator, a value of that field, or an
 * element of a list — and which fields are in scope there (inside `any`, the
 * element's own fields). Both syntaxes have the same tree (`(op arg …)` and
 * `["op", arg, …]`), so one walk over the tokens of either serves both.
 * Tolerant of anything: the text is being typed.
 */
export interface Token {
  kind: "open" | "close" | "atom";
  from: number;
  to: number;
  /** For atoms: the text as written, and its value (a string's contents). */
  text: string;
  value: string;
  quoted: boolean;
  /** A string whose closing quote is there. */
  closed: boolean;
  /** For open/close: `(`, `[`, `{`, `)`, `]`, `}`. */
  bracket?: string;
}

export function tokenize(text: string, syntax: Syntax): Token[] {
  const tokens: Token[] = [];
  const separators = syntax === "lisp" ? /[\s]/ : /[\s,:]/;
  const opens = syntax === "lisp" ? "(" : "[{";
  const closes = syntax === "lisp" ? ")" : "]}";
  const wordEnd = syntax === "lisp" ? /[\s()"]/ : /[\s,:[\]{}"]/;
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (separators.test(char)) {
      i += 1;
    } else if (opens.includes(char) || closes.includes(char)) {
      const kind = opens.includes(char) ? "open" : "close";
      tokens.push({ kind, from: i, to: i + 1, text: char, value: char, quoted: false, closed: true, bracket: char });
      i += 1;
    } else if (char === '"') {
      let j = i + 1;
      let closed = false;
      for (let escaped = false; j < text.length; j++) {
        const c = text.charAt(j);
        if (c === '"' && !escaped) {
          closed = true;
          j += 1;
          break;
        }
        escaped = !escaped && c === "\\";
      }
      const raw = text.slice(i, j);
      tokens.push({ kind: "atom", from: i, to: j, text: raw, value: stringValue(raw, closed), quoted: true, closed });
      i = j;
    } else {
      let j = i + 1;
      while (j < text.length && !wordEnd.test(text.charAt(j))) j++;
      const raw = text.slice(i, j);
      tokens.push({ kind: "atom", from: i, to: j, text: raw, value: raw, quoted: false, closed: true });
      i = j;
    }
  }
  return tokens;
}

function stringValue(raw: string, closed: boolean): string {
  try {
    return JSON.parse(closed ? raw : `${raw}"`) as string;
  } catch {
    return raw.slice(1, closed ? -1 : undefined);
  }
}

export interface Vocabulary {
  fields: readonly FieldInfo[];
  operators: ReadonlyMap<string, OperatorInfo>;
}

/** Operators by name and alias, lower-cased as the API reads them. */
export function operatorIndex(operators: readonly OperatorInfo[]): Map<string, OperatorInfo> {
  const index = new Map<string, OperatorInfo>();
  for (const operator of operators) {
    index.set(operator.name.toLowerCase(), operator);
    for (const alias of operator.aliases) index.set(alias.toLowerCase(), operator);
  }
  return index;
}

function findField(scope: readonly FieldInfo[], name: string): FieldInfo | undefined {
  return scope.find((field) => field.name === name || field.alias === name);
}

export type Expectation =
  | { expect: "operator"; inParens: boolean }
  | { expect: "field"; operator: OperatorInfo; scope: readonly FieldInfo[] }
  | { expect: "value"; operator: OperatorInfo; field: FieldInfo | undefined }
  | { expect: "list-value"; field: FieldInfo | undefined }
  | { expect: "nothing" };

export interface CursorContext {
  expectation: Expectation;
  /** The atom being typed at the cursor (to be replaced), if any. */
  current: Token | undefined;
}

interface Frame {
  kind: "expression" | "list" | "other";
  operator?: OperatorInfo | undefined;
  /** Whether the operator's word has been read (known or not). */
  named: boolean;
  args: number;
  field?: FieldInfo | undefined;
  scope: readonly FieldInfo[];
}

function expectedShape(frame: Frame) {
  const operator = frame.operator;
  if (!operator) return undefined;
  const { arguments: shapes } = operator;
  if (frame.args < shapes.length) return shapes[frame.args];
  return operator.variadic ? shapes.at(-1) : undefined;
}

export function cursorContext(text: string, cursor: number, syntax: Syntax, vocabulary: Vocabulary): CursorContext {
  const tokens = tokenize(text, syntax);
  const current = tokens.find(
    (token) =>
      token.kind === "atom" && token.from < cursor && (cursor < token.to || (cursor === token.to && !endsAtom(token))),
  );
  const root: Frame = { kind: "other", named: true, args: 0, scope: vocabulary.fields };
  const stack: Frame[] = [];
  const top = () => stack.at(-1);
  for (const token of tokens) {
    if (token.from >= cursor || token === current) break;
    const frame = top();
    if (token.kind === "open") {
      stack.push(childFrame(frame, token, root));
    } else if (token.kind === "close") {
      stack.pop();
      const parent = top();
      if (parent) parent.args += 1;
    } else if (frame?.kind === "expression") {
      if (!frame.named) {
        frame.named = true;
        frame.operator = vocabulary.operators.get(token.value.toLowerCase());
      } else {
        if (expectedShape(frame) === "field") frame.field = findField(frame.scope, token.value);
        frame.args += 1;
      }
    }
  }
  return { expectation: expectationOf(top()), current };
}

/** A complete atom at the cursor is still being typed unless it is a closed string (the cursor is past it). */
function endsAtom(token: Token): boolean {
  return token.quoted && token.closed;
}

function childFrame(parent: Frame | undefined, token: Token, root: Frame): Frame {
  if (token.bracket === "{") return { kind: "other", named: true, args: 0, scope: [] };
  if (!parent) return { kind: "expression", named: false, args: 0, scope: root.scope };
  if (parent.kind !== "expression" || !parent.named) return { kind: "other", named: true, args: 0, scope: [] };
  const shape = expectedShape(parent);
  if (shape === "list") return { kind: "list", named: true, args: 0, field: parent.field, scope: parent.scope };
  // A filter after an array-of-objects field (`any`) is over the element's own fields.
  const scope = parent.field?.elementFields ?? parent.scope;
  return { kind: "expression", named: false, args: 0, scope };
}

function expectationOf(frame: Frame | undefined): Expectation {
  if (!frame) return { expect: "operator", inParens: false };
  if (frame.kind === "list") return { expect: "list-value", field: frame.field };
  if (frame.kind !== "expression") return { expect: "nothing" };
  if (!frame.named) return { expect: "operator", inParens: true };
  const operator = frame.operator;
  if (!operator) return { expect: "nothing" };
  switch (expectedShape(frame)) {
    case "field":
      return { expect: "field", operator, scope: frame.scope };
    case "value":
      return { expect: "value", operator, field: frame.field };
    case "filter":
      return { expect: "operator", inParens: false };
    default:
      // A list (values are offered once it is open) or past the last argument.
      return { expect: "nothing" };
  }
}
