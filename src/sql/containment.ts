import type { FilterNode, Literal } from "../query/ast.ts";
import type { FieldRef } from "../query/field-registry.ts";

/**
 * Index hints for the GIN index on `info` (jsonb_path_ops): for a filter on
 * `info`, a JSON document `P` such that every row the filter matches has
 * `info @> P`. The translator ANDs `info @> P` onto the exact predicate, which
 * changes no result (the filter implies it) but lets the planner answer from
 * the index. `undefined` means no such hint.
 *
 * Implied, case by case (P's values are the literals themselves):
 * - `=` on a string / number / boolean path: the stored value is a JSON value
 *   of that type equal to the literal (strings bytewise, numbers numerically),
 *   and every step of the path is an object key, as containment requires.
 * - `has` / `has-all` on a string array: the array holds each value as a
 *   string element.
 * - `any` over an array of objects: some element satisfies the inner filter,
 *   so the array contains an element matching the inner filter's own hint.
 * Timestamps are compared as instants, not as stored text, so they give none.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The hint for a filter on the contact itself (`info` scope), or undefined. */
export function infoContainment(filter: FilterNode): Json | undefined {
  return hint(filter, "info");
}

function hint(filter: FilterNode, scope: "info" | "element"): Json | undefined {
  switch (filter.op) {
    case "compare": {
      if (filter.cmp !== "=" || !inScope(filter.field, scope)) return undefined;
      const value = jsonLiteral(filter.value);
      return value === undefined ? undefined : nest(filter.field, value);
    }
    case "has": {
      if (filter.mode !== "all" || filter.values.length === 0 || !inScope(filter.field, scope)) return undefined;
      if (!filter.values.every(encodable)) return undefined;
      return nest(filter.field, [...filter.values]);
    }
    case "any": {
      if (!inScope(filter.field, scope)) return undefined;
      const element = hint(filter.filter, "element");
      return element === undefined ? undefined : nest(filter.field, [element]);
    }
    case "and":
      // One conjunct is enough to narrow the index scan; merging could conflict.
      for (const arg of filter.args) {
        const found = hint(arg, scope);
        if (found !== undefined) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

function inScope(field: FieldRef, scope: "info" | "element"): boolean {
  return field.location.kind === "json" && field.location.scope === scope;
}

function jsonLiteral(value: Literal): Json | undefined {
  switch (value.type) {
    case "string":
      return encodable(value.value) ? value.value : undefined;
    case "number":
    case "boolean":
      return value.value;
    case "timestamp":
      return undefined;
  }
}

/**
 * Postgres rejects a lone UTF-16 surrogate in a JSON document (`\ud800`),
 * while as a text parameter it merely becomes U+FFFD: such a value keeps the
 * exact predicate alone rather than turning a query into an error.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function encodable(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** `{"a": {"b": value}}` for the path a.b. */
function nest(field: FieldRef, value: Json): Json {
  if (field.location.kind !== "json") throw new Error(`'${field.name}' is not a JSON path`);
  let out = value;
  for (let i = field.location.path.length - 1; i >= 0; i--) {
    out = { [field.location.path[i] as string]: out };
  }
  return out;
}
