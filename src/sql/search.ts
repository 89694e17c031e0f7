/**
 * @module A search (src/query/search.ts) as SQL: the contact's searchable
 * words, as the search index holds them, against the prefix query of the
 * search words in the organization:
 *
 * ```sql
 * (contact_search_vector("contacts"."organization_id", "contacts"."name", "contacts"."email_address", "contacts"."info")
 *   @@ contact_search_query($1::text, $n::text[]))
 * ```
 *
 * The left side is the expression the GIN index `contacts_search_idx` holds
 * (src/db/schema.ts), so the planner answers it from the index; its lexemes
 * are the words exactly, each after its organization's mark (no text-search
 * parser or dictionary is involved). The right side is a constant once the
 * statement is planned with its parameters: `$1` the organization (the tenant
 * condition's own parameter), `$n` the words, bound, never spliced.
 *
 * A page or an export batch that reads a search's matches first
 * (src/sql/search-rows.ts) reads them from `writeSearchedContacts`: the
 * search alone, answered by the index, in a fenced subquery named like the
 * table; the organization and the rest of the filter are checked on the rows it
 * yields (docs/decisions/0014-search-index.md). Elsewhere (the facets
 * statement, rows by the table's order) the search is a condition of the
 * filter like any other, written by `writeSearch`.
 */
import { CONTACT_COLUMNS } from "../contact/columns.ts";
import { SEARCH_QUERY_FUNCTION, SEARCH_VECTOR_FUNCTION } from "../db/indexes.ts";
import type { FilterNode, SearchNode } from "../query/ast.ts";
import { columnSql, INFO, ORGANIZATION, ROOT_SCOPE, TABLE, type TranslationScope } from "./fields.ts";
import { joined, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** The indexed expression. The functions' names are constants of the service's own (src/db/indexes.ts). */
const SEARCH_VECTOR =
  `${SEARCH_VECTOR_FUNCTION}(${ORGANIZATION}, ${columnSql("name")}, ${columnSql("email_address")}, ${INFO})` as TrustedSql;
const SEARCH_QUERY = SEARCH_QUERY_FUNCTION as TrustedSql;

export function writeSearch(w: SqlWriter, node: SearchNode, scope: TranslationScope): void {
  // Only the tenant condition (writeTenantFilter) knows the organization; a search is never inside `any`.
  if (scope.organization === undefined) throw new Error("a search is written after its organization's condition");
  w.sql`(${SEARCH_VECTOR} @@ ${SEARCH_QUERY}(${scope.organization}, `.param(node.words, "text[]").sql`))`;
}

/** A filter's search and the rest of it (null when the search is all of it). */
export interface SplitSearch {
  readonly search: SearchNode;
  readonly rest: FilterNode | null;
}

/**
 * The search of a filter that requires it: the filter itself, or a conjunct of
 * its top-level `and` (where `withSearch` puts it). Undefined otherwise (no
 * search, or one under `or` / `not`, which the index cannot serve alone).
 */
export function splitSearch(filter: FilterNode | null): SplitSearch | undefined {
  if (filter === null) return undefined;
  if (filter.op === "search") return { search: filter, rest: null };
  if (filter.op !== "and") return undefined;
  const at = filter.args.findIndex((arg) => arg.op === "search");
  const search = filter.args[at];
  if (search?.op !== "search") return undefined;
  const others = filter.args.filter((_, i) => i !== at);
  const rest =
    others.length === 0 ? null : others.length === 1 ? (others[0] as FilterNode) : { op: "and", args: others };
  return { search, rest: rest as FilterNode | null };
}

/** The row's `ctid` among the columns of `writeSearchedContacts`. */
export const SEARCHED_TID = trusted`${TABLE}.tid`;

/**
 * Writes the FROM item of the rows a search finds:
 * `(SELECT "contacts".ctid AS tid, <every column> FROM "contacts" WHERE <search> OFFSET 0) AS "contacts"`.
 * Named like the table, so every column reference of the statement reads the
 * subquery's (and `SEARCHED_TID` its rows' `ctid`). The organization's condition
 * and the rest of the filter go in the WHERE of the statement that reads it:
 * the fence (`OFFSET 0`) keeps them out of the search's scan, so no other index
 * is combined with the search's for them — with the organization's (hundreds of
 * thousands of entries) that took longer than the search itself. The index scan
 * stays within the organization (its lexemes carry the organization's mark);
 * the statement's own check of `organization_id` is what makes that exact.
 * Returns the FROM item's text, to repeat (it binds nothing new).
 */
export function writeSearchedContacts(w: SqlWriter, organizationId: string, search: SearchNode): TrustedSql {
  const start = w.length;
  const columns = CONTACT_COLUMNS.map(({ column }) => columnSql(column));
  w.sql`(SELECT ${TABLE}.ctid AS tid, ${joined(columns, trusted`, `)} FROM ${TABLE} WHERE `;
  // The organization's first use may be here: its placeholder is appended before the words are bound.
  writeSearch(w, search, { ...ROOT_SCOPE, organization: w.placeholder(organizationId, "text") });
  w.sql` OFFSET 0) AS ${TABLE}`;
  return w.since(start);
}
