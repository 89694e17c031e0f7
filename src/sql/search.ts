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
 * The left side is the expression the GIN index `contacts_org_search_idx`
 * holds (src/db/schema.ts), so the planner answers it from the index; its
 * lexemes are the words exactly, each after its organization's mark (no
 * text-search parser or dictionary is involved). The right side is a constant
 * once the statement is planned with its parameters: `$1` the organization
 * (the tenant condition's own parameter), `$n` the words, bound, never spliced.
 */
import { SEARCH_QUERY_FUNCTION, SEARCH_VECTOR_FUNCTION } from "../db/indexes.ts";
import type { SearchNode } from "../query/ast.ts";
import { columnSql, INFO, ORGANIZATION, type TranslationScope } from "./fields.ts";
import type { SqlWriter, TrustedSql } from "./writer.ts";

/** The indexed expression. The functions' names are constants of the service's own (src/db/indexes.ts). */
const SEARCH_VECTOR =
  `${SEARCH_VECTOR_FUNCTION}(${ORGANIZATION}, ${columnSql("name")}, ${columnSql("email_address")}, ${INFO})` as TrustedSql;
const SEARCH_QUERY = SEARCH_QUERY_FUNCTION as TrustedSql;

export function writeSearch(w: SqlWriter, node: SearchNode, scope: TranslationScope): void {
  // Only the tenant condition (writeTenantFilter) knows the organization; a search is never inside `any`.
  if (scope.organization === undefined) throw new Error("a search is written after its organization's condition");
  w.sql`(${SEARCH_VECTOR} @@ ${SEARCH_QUERY}(${scope.organization}, `.param(node.words, "text[]").sql`))`;
}
