import type { ContactQuery, Filter, SortKey } from "./ast.ts";
import { buildFilter } from "./build-filter.ts";
import { QueryError } from "./errors.ts";
import { fromJsonValue, readJson } from "./json.ts";
import { LIMITS } from "./limits.ts";
import { readLisp } from "./lisp.ts";
import { buildJsonSort, DEFAULT_SORT_TEXT, parseSimpleSort } from "./sort.ts";

/** The request's query fields after basic validation (types, ranges) by the HTTP layer. */
export interface QueryInput {
  /** Filter text, or (POST with `qs: "json"`) the JSON filter itself. */
  q?: unknown;
  qs: "lisp" | "json";
  /** Sort text, or (POST with `ss: "json"`) the JSON sort list itself. */
  s?: unknown;
  ss: "simple" | "json";
  page_size: number;
  page_number: number;
}

/** Turns validated request fields into a `ContactQuery`; throws `QueryError` (a 400). */
export function parseContactQuery(input: QueryInput): ContactQuery {
  return {
    filter: parseFilter(input.q, input.qs),
    sort: parseSort(input.s, input.ss),
    pageSize: input.page_size,
    pageNumber: input.page_number,
  };
}

const encoder = new TextEncoder();

function parseFilter(q: unknown, syntax: "lisp" | "json"): Filter | null {
  if (q === undefined || q === "" || (typeof q === "string" && q.trim() === "")) return null;
  if (typeof q === "string") {
    const bytes = encoder.encode(q).length;
    if (bytes > LIMITS.maxFilterBytes) {
      throw new QueryError("q", "limit", `filter is ${bytes} bytes; at most ${LIMITS.maxFilterBytes} are allowed`);
    }
    return buildFilter(syntax === "lisp" ? readLisp(q) : readJson(q, "q"), syntax);
  }
  if (syntax !== "json") throw new QueryError("q", "type", "must be a string when qs is 'lisp'");
  const node = fromJsonValue(q, "q");
  // Nesting is bounded by now, so measuring the serialized size is safe.
  const bytes = encoder.encode(JSON.stringify(q)).length;
  if (bytes > LIMITS.maxFilterBytes) {
    throw new QueryError("q", "limit", `filter is ${bytes} bytes; at most ${LIMITS.maxFilterBytes} are allowed`);
  }
  return buildFilter(node, "json");
}

function parseSort(s: unknown, syntax: "simple" | "json"): SortKey[] {
  if (s === undefined || s === "" || (typeof s === "string" && s.trim() === "")) {
    return parseSimpleSort(DEFAULT_SORT_TEXT);
  }
  if (typeof s === "string") {
    if (s.length > LIMITS.maxFilterBytes) throw new QueryError("s", "limit", "sort expression is too long");
    return syntax === "simple" ? parseSimpleSort(s) : buildJsonSort(readJson(s, "s", 3), "s");
  }
  if (syntax !== "json") throw new QueryError("s", "type", "must be a string when ss is 'simple'");
  return buildJsonSort(fromJsonValue(s, "s", 3), "s");
}
