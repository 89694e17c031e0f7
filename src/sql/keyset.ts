/**
 * @module Keyset paging over the language's sort order: every sort term with
 * nulls, missing and wrong-typed values last in both directions, then `id`
 * ascending. A cursor holds the last row's sort values as text; the next page
 * is the rows strictly after it in that order, so a page costs the same at any
 * depth and rows inserted or deleted elsewhere shift nothing.
 */
import { valueTypeOf } from "../contact/types.ts";
import type { Cursor, FilterNode, SortTerm } from "../query/ast.ts";
import { columnNeverNull, ID, ROOT_SCOPE, TABLE, writeScalar } from "./fields.ts";
import { writeTenantFilter } from "./filter.ts";
import { bind, integer, joined, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** What `writeOrderedRows` reads: the organization's rows matching `filter` after `after`, in `sort` order, `limit` of them past `offset`. */
export interface OrderedRowScan {
  readonly organizationId: string;
  readonly filter: FilterNode | null;
  readonly sort: readonly SortTerm[];
  readonly after: Cursor | undefined;
  readonly limit: number;
  readonly offset?: number;
  /**
   * With a search (src/sql/search-rows.ts): read its matches first and choose
   * the rows among them — at most `bound` + 1 of them (past that, by the
   * table's order), or all (`bound` undefined). Absent: the table's order alone,
   * as for any filter (the planner's choice of index).
   */
  readonly searchMatches?: { readonly bound: number | undefined };
}

/** The parts of the WHERE condition a statement repeats, and how it fetches a chosen row again. */
export interface ChosenRows {
  /** The organization's condition alone. */
  readonly tenant: TrustedSql;
  /** The organization's condition and the filter. */
  readonly where: TrustedSql;
  /** The condition that joins a row of `chosen` to its row of the table. */
  readonly join: TrustedSql;
  /** With a search: `where` is over the search's rows, not the table (src/sql/search-rows.ts). */
  readonly search?: SearchedSource;
}

/** Where a statement with a search reads its matches (src/sql/search-rows.ts). */
export interface SearchedSource {
  /** The FROM item of the search's rows (`writeSearchedContacts`): `where` is the organization's condition and the rest of the filter, over it. */
  readonly source: TrustedSql;
  /** The rest of the filter alone (over any FROM item named like the table), undefined when the search is all of it. */
  readonly rest: TrustedSql | undefined;
  /**
   * When the CTE `matches` holds the filter's matches from the first on (no
   * cursor): how many at most — one more than `bound` — or all of them (`bound` undefined).
   */
  readonly counted?: { readonly bound: number | undefined };
}

/**
 * Writes `SELECT tid, id FROM contacts WHERE … ORDER BY … LIMIT …`: the rows of
 * a page (or an export batch), in order, as their `id` and where the scan found
 * them (`tid`, the row's `ctid`). The statement fetches each row again to
 * render it: by `tid` that is one heap read (a TID scan), where a join on `id`
 * descends the primary key first, three more pages a row. The statement's one
 * snapshot keeps every row it saw where it was. Past an offset only the `id`:
 * reading `ctid` would make an index-only scan visit the heap for every row
 * it skips.
 *
 * After a cursor whose first sort value `v` is not null, the rows that follow
 * it are, in order: those tied with it on the first term (`term = v`, then
 * after the cursor on the other terms and the id), those past `v`, and —
 * when the term can be null — those where it is null (nulls sort last).
 * Written as one condition, an index on the term could only start its scan
 * at `v` and filter the rest: every page would re-read the rows of the tie
 * before the cursor (a count that 100,000 contacts share), and `term <= v
 * OR term IS NULL` could not start at `v` at all. So each part is read apart,
 * as an index range of at most `limit` rows, and a part only when the parts
 * before it fell short of `limit` (a one-time condition: merging would read
 * every part's first row on every page).
 */
export function writeOrderedRows(w: SqlWriter, scan: OrderedRowScan): ChosenRows {
  const { sort, after, limit } = scan;
  const first = sort[0];
  const firstValue = after?.keys[0];
  const pastOffset = Boolean(scan.offset);
  const join = pastOffset ? trusted`${ID} = chosen.id` : trusted`${TABLE}.ctid = chosen.tid`;
  if (after === undefined || first === undefined || firstValue == null) {
    w.sql`SELECT ${pastOffset ? trusted`` : trusted`${TABLE}.ctid AS tid, `}${ID} AS id FROM ${TABLE}\n    WHERE `;
    const condition = writeTenantFilter(w, scan.organizationId, scan.filter);
    if (after) w.sql` AND ${(w) => writeAfterCursor(w, sort, after)}`;
    w.sql`\n    ORDER BY ${(w) => writeOrderBy(w, sort)}\n    LIMIT ${bind(String(limit), "int8")}`;
    if (scan.offset !== undefined) w.sql` OFFSET ${bind(String(scan.offset), "int8")}`;
    return { ...condition, join };
  }
  const rest: Cursor = { keys: after.keys.slice(1), id: after.id };
  const parts: ((w: SqlWriter) => void)[] = [
    (w) => w.sql`${(w) => writeEqual(w, first, firstValue)} AND ${(w) => writeAfterCursor(w, sort.slice(1), rest)}`,
    (w) => writeBeyond(w, first, firstValue, first.direction === "asc" ? trusted` > ` : trusted` < `, false),
  ];
  if (!columnNeverNull(first.field)) parts.push((w) => writeEqual(w, first, null));
  // Every part selects the sort values (`sort_<i>`), by which the parts' rows are ordered again.
  let condition = { tenant: trusted``, where: trusted`` };
  w.sql`WITH `;
  parts.forEach((writePart, p) => {
    if (p > 0) w.sql`,\n    `;
    w.sql`part_${integer(p)} AS MATERIALIZED (\n      SELECT ${TABLE}.ctid AS tid, ${ID} AS id`;
    writeSortKeys(w, sort);
    w.sql` FROM ${TABLE}\n      WHERE `;
    if (p === 0) condition = writeTenantFilter(w, scan.organizationId, scan.filter);
    else w.raw(condition.where);
    w.sql` AND ${writePart}`;
    if (p > 0) {
      const before = Array.from({ length: p }, (_, q) => trusted`(SELECT count(*) FROM part_${integer(q)})`);
      w.sql` AND ${joined(before, trusted` + `)} < ${bind(String(limit), "int8")}`;
    }
    w.sql`\n      ORDER BY ${(w) => writeOrderBy(w, sort)} LIMIT ${bind(String(limit), "int8")}\n    )`;
  });
  w.sql`\n    SELECT tid, id FROM (`;
  w.part(
    joined(
      parts.map((_, p) => trusted`SELECT * FROM part_${integer(p)}`),
      trusted` UNION ALL `,
    ),
  );
  w.sql`) AS after_cursor\n    ORDER BY ${(w) => writeSortKeyOrder(w, sort)}\n    LIMIT ${bind(String(limit), "int8")}`;
  return { ...condition, join };
}

/** Writes `, <value> AS sort_<i>` for each sort term: the sort values, selected to order the rows again. */
export function writeSortKeys(w: SqlWriter, sort: readonly SortTerm[]): void {
  sort.forEach((term, i) => {
    w.sql`, ${(w) => writeScalar(w, term.field, ROOT_SCOPE)} AS ${sortKey(i)}`;
  });
}

/** The order of `writeOrderBy` over rows that selected their sort values with `writeSortKeys` (and `id`). */
export function writeSortKeyOrder(w: SqlWriter, sort: readonly SortTerm[]): void {
  sort.forEach((term, i) => {
    w.sql`${sortKey(i)} ${direction(term)} NULLS LAST, `;
  });
  w.sql`(id COLLATE "C") ASC`;
}

function sortKey(i: number): TrustedSql {
  return trusted`sort_${integer(i)}`;
}

const direction = (term: SortTerm) => (term.direction === "desc" ? trusted`DESC` : trusted`ASC`);

/** Nulls, missing and wrong-typed values last in both directions; `id` breaks ties. */
function writeOrderBy(w: SqlWriter, keys: readonly SortTerm[]): void {
  for (const key of keys) {
    w.sql`${(w) => writeScalar(w, key.field, ROOT_SCOPE)} ${direction(key)} NULLS LAST, `;
  }
  w.sql`(${ID} COLLATE "C") ASC`;
}

/** Writes the text of each sort value of a row, then its id, as a JSON array: the cursor to continue after it. */
export function writeCursorKeys(w: SqlWriter, sort: readonly SortTerm[]): void {
  w.sql`json_build_array(`;
  for (const term of sort) w.sql`${(w) => writeValueText(w, term)}, `;
  w.sql`${ID})`;
}

/**
 * Writes the condition "the row comes after the cursor": for some term i, the
 * terms before it are equal and term i is after; or all are equal and the id
 * is greater. A redundant bound on the first term lets an index on it start
 * its scan at the cursor instead of filtering from the beginning.
 */
export function writeAfterCursor(w: SqlWriter, sort: readonly SortTerm[], cursor: Cursor): void {
  if (cursor.keys.length !== sort.length) throw new Error("the cursor does not fit the sort");
  w.sql`(`;
  const [first] = sort;
  if (first) w.sql`${(w) => writeBound(w, first, cursor.keys[0] ?? null)} AND `;
  w.sql`(`;
  for (let i = 0; i <= sort.length; i++) {
    if (i > 0) w.sql` OR `;
    w.sql`(`;
    for (let j = 0; j < i; j++) w.sql`${(w) => writeEqual(w, sort[j] as SortTerm, cursor.keys[j] ?? null)} AND `;
    if (i < sort.length) writeAfter(w, sort[i] as SortTerm, cursor.keys[i] ?? null);
    else w.sql`(${ID} COLLATE "C") > ${bind(cursor.id, "text")}`;
    w.sql`)`;
  }
  w.sql`))`;
}

/** Strictly after `value` in the term's order (nulls last). */
function writeAfter(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null)
    w.sql`false`; // nothing sorts after a null but other nulls, which are equal
  else writeBeyond(w, term, value, term.direction === "asc" ? trusted` > ` : trusted` < `);
}

/** At or after `value` in the term's order: the first term's bound. */
function writeBound(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null) writeEqual(w, term, null);
  else writeBeyond(w, term, value, term.direction === "asc" ? trusted` >= ` : trusted` <= `);
}

/** `term <op> value`, or a null / missing term (which sorts after every value) unless `withNulls` is false. */
function writeBeyond(w: SqlWriter, term: SortTerm, value: string, op: TrustedSql, withNulls = true): void {
  w.sql`(${(w) => writeScalar(w, term.field, ROOT_SCOPE)}${op}${(w) => writeValue(w, term, value)}`;
  if (withNulls && !columnNeverNull(term.field)) w.sql` OR ${(w) => writeScalar(w, term.field, ROOT_SCOPE)} IS NULL`;
  w.sql`)`;
}

function writeEqual(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null) w.sql`(${(w) => writeScalar(w, term.field, ROOT_SCOPE)} IS NULL)`;
  else w.sql`(${(w) => writeScalar(w, term.field, ROOT_SCOPE)} = ${(w) => writeValue(w, term, value)})`;
}

function valueType(term: SortTerm) {
  if (term.field.type.kind !== "scalar") throw new Error(`cannot sort by '${term.field.name}'`);
  return valueTypeOf(term.field.type.scalar);
}

/** A sort value as text: what `writeValue` reads back to the same value, exactly. */
function writeValueText(w: SqlWriter, term: SortTerm): void {
  switch (valueType(term)) {
    case "string":
      writeScalar(w, term.field, ROOT_SCOPE);
      return;
    case "number":
    case "boolean":
      w.sql`(${(w) => writeScalar(w, term.field, ROOT_SCOPE)})::text`;
      return;
    case "timestamp":
      // Microseconds, in UTC, with the era: independent of the session's DateStyle and TimeZone.
      w.sql`to_char((${(w) => writeScalar(w, term.field, ROOT_SCOPE)}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US BC')`;
      return;
  }
}

/** A cursor value bound with the type `writeScalar` gives the term (text, jsonb or timestamptz). */
function writeValue(w: SqlWriter, term: SortTerm, value: string): void {
  switch (valueType(term)) {
    case "string":
      w.param(value, "text");
      return;
    case "number":
    case "boolean":
      w.param(value, "jsonb");
      return;
    case "timestamp":
      w.sql`(${bind(value, "timestamp")} AT TIME ZONE 'UTC')`;
      return;
  }
}
