import type { FilterNode, Literal } from "./ast.ts";

/**
 * Prints an AST back in either syntax. Parsing the output gives the same AST
 * (operators and fields come out in canonical spelling), which the property
 * tests check and the canonical cache key relies on.
 */
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
  }
}

export function toLisp(filter: FilterNode): string {
  const literal = (value: Literal) => JSON.stringify(value.value);
  const list = (values: readonly string[]) => `(${values.join(" ")})`;
  switch (filter.op) {
    case "and":
    case "or":
      return `(${filter.op} ${filter.args.map(toLisp).join(" ")})`;
    case "not":
      return `(not ${toLisp(filter.arg)})`;
    case "compare":
      return `(${filter.cmp} ${filter.field.name} ${literal(filter.value)})`;
    case "between":
      return `(between ${filter.field.name} ${literal(filter.low)} ${literal(filter.high)})`;
    case "in":
      return `(in ${filter.field.name} ${list(filter.values.map(literal))})`;
    case "like":
      return `(${filter.caseInsensitive ? "ilike" : "like"} ${filter.field.name} ${JSON.stringify(filter.pattern)})`;
    case "is-null":
      return `(is-null ${filter.field.name})`;
    case "has":
      return `(${filter.mode === "any" ? "has-any" : "has-all"} ${filter.field.name} ${list(filter.values.map((v) => JSON.stringify(v)))})`;
    case "any":
      return `(any ${filter.field.name} ${toLisp(filter.filter)})`;
  }
}
