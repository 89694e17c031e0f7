/**
 * @module The canonical form of a parsed query: aliases resolved, defaults
 * applied, sugar removed. Two requests that mean the same thing serialize
 * identically, whatever syntax, spelling, parameter order or method they
 * used; the edge cache keys on it and page tokens are bound to it.
 *
 * The filter is printed once (`toJsonFilter`) and each form is built from
 * that text: what a count depends on (the filter), what a page token is bound
 * to (the filter and the sort), and the whole page request.
 */
import type { ParsedQuery } from "./ast.ts";
import { cursorKeys } from "./cursor.ts";
import { toJsonFilter } from "./print.ts";
import { canonicalProjection } from "./projection.ts";

export interface CanonicalForms {
  /** The filter alone: what a count depends on (not the page, its size, the sort or the projection). */
  readonly filter: string;
  /** The filter and the sort: what a page token is bound to. */
  readonly selection: string;
  /** The whole request: the page's cache key. */
  readonly page: string;
  /** The printed filter and sort the forms are made of, for a page of the same walk. */
  readonly printed: { readonly f: string; readonly s: string };
}

/**
 * The canonical forms of `query`; `printed`, the filter and sort of a query
 * with the same filter and sort (a later page of its walk), saves printing them again.
 */
export function canonicalForms(query: ParsedQuery, printed?: CanonicalForms["printed"]): CanonicalForms {
  const f = printed?.f ?? JSON.stringify(query.filter ? toJsonFilter(query.filter) : null);
  const s = printed?.s ?? JSON.stringify(query.sort.map((key) => [key.field.name, key.direction]));
  return {
    filter: `{"f":${f}}`,
    selection: `{"f":${f},"s":${s}}`,
    page: pageForm(query, f, s),
    printed: { f, s },
  };
}

/** The page's canonical text from the filter's and the sort's. */
function pageForm(query: ParsedQuery, f: string, s: string): string {
  let text = `{"f":${f},"s":${s},"n":${query.pageNumber},"z":${query.pageSize}`;
  if (query.after) text += `,"a":${JSON.stringify(cursorKeys(query.after))}`;
  text += `,"c":${JSON.stringify(query.count ?? "exact")}`;
  if (query.projection) text += `,"p":${JSON.stringify(canonicalProjection(query.projection))}`;
  return `${text}}`;
}

/** The whole request's canonical text (the page's cache key). */
export function canonicalQuery(query: ParsedQuery): string {
  return canonicalForms(query).page;
}
