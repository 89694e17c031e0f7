import { valueTypeOf } from "../contact/types.ts";
import { contacts } from "../db/schema.ts";
import type { Cursor, FilterNode, SortTerm } from "../query/ast.ts";
import { columnNeverNull, columnSql, ROOT_SCOPE, TABLE_SQL } from "./field-sql.ts";
import { writeScalar, writeTenantFilter } from "./filter-sql.ts";
import type { SqlWriter } from "./statement.ts";

/**
 * Keyset paging over the language's sort order: every sort term with nulls,
 * missing and wrong-typed values last in both directions, then `id`
 * ascending. A cursor holds the last row's sort values as text; the next page
 * is the rows strictly after it in that order, so a page costs the same at any
 * depth and rows inserted or deleted elsewhere shift nothing.
 */

const ID = columnSql(contacts.id);

/** What `writeOrderedRows` reads: the organization's rows matching `filter` after `after`, in `sort` order, `limit` of them past `offset`. */
export interface OrderedRowScan {
  readonly organizationId: string;
  readonly filter: FilterNode | null;
  readonly sort: readonly SortTerm[];
  readonly after: Cursor | undefined;
  readonly limit: number;
  readonly offset?: number;
}

/**
 * Writes `SELECT tid, id FROM contacts WHERE … ORDER BY … LIMIT …`: the rows of
 * a page (or an export batch), in order, as their `id` and where the scan found
 * them (`tid`, the row's `ctid`). The statement fetches each row again to
 * render it: by `tid` that is one heap read (a TID scan), where a join on `id`
 * descends the primary key first, three more pages a row. The statement's one
 * snapshot keeps every row it saw where it was. Past an offset only the `id`:
 * reading `ctid` would make an index-only scan visit the heap for every row
 * it skips. `join` is the condition that fetches a `page` row again.
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
 *
 * Returns the text of the WHERE condition's parts (`writeTenantFilter`), for
 * the statement to repeat, and `join`.
 */
export function writeOrderedRows(w: SqlWriter, scan: OrderedRowScan): { tenant: string; where: string; join: string } {
  const { sort, after, limit } = scan;
  const first = sort[0];
  const firstValue = after?.keys[0];
  const pastOffset = Boolean(scan.offset);
  const join = pastOffset ? `${ID} = page.id` : `${TABLE_SQL}.ctid = page.tid`;
  if (after === undefined || first === undefined || firstValue == null) {
    w.raw(`SELECT ${pastOffset ? "" : `${TABLE_SQL}.ctid AS tid, `}${ID} AS id FROM ${TABLE_SQL}\n    WHERE `);
    const condition = writeTenantFilter(w, scan.organizationId, scan.filter);
    if (after) {
      w.raw(" AND ");
      writeAfterCursor(w, sort, after, ID);
    }
    w.raw("\n    ORDER BY ");
    writeOrderBy(w, sort);
    w.raw("\n    LIMIT ").param(String(limit), "int8");
    if (scan.offset !== undefined) w.raw(" OFFSET ").param(String(scan.offset), "int8");
    return { ...condition, join };
  }
  const rest: Cursor = { keys: after.keys.slice(1), id: after.id };
  const parts: (() => void)[] = [
    () => {
      writeEqual(w, first, firstValue);
      w.raw(" AND ");
      writeAfterCursor(w, sort.slice(1), rest, ID);
    },
    () => writeBeyond(w, first, firstValue, first.direction === "asc" ? " > " : " < ", false),
  ];
  if (!columnNeverNull(first.field)) parts.push(() => writeEqual(w, first, null));
  // Every part selects the sort values (`sort_<i>`), by which the parts' rows are ordered again.
  const keys = sort.map((_, i) => `sort_${i}`);
  let condition = { tenant: "", where: "" };
  w.raw("WITH ");
  parts.forEach((writePart, p) => {
    if (p > 0) w.raw(",\n    ");
    w.raw(`part_${p} AS MATERIALIZED (\n      SELECT ${TABLE_SQL}.ctid AS tid, ${ID} AS id`);
    sort.forEach((term, i) => {
      w.raw(", ");
      writeScalar(w, term.field, ROOT_SCOPE);
      w.raw(` AS ${keys[i]}`);
    });
    w.raw(` FROM ${TABLE_SQL}\n      WHERE `);
    if (p === 0) condition = writeTenantFilter(w, scan.organizationId, scan.filter);
    else w.raw(condition.where);
    w.raw(" AND ");
    writePart();
    if (p > 0) {
      const before = Array.from({ length: p }, (_, q) => `(SELECT count(*) FROM part_${q})`).join(" + ");
      w.raw(` AND ${before} < `).param(String(limit), "int8");
    }
    w.raw("\n      ORDER BY ");
    writeOrderBy(w, sort);
    w.raw(" LIMIT ").param(String(limit), "int8").raw("\n    )");
  });
  w.raw("\n    SELECT tid, id FROM (");
  w.raw(parts.map((_, p) => `SELECT * FROM part_${p}`).join(" UNION ALL "));
  w.raw(") AS after_cursor\n    ORDER BY ");
  sort.forEach((term, i) => {
    w.raw(`${keys[i]} ${term.direction === "desc" ? "DESC" : "ASC"} NULLS LAST, `);
  });
  w.raw(`(id COLLATE "C") ASC\n    LIMIT `).param(String(limit), "int8");
  return { ...condition, join };
}

/** Nulls, missing and wrong-typed values last in both directions; `id` breaks ties (also the export's batches). */
export function writeOrderBy(w: SqlWriter, keys: readonly SortTerm[]): void {
  for (const key of keys) {
    writeScalar(w, key.field, ROOT_SCOPE);
    w.raw(` ${key.direction === "desc" ? "DESC" : "ASC"} NULLS LAST, `);
  }
  w.raw(`(${ID} COLLATE "C") ASC`);
}

/** Writes the text of each sort value of a row, then its id, as a JSON array: the cursor to continue after it. */
export function writeCursorKeys(w: SqlWriter, sort: readonly SortTerm[], idSql: string): void {
  w.raw("json_build_array(");
  for (const term of sort) {
    writeValueText(w, term);
    w.raw(", ");
  }
  w.raw(`${idSql})`);
}

/**
 * Writes the condition "the row comes after the cursor": for some term i, the
 * terms before it are equal and term i is after; or all are equal and the id
 * is greater. A redundant bound on the first term lets an index on it start
 * its scan at the cursor instead of filtering from the beginning.
 */
function writeAfterCursor(w: SqlWriter, sort: readonly SortTerm[], cursor: Cursor, idSql: string): void {
  if (cursor.keys.length !== sort.length) throw new Error("the cursor does not fit the sort");
  w.raw("(");
  const [first] = sort;
  if (first) {
    writeBound(w, first, cursor.keys[0] ?? null);
    w.raw(" AND ");
  }
  w.raw("(");
  for (let i = 0; i <= sort.length; i++) {
    if (i > 0) w.raw(" OR ");
    w.raw("(");
    for (let j = 0; j < i; j++) {
      writeEqual(w, sort[j] as SortTerm, cursor.keys[j] ?? null);
      w.raw(" AND ");
    }
    if (i < sort.length) writeAfter(w, sort[i] as SortTerm, cursor.keys[i] ?? null);
    else w.raw(`(${idSql} COLLATE "C") > `).param(cursor.id, "text");
    w.raw(")");
  }
  w.raw("))");
}

/** Strictly after `value` in the term's order (nulls last). */
function writeAfter(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null)
    w.raw("false"); // nothing sorts after a null but other nulls, which are equal
  else writeBeyond(w, term, value, term.direction === "asc" ? " > " : " < ");
}

/** At or after `value` in the term's order: the first term's bound. */
function writeBound(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null) writeEqual(w, term, null);
  else writeBeyond(w, term, value, term.direction === "asc" ? " >= " : " <= ");
}

/** `term <op> value`, or a null / missing term (which sorts after every value) unless `withNulls` is false. */
function writeBeyond(w: SqlWriter, term: SortTerm, value: string, op: string, withNulls = true): void {
  w.raw("(");
  writeScalar(w, term.field, ROOT_SCOPE);
  w.raw(op);
  writeValue(w, term, value);
  if (withNulls && !columnNeverNull(term.field)) {
    w.raw(" OR ");
    writeScalar(w, term.field, ROOT_SCOPE);
    w.raw(" IS NULL");
  }
  w.raw(")");
}

function writeEqual(w: SqlWriter, term: SortTerm, value: string | null): void {
  w.raw("(");
  writeScalar(w, term.field, ROOT_SCOPE);
  if (value === null) w.raw(" IS NULL");
  else {
    w.raw(" = ");
    writeValue(w, term, value);
  }
  w.raw(")");
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
      w.raw("(");
      writeScalar(w, term.field, ROOT_SCOPE);
      w.raw(")::text");
      return;
    case "timestamp":
      // Microseconds, in UTC, with the era: independent of the session's DateStyle and TimeZone.
      w.raw("to_char((");
      writeScalar(w, term.field, ROOT_SCOPE);
      w.raw(`) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US BC')`);
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
      w.raw("(").param(value, "timestamp").raw(" AT TIME ZONE 'UTC')");
      return;
  }
}
