/**
 * @module `s=`: the sort, as `ss=simple` text or an `ss=json` list, checked against the sortable (scalar)
 * fields and the limit on sort keys.
 */
import { describeType } from "../contact/types.ts";
import { clip } from "../domain/client-text.ts";
import type { SortDirection, SortTerm } from "./ast.ts";
import { CONTACT_SCOPE, type FieldRef, resolveField, suggestField } from "./field-registry.ts";
import { LIMITS } from "./limits.ts";
import { type Position, QueryError, unknownField } from "./query-error.ts";
import { describeNode, type SyntaxNode } from "./syntax.ts";

export const DEFAULT_SORT_TEXT = "creation_time:desc";

/**
 * `ss=simple`: `field[:asc|:desc]` or `-field`, comma-separated, e.g.
 * `creation_time:desc,name:asc` or `-creation_time,name`.
 */
export function parseSimpleSort(text: string, param = "s"): SortTerm[] {
  const keys: SortTerm[] = [];
  let offset = 0;
  for (const segment of text.split(",")) {
    const at: Position = { line: 1, column: offset + 1 + (segment.length - segment.trimStart().length) };
    offset += segment.length + 1;
    const spec = segment.trim();
    if (spec === "") throw new QueryError(param, "syntax", "empty sort key", at);
    let name = spec;
    let direction: SortDirection = "asc";
    const colon = spec.lastIndexOf(":");
    if (colon >= 0) {
      const word = spec
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (word !== "asc" && word !== "desc") {
        throw new QueryError(
          param,
          "syntax",
          `sort order must be 'asc' or 'desc', found '${clip(spec.slice(colon + 1))}'`,
          at,
        );
      }
      direction = word;
      name = spec.slice(0, colon).trim();
    }
    if (name.startsWith("-")) {
      if (colon >= 0)
        throw new QueryError(
          param,
          "syntax",
          `'-${clip(name.slice(1))}' already means descending; drop ':${direction}'`,
          at,
        );
      direction = "desc";
      name = name.slice(1).trim();
    }
    keys.push({ field: sortField(name, param, at), direction });
  }
  return checkKeys(keys, param);
}

/** `ss=json`: `[{"field": "creation_time", "order": "desc"}, {"field": "name"}]`. */
export function buildJsonSort(root: SyntaxNode, param = "s"): SortTerm[] {
  if (root.kind !== "seq") {
    throw new QueryError(
      param,
      "syntax",
      `expected an array of {"field": ..., "order": ...}, found ${describeNode(root)}`,
      root.at,
    );
  }
  const keys = root.items.map((item): SortTerm => {
    if (item.kind !== "object") {
      throw new QueryError(
        param,
        "syntax",
        `expected {"field": ..., "order": ...}, found ${describeNode(item)}`,
        item.at,
      );
    }
    let field: FieldRef | undefined;
    let direction: SortDirection = "asc";
    for (const [key, value] of item.entries) {
      if (key === "field") {
        if (value.kind !== "string")
          throw new QueryError(param, "type", `"field" must be a string, found ${describeNode(value)}`, value.at);
        field = sortField(value.value, param, value.at);
      } else if (key === "order") {
        const order = value.kind === "string" ? value.value.toLowerCase() : "";
        if (order !== "asc" && order !== "desc") {
          throw new QueryError(param, "invalid-value", `"order" must be "asc" or "desc"`, value.at);
        }
        direction = order;
      } else {
        throw new QueryError(param, "syntax", `unknown key '${clip(key)}' (expected "field" and "order")`, value.at);
      }
    }
    if (!field) throw new QueryError(param, "syntax", `missing "field"`, item.at);
    return { field, direction };
  });
  return checkKeys(keys, param, root.at);
}

function sortField(name: string, param: string, at: Position): FieldRef {
  const field = resolveField(name, CONTACT_SCOPE);
  if (!field) {
    const suggestion = suggestField(name, CONTACT_SCOPE, (candidate) => candidate.type.kind === "scalar");
    throw unknownField(param, name, suggestion, at);
  }
  if (field.type.kind !== "scalar") {
    throw new QueryError(
      param,
      "type",
      `cannot sort by '${field.name}' (${describeType(field.type)}); only scalar fields are sortable`,
      at,
    );
  }
  return field;
}

function checkKeys(keys: SortTerm[], param: string, at?: Position): SortTerm[] {
  if (keys.length === 0) throw new QueryError(param, "syntax", "expected at least one sort key", at);
  if (keys.length > LIMITS.maxSortKeys) {
    throw new QueryError(
      param,
      "limit",
      `at most ${LIMITS.maxSortKeys} sort keys are allowed, found ${keys.length}`,
      at,
    );
  }
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.field.name))
      throw new QueryError(param, "invalid-value", `'${key.field.name}' is sorted more than once`, at);
    seen.add(key.field.name);
  }
  return keys;
}
