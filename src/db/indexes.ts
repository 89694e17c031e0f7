/**
 * @module Facts about the contacts table's indexes (src/db/schema.ts, the
 * migrations) that the SQL writer plans around, kept apart from the Drizzle
 * table so the Worker reads them without loading the schema builder.
 */

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
