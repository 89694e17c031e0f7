/**
 * @module Hints for the common mistakes in a filter, each built from the
 * client's own tokens, printed in the syntax they wrote: an infix filter
 * (`name = "Ada"`) shown operator first, a path through an array of objects
 * shown as the `any` it means. A hint quotes at most `clip`'s share of the
 * client's text.
 */
import { clip } from "../domain/client-text.ts";
import { type FieldScope, resolveField, suggestField, throughObjectArray } from "./field-registry.ts";
import { lookupOperator, operatorSpec } from "./operators.ts";
import type { SyntaxNode } from "./syntax.ts";

/** build-filter.ts's `FilterSyntax`, which imports this module. */
type FilterSyntax = "lisp" | "json";

/** The infix comparisons people write out of habit (`==` from programming languages). */
const INFIX = /(<=|>=|!=|<>|==|=|<|>)/;
const CONNECTIVES = new Set(["and", "or"]);

/**
 * The hint for a filter written infix — `name = "Ada"`, `(name = "Ada")`,
 * `["name", "=", "Ada"]`, `(= a 1) and (= b 2)`, or several filters side by
 * side — given its tokens in order; undefined when they read as none of these.
 */
export function operatorFirstHint(items: readonly SyntaxNode[], syntax: FilterSyntax): string | undefined {
  const tokens = syntax === "lisp" ? items.flatMap(splitInfix) : [...items];
  const names = tokens.map((token) => nameOf(token, syntax));
  const joins = names.filter((_, index) => index % 2 === 1);
  const connective = joins[0]?.toLowerCase();
  const filters = tokens.filter((_, index) => index % 2 === 0);
  if (
    tokens.length >= 3 &&
    tokens.length % 2 === 1 &&
    connective !== undefined &&
    CONNECTIVES.has(connective) &&
    joins.every((join) => join?.toLowerCase() === connective) &&
    filters.every((filter) => filter.kind === "seq")
  ) {
    return `${FIRST}: ${print(seq([nameNode(joins[0] as string, syntax), ...filters]), syntax)}`;
  }
  if (tokens.length >= 2 && tokens.every((token) => token.kind === "seq")) {
    return syntax === "lisp"
      ? "a filter is one expression: combine filters with (and ...) or (or ...)"
      : 'a filter is one expression: combine filters with ["and", ...] or ["or", ...]';
  }
  const [field, op, ...values] = tokens;
  const fieldName = field && nameOf(field, syntax);
  const opName = op && nameOf(op, syntax);
  if (fieldName === undefined || opName === undefined || lookupOperator(fieldName)) return undefined;
  const written = opName === "==" ? "=" : opName;
  const canonical = lookupOperator(written);
  if (!canonical) return undefined;
  const { args } = operatorSpec(canonical);
  if (args[0] !== "field" || args.length !== values.length + 1) return undefined;
  return `${FIRST}: ${print(seq([nameNode(written, syntax), field as SyntaxNode, ...values]), syntax)}`;
}

const FIRST = "write the operator first";

/**
 * The `any` form of a filter whose field (item `index` of `filter`) runs
 * through an array of objects, with the client's operator and arguments:
 * `(= info.cosellPartnerMetrics.accounts.industry "Software")` →
 * `(any info.cosellPartnerMetrics.accounts (= industry "Software"))`.
 */
export function anyFormHint(
  filter: SyntaxNode & { kind: "seq" },
  index: number,
  fieldName: string,
  scope: FieldScope,
  syntax: FilterSyntax,
): string | undefined {
  const outer = throughObjectArray(fieldName, scope);
  if (!outer) return undefined;
  const form = anyForm(filter, index, fieldName, scope, syntax);
  return `'${outer.array}' is an array of objects; filter its elements with any: ${form}`;
}

function anyForm(
  filter: SyntaxNode & { kind: "seq" },
  index: number,
  fieldName: string,
  scope: FieldScope,
  syntax: FilterSyntax,
): string {
  const rewrite = (name: string, within: FieldScope): SyntaxNode => {
    const through = throughObjectArray(name, within);
    if (!through) {
      // The element's field as the client named it, or the one it most likely means.
      const field = resolveField(name, within) ? name : (suggestField(name, within) ?? name);
      return seq(filter.items.map((item, i) => (i === index ? nameNode(field, syntax) : item)));
    }
    return seq([nameNode("any", syntax), nameNode(through.array, syntax), rewrite(through.rest, through.element)]);
  };
  return print(rewrite(fieldName, scope), syntax);
}

/** A node printed in the syntax the client wrote, cut by `clip`. */
function print(node: SyntaxNode, syntax: FilterSyntax): string {
  return clip(printNode(node, syntax));
}

function printNode(node: SyntaxNode, syntax: FilterSyntax): string {
  switch (node.kind) {
    case "seq": {
      const items = node.items.map((item) => printNode(item, syntax));
      return syntax === "lisp" ? `(${items.join(" ")})` : `[${items.join(", ")}]`;
    }
    case "word": {
      // A single-quoted word is a string in SQL's manner: shown as the language writes strings.
      const quoted = /^'(.*)'$/s.exec(node.text);
      return quoted ? JSON.stringify(quoted[1]) : node.text;
    }
    case "string":
      return JSON.stringify(node.value);
    case "number":
    case "boolean":
      return String(node.value);
    case "null":
      return "null";
    case "object":
      return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}: ${printNode(value, syntax)}`).join(", ")}}`;
  }
}

/** A LISP bare word with an infix comparison inside (`name=`, `age>=3`) as its parts. */
function splitInfix(node: SyntaxNode): SyntaxNode[] {
  if (node.kind !== "word" || lookupOperator(node.text) || !INFIX.test(node.text)) return [node];
  return node.text
    .split(INFIX)
    .filter((part) => part !== "")
    .map((text) => ({ kind: "word", text, at: node.at }));
}

/** The text of a name position: a bare word in LISP, a string in JSON. */
function nameOf(node: SyntaxNode, syntax: FilterSyntax): string | undefined {
  if (syntax === "lisp") return node.kind === "word" ? node.text : undefined;
  return node.kind === "string" ? node.value : undefined;
}

const AT = { pointer: "" };

function seq(items: readonly SyntaxNode[]): SyntaxNode & { kind: "seq" } {
  return { kind: "seq", items, at: AT };
}

function nameNode(text: string, syntax: FilterSyntax): SyntaxNode {
  return syntax === "lisp" ? { kind: "word", text, at: AT } : { kind: "string", value: text, at: AT };
}
