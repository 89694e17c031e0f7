import type { ParsedQuery } from "./ast.ts";
import { toJsonFilter } from "./print.ts";

/**
 * A stable serialization of a parsed query: aliases resolved, defaults applied,
 * sugar removed. Two requests that mean the same thing serialize identically,
 * whatever syntax, spelling, parameter order or method they used; the edge
 * cache keys on it.
 */
export function canonicalQuery(query: ParsedQuery): string {
  return JSON.stringify({
    f: query.filter ? toJsonFilter(query.filter) : null,
    s: query.sort.map((key) => [key.field.name, key.direction]),
    n: query.pageNumber,
    z: query.pageSize,
  });
}
