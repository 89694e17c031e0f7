/**
 * @module Printers of both syntaxes. `toJsonFilter` turns an AST into the JSON syntax
 * (operators and fields in canonical spelling): parsing it gives the same AST,
 * which the property tests check and the canonical cache key relies on.
 * `printLisp` writes any filter in the JSON syntax as LISP text.
 */
import type { FilterNode } from "./ast.ts";
import { argumentKindAt, argumentShape, lookupOperator } from "./operators.ts";
import { SEARCH_NODE_NAME } from "./search.ts";

export type JsonFilter = readonly unknown[];

export function toJsonFilter(filter: FilterNode): JsonFilter {
  switch (filter.op) {
    case "and":
    case "or":
      return [filter.op, ...filter.args.map(toJsonFilter)];
    case "not":
      return ["not", toJsonFilter(filter.arg)];
    case "compare":
      return [filter.cmp, filter.field.name, filter.value.value];
    case "between":
      return ["between", filter.field.name, filter.low.value, filter.high.value];
    case "in":
      return ["in", filter.field.name, filter.values.map((value) => value.value)];
    case "like":
      return [filter.caseInsensitive ? "ilike" : "like", filter.field.name, filter.pattern];
    case "is-null":
      return ["is-null", filter.field.name];
    case "has":
      return [filter.mode === "any" ? "has-any" : "has-all", filter.field.name, [...filter.values]];
    case "any":
      return ["any", filter.field.name, toJsonFilter(filter.filter)];
    case "search":
      return [SEARCH_NODE_NAME, ...filter.words];
  }
}

/** The LISP text of a filter given in the JSON syntax: fields bare, lists in parentheses, literals as JSON. */
export function printLisp(filter: JsonFilter): string {
  const [name, ...args] = filter;
  const op = lookupOperator(String(name));
  const printed = args.map((arg, index) => {
    const kind = op && argumentKindAt(op, index);
    switch (kind && argumentShape(kind)) {
      case "filter":
        return printLisp(arg as JsonFilter);
      case "field":
        return String(arg);
      case "list":
        return `(${(arg as readonly unknown[]).map((value) => JSON.stringify(value)).join(" ")})`;
      default:
        return JSON.stringify(arg);
    }
  });
  return `(${[String(name), ...printed].join(" ")})`;
}

/** The LISP text of an AST (canonical spelling). */
export function toLisp(filter: FilterNode): string {
  return printLisp(toJsonFilter(filter));
}
