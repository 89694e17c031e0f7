import type { CountMode } from "../query/count.ts";
import { ID, ROOT_SCOPE, TABLE } from "./fields.ts";
import { writeFilter, writeTenantFilter } from "./filter.ts";
import {
  type ChosenRows,
  type OrderedRowScan,
  type SearchedSource,
  writeAfterCursor,
  writeOrderedRows,
  writeSortKeyOrder,
  writeSortKeys,
} from "./keyset.ts";
import { SEARCHED_TID, type SplitSearch, writeSearchedContacts } from "./search.ts";
import { bind, integer, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** What `writeMatches` wrote, for `writeMatchedRows` and the count. */
export interface Matches extends SearchedSource {
  readonly tenant: TrustedSql;
  /** The organization's condition and the rest of the filter, over `source` (no cursor). */
  readonly where: TrustedSql;
  /** At most `bound + 1` matches are read; undefined, all. */
  readonly bound: number | undefined;
}

/** Writes `matches AS MATERIALIZED (...),\n`, an item of the statement's WITH list. */
export function writeMatches(w: SqlWriter, scan: OrderedRowScan, split: SplitSearch): Matches {
  const bound = scan.searchMatches?.bound;
  w.sql`matches AS MATERIALIZED (\n  SELECT ${SEARCHED_TID} AS tid, ${ID} AS id`;
  // The sort values are read here, with the row; `scan.sort` has no term twice.
  writeSortKeys(w, scan.sort);
  w.sql`\n  FROM `;
  const source = writeSearchedContacts(w, scan.organizationId, split.search);
  w.sql`\n  WHERE `;
  const start = w.length;
  const { tenant } = writeTenantFilter(w, scan.organizationId, null);
  let rest: TrustedSql | undefined;
  if (split.rest) {
    w.sql` AND `;
    const restStart = w.length;
    writeFilter(w, split.rest, { ...ROOT_SCOPE, organization: w.placeholderOf(scan.organizationId, "text") });
    rest = w.since(restStart);
  }
  const where = w.since(start);
  if (scan.after) w.sql` AND ${(w) => writeAfterCursor(w, scan.sort, scan.after as NonNullable<typeof scan.after>)}`;
  if (bound !== undefined) w.sql`\n  LIMIT ${integer(bound + 1)}`;
  w.sql`\n),\n`;
  return { source, tenant, where, rest, bound, ...(scan.after ? {} : { counted: { bound } }) };
}

/**
 * Writes the rows `scan` chooses (as `writeOrderedRows` does, which it
 * replaces): from `matches` when they are all there, else by the table's order.
 */
export function writeMatchedRows(w: SqlWriter, scan: OrderedRowScan, matches: Matches): ChosenRows {
  const pastOffset = Boolean(scan.offset);
  // Past an offset the table's branch chooses ids alone (see writeOrderedRows); so does this one.
  const columns = pastOffset ? trusted`id` : trusted`tid, id`;
  const bounded = matches.bound !== undefined;
  const bound = integer(matches.bound ?? 0);
  w.sql`(SELECT ${columns} FROM matches`;
  if (bounded) w.sql` WHERE (SELECT count(*) FROM matches) <= ${bound}`;
  w.sql`\n      ORDER BY ${(w) => writeSortKeyOrder(w, scan.sort)} LIMIT ${bind(String(scan.limit), "int8")}`;
  if (scan.offset !== undefined) w.sql` OFFSET ${bind(String(scan.offset), "int8")}`;
  w.sql`)`;
  let join = pastOffset ? trusted`${ID} = chosen.id` : trusted`${TABLE}.ctid = chosen.tid`;
  if (bounded) {
    w.sql`\n    UNION ALL\n    (SELECT ${columns} FROM (`;
    join = writeOrderedRows(w, scan).join;
    w.sql`) AS beyond WHERE (SELECT count(*) FROM matches) > ${bound})`;
  }
  const { source, rest, counted } = matches;
  return {
    tenant: matches.tenant,
    where: matches.where,
    join,
    search: { source, rest, ...(counted ? { counted } : {}) },
  };
}

/**
 * Whether a search's matches are read first, for a page or an export batch: to be
 * counted — all of them for an exact count (the rows after a cursor are
 * counted apart), up to the bound for an estimated one — or because a known
 * count says they are few. Otherwise (`count=none`, or a known count past the
 * bound) the rows come by the table's order and its indexes: a common word's
 * first rows are near the top of the sort's index, and reading its matches
 * first would cost tens of thousands of index entries.
 */
export function searchMatches(
  count: CountMode,
  afterCursor: boolean,
  bound: number,
  knownMatches: number | undefined,
): Pick<OrderedRowScan, "searchMatches"> {
  if (count === "exact") return { searchMatches: { bound: afterCursor ? bound : undefined } };
  if (count === "estimated") return { searchMatches: { bound } };
  return knownMatches !== undefined && knownMatches <= bound ? { searchMatches: { bound: undefined } } : {};
}
