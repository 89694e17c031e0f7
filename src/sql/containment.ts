/**
 * @module Index hints for the GIN index on `info` (jsonb_path_ops): for a filter on
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
import { valueTypeOf } from "../contact/types.ts";
import type { FilterNode, Literal } from "../query/ast.ts";
import type { FieldRef } from "../query/field-registry.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The hint for a filter on the contact itself (`info` scope), or undefined. */
export function infoContainment(filter: FilterNode): Json | undefined {
  return hint(filter, "info");
}

/**
 * A document `P` such that the filter holds exactly when `info @> P`: then
 * `info @> P` alone is the whole predicate, read from the document once per
 * row (each `info #> …` of the exact predicate decompresses the document
 * again, and the GIN recheck of the hint once more). `undefined` when the
 * containment is only implied.
 *
 * Equivalent, case by case (containment below the top level never matches a
 * scalar against an array, nor an object against an array, or the reverse):
 * - `=` on a path whose declared type is the literal's (string, number or
 *   boolean): the value at the path is a JSON value of that type equal to the
 *   literal (strings bytewise, numbers numerically, `1.0` = `1` in both), and
 *   every step of the path is an object key; a missing key, an array or
 *   another type on the way fails both.
 * - `has` / `has-all` of strings: the value is an array (`jsonb_typeof` in
 *   the exact predicate; a pattern array never matches an object) holding
 *   each value as a string element (`?&` and array containment both look at
 *   the array's own elements only).
 * - `any` over an array of objects whose inner filter is itself equivalent
 *   to its element's containment `E`: some element satisfies it exactly when
 *   the array contains an element containing `E`; a non-array value, or
 *   elements that are not objects, fail both.
 * - `and` inside an element (`any`): one element must satisfy every
 *   conjunct, which is containment of the merged element pattern; object
 *   keys merge key by key and arrays by concatenation (each pattern element
 *   is matched independently), two different scalars under one key do not
 *   merge (undefined).
 * Nothing else: `or`, `not`, `in`, comparisons other than `=`, timestamps.
 */
export function infoContainmentExact(filter: FilterNode): Json | undefined {
  return equivalent(filter, "info");
}

function equivalent(filter: FilterNode, scope: "info" | "element"): Json | undefined {
  switch (filter.op) {
    case "compare": {
      const { field, value } = filter;
      if (filter.cmp !== "=" || !inScope(field, scope) || field.type.kind !== "scalar") return undefined;
      if (valueTypeOf(field.type.scalar) !== value.type) return undefined;
      return hint(filter, scope);
    }
    case "has":
      return hint(filter, scope);
    case "any": {
      if (!inScope(filter.field, scope)) return undefined;
      const element = equivalent(filter.filter, "element");
      return element === undefined ? undefined : nest(filter.field, [element]);
    }
    case "and": {
      if (scope !== "element" || filter.args.length === 0) return undefined;
      let merged: Json | undefined;
      for (const arg of filter.args) {
        const pattern = equivalent(arg, scope);
        merged = pattern === undefined ? undefined : merged === undefined ? pattern : merge(merged, pattern);
        if (merged === undefined) return undefined;
      }
      return merged;
    }
    default:
      return undefined;
  }
}

/** One pattern matching exactly what both match, or undefined when they do not combine. */
function merge(a: Json, b: Json): Json | undefined {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isObject(a) && isObject(b)) {
    const out: { [key: string]: Json } = { ...a };
    for (const [key, value] of Object.entries(b)) {
      const mine = out[key];
      const combined = mine === undefined ? value : merge(mine, value);
      if (combined === undefined) return undefined;
      out[key] = combined;
    }
    return out;
  }
  return a !== null && typeof a !== "object" && a === b ? a : undefined;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
