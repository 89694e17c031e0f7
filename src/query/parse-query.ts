/**
 * @module A query request's fields into one `ParsedQuery`. The filter, sort, projection and search are parsed by
 * their own modules; the paging rules, the size limits and the hint for the other syntax are applied here.
 */
import type { FilterNode, ParsedQuery, Projection, SortTerm } from "./ast.ts";
import { buildFilter } from "./build-filter.ts";
import type { CountMode } from "./count.ts";
import { fromJsonValue, readJson } from "./json.ts";
import { DEFAULT_PAGE_NUMBER, LIMITS } from "./limits.ts";
import { readLisp } from "./lisp.ts";
import { parseProjection } from "./projection.ts";
import { QueryError } from "./query-error.ts";
import { parseSearch, withSearch } from "./search.ts";
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
  /** Absent means 1; given together with `page_token` it is a 400. */
  page_number?: number;
  /** Continues a walk (a `next_page_token`); empty means absent. */
  page_token?: string;
  count?: CountMode;
  /** `fields=`: comma-separated, or (POST) a list of names; empty means absent. */
  fields?: string | readonly string[];
  /** `search=`: words to find (src/query/search.ts), ANDed onto the filter; blank means absent. */
  search?: string;
}

/** Turns validated request fields into a `ParsedQuery`; throws `QueryError` (a 400). */
export function parseContactQuery(input: QueryInput): ParsedQuery {
  if (input.page_token !== undefined && input.page_number !== undefined) {
    throw new QueryError("page_token", "invalid-value", "cannot be combined with page_number");
  }
  const pageNumber = input.page_number ?? DEFAULT_PAGE_NUMBER;
  if ((pageNumber - 1) * input.page_size > LIMITS.maxOffset) {
    throw new QueryError(
      "page_number",
      "limit",
      `(page_number - 1) * page_size must not exceed ${LIMITS.maxOffset}`,
      undefined,
      "to go deeper, send each answer's next_page_token as page_token: pages by token have no depth limit",
    );
  }
  const projection = parseFields(input.fields);
  return {
    filter: withSearch(parseFilter(input.q, input.qs), parseSearch(input.search)),
    sort: parseSort(input.s, input.ss),
    pageSize: input.page_size,
    pageNumber,
    count: input.count ?? "exact",
    ...(projection ? { projection } : {}),
  };
}

function parseFields(fields: string | readonly string[] | undefined): Projection | undefined {
  if (fields === undefined) return undefined;
  const text = typeof fields === "string" ? fields : fields.join(",");
  return text.trim() === "" ? undefined : parseProjection(text);
}

const encoder = new TextEncoder();

/** The default sort, parsed once rather than on every request that omits `s`. */
const DEFAULT_SORT = parseSimpleSort(DEFAULT_SORT_TEXT);

/** Absent, empty or blank: an empty `q=` or `s=` means the parameter is absent. */
function isAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === "string" && value.trim() === "");
}

function checkFilterSize(text: string): void {
  checkFilterBytes(encoder.encode(text).length);
}

function checkFilterBytes(bytes: number): void {
  if (bytes > LIMITS.maxFilterBytes) {
    throw new QueryError("q", "limit", `filter is ${bytes} bytes; at most ${LIMITS.maxFilterBytes} are allowed`);
  }
}

/** `q` in the syntax `qs` names: null when absent. Shared by queries, exports and facets. */
export function parseFilter(q: unknown, syntax: "lisp" | "json"): FilterNode | null {
  if (isAbsent(q)) return null;
  if (typeof q === "string") {
    checkFilterSize(q);
    return hintingOtherSyntax(q, syntax === "lisp" ? JSON_TEXT : LISP_TEXT, () =>
      buildFilter(syntax === "lisp" ? readLisp(q) : readJson(q, "q"), syntax),
    );
  }
  if (syntax !== "json") {
    throw new QueryError(
      "q",
      "type",
      "must be a string when qs is 'lisp'",
      undefined,
      'for a JSON filter, send "qs": "json"',
    );
  }
  // Measured before anything is built from it: a 64 KiB body may hold a filter four times too big.
  checkFilterBytes(jsonBytes(q));
  return buildFilter(fromJsonValue(q, "q"), "json");
}

/** Text in the other syntax than the one named: how to recognise it, and the hint that names the right one. */
interface OtherSyntax {
  readonly looksLike: (text: string) => boolean;
  readonly hint: string;
}

const JSON_TEXT: OtherSyntax = { looksLike: (text) => /^\s*[[{]/.test(text), hint: "this is JSON: add qs=json" };
const LISP_TEXT: OtherSyntax = {
  looksLike: (text) => /^\s*\(/.test(text),
  hint: "this is LISP: drop qs=json (qs=lisp is the default)",
};
const JSON_SORT: OtherSyntax = { looksLike: (text) => /^\s*[[{]/.test(text), hint: "this is JSON: add ss=json" };
const SIMPLE_SORT: OtherSyntax = {
  looksLike: (text) => /^\s*[-\w]/.test(text),
  hint: "this is a simple sort: drop ss=json (ss=simple is the default)",
};

/** Runs `parse`; a mistake in text that reads as the other syntax says so. */
function hintingOtherSyntax<T>(text: string, other: OtherSyntax, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof QueryError && other.looksLike(text)) throw error.withHint(other.hint);
    throw error;
  }
}

/** The UTF-8 size of `JSON.stringify(value)`: natively, or counted when the value nests too deep to serialize. */
function jsonBytes(value: unknown): number {
  try {
    return encoder.encode(JSON.stringify(value)).length;
  } catch (error) {
    if (error instanceof RangeError) return serializedBytes(value);
    throw error;
  }
}

/**
 * The UTF-8 size of `JSON.stringify(value)` for a parsed JSON value, without
 * building the text and without recursion (a body can nest deeper than the
 * call stack allows).
 */
export function serializedBytes(value: unknown): number {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) {
      bytes += 2 + Math.max(0, item.length - 1); // brackets and commas
      for (const element of item) pending.push(element);
    } else if (item !== null && typeof item === "object") {
      const entries = Object.entries(item);
      bytes += 2 + Math.max(0, entries.length - 1);
      for (const [key, element] of entries) {
        bytes += encoder.encode(JSON.stringify(key)).length + 1; // the key and its colon
        pending.push(element);
      }
    } else {
      bytes += encoder.encode(JSON.stringify(item)).length;
    }
  }
  return bytes;
}

function parseSort(s: unknown, syntax: "simple" | "json"): readonly SortTerm[] {
  if (isAbsent(s)) return DEFAULT_SORT;
  if (typeof s === "string") {
    if (s.length > LIMITS.maxFilterBytes) throw new QueryError("s", "limit", "sort expression is too long");
    return hintingOtherSyntax(s, syntax === "simple" ? JSON_SORT : SIMPLE_SORT, () =>
      syntax === "simple" ? parseSimpleSort(s) : buildJsonSort(readJson(s, "s", 3), "s"),
    );
  }
  if (syntax !== "json") throw new QueryError("s", "type", "must be a string when ss is 'simple'");
  return buildJsonSort(fromJsonValue(s, "s", 3), "s");
}
