/**
 * @module Facts about the contacts table's indexes (src/db/schema.ts, the
 * migrations) that the SQL writer plans around, kept apart from the Drizzle
 * table so the Worker reads them without loading the schema builder.
 */

/**
 * The functions of a search (drizzle/0008_contact_search.sql, redefined by
 * 0009_search_index_words_alone.sql). The search
 * index is built on `contact_search_vector(organization_id, name,
 * email_address, info)`: a contact's searchable words as a `tsvector`, each
 * lexeme its organization's mark and a word. A search is written as this very
 * expression (src/sql/search.ts), so the planner matches it to the index,
 * `@@ contact_search_query(<organization>, <words>)`: the prefix query of the
 * words in that organization.
 */
export const SEARCH_VECTOR_FUNCTION = "contact_search_vector";
export const SEARCH_QUERY_FUNCTION = "contact_search_query";

/**
 * The `info` paths whose typed value leads a b-tree of its own after the
 * organization: a filter on them is written as that typed comparison only,
 * without a containment hint for the GIN index (src/sql/filter.ts), so the
 * planner reads the b-tree and the rows need no document to be decided.
 */
export const INFO_PATHS_WITH_BTREE: readonly (readonly string[])[] = [
  ["cosellPartnerMetrics", "successRate"],
  ["cosellPartnerMetrics", "closedWonAmount", "USD"],
  ["cosellPartnerMetrics", "closedWonCount"],
  ["partner"],
];
