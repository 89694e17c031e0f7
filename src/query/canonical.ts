import type { ParsedQuery } from "./ast.ts";
import { toJsonFilter } from "./print.ts";
import { canonicalProjection } from "./projection.ts";

/**
 * A stable serialization of a parsed query: aliases resolved, defaults applied,
 * sugar removed. Two requests that mean the same thing serialize identically,
 * whatever syntax, spelling, parameter order or method they used; the edge
 * cache keys on it.
 */
export function canonicalQuery(query: ParsedQuery): string {
  return JSON.stringify({
    ...canonicalSelection(query),
    n: query.pageNumber,
    z: query.pageSize,
    ...(query.after ? { a: [...query.after.keys, query.after.id] } : {}),
    c: query.count ?? "exact",
    ...(query.projection ? { p: canonicalProjection(query.projection) } : {}),
  });
}

/** What a page token is bound to: the filter and the sort, canonical. */
export function canonicalSelection(query: Pick<ParsedQuery, "filter" | "sort">) {
  return {
    f: query.filter ? toJsonFilter(query.filter) : null,
    s: query.sort.map((key) => [key.field.name, key.direction]),
  };
}

/** What a count depends on: the filter alone (not the page, its size, the sort or the projection). */
export function canonicalFilter(query: Pick<ParsedQuery, "filter">): string {
  return JSON.stringify({ f: query.filter ? toJsonFilter(query.filter) : null });
}
