/**
 * @module The count of a statement (`total_count`, `total_exact`) in each mode
 * of `count=` (src/query/count.ts).
 */
import { CONTACT_COLUMNS, INFO_COLUMN } from "../contact/columns.ts";
import type { FilterNode } from "../query/ast.ts";
import type { CountMode } from "../query/count.ts";
import { columnsImplying, readsInfo } from "./count-bound.ts";
import { columnSql, INFO, ROOT_SCOPE, TABLE } from "./fields.ts";
import { writeFilter } from "./filter.ts";
import type { ChosenRows, SearchedSource } from "./keyset.ts";
import { SEARCHED_TID } from "./search.ts";
import {
  decimal,
  type Fragment,
  identifier,
  integer,
  joined,
  type SqlWriter,
  type TrustedSql,
  trusted,
} from "./writer.ts";

/** `total_count` and `total_exact` in each mode (`estimated` reads them from the FROM of `writeBoundedCount`). */
export function writeCountColumns(w: SqlWriter, mode: CountMode, rows: ChosenRows): void {
  switch (mode) {
    case "exact":
      if (rows.search) w.sql`(SELECT count(*) FROM ${countedRows(rows, rows.search, undefined)})`;
      else w.sql`(SELECT count(*) FROM ${TABLE} WHERE ${rows.where})`;
      w.sql`::int8 AS total_count, true AS total_exact`;
      return;
    case "none":
      w.sql`NULL::int8 AS total_count, false AS total_exact`;
      return;
    case "estimated":
      w.sql`bounded.total_count, bounded.total_exact`;
      return;
  }
}

/**
 * A condition as text already written, or as a fragment that writes it (the
 * first use of a filter in a statement: see `once` in writer.ts).
 */
export type Condition = TrustedSql | Fragment;

/** The share of the table's blocks (percent) `count=estimated` reads to estimate past the bound. */
const ESTIMATE_SAMPLE_PERCENT = 0.25;

/**
 * The statement's FROM for `count=estimated`: `n`, the matches counted up to
 * one row past the bound (stopping there); only past the bound an estimate —
 * the matches in a fixed sample of the table's blocks, scaled up
 * (REPEATABLE, so the same data gives the same estimate and the same ETag),
 * never below the bound + 1.
 *
 * When the filter reads `info` but a filter on columns alone implies it
 * (count-bound.ts), the column filter is counted first (to the same bound):
 * if more rows than the bound match it, more match the filter too, and the
 * filter's own bounded count — a document read per match — is skipped. When
 * that column filter is an `or`, each branch is counted first, alone. Either
 * way `n` is exact whenever it is at most the bound, so a count of at most the
 * bound is always exact. Subqueries are evaluated where needed only (each is
 * an InitPlan), and `OFFSET 0` keeps `total_count` one computed value: the
 * sample is read at most once.
 */
export function writeBoundedCount(
  w: SqlWriter,
  parts: {
    tenant: Condition;
    where: Condition;
    filter: FilterNode | null;
    bound: number;
    /** The filter's own capped count, when the statement reads its first rows anyway (default: counted here). */
    count?: Condition;
  },
): void {
  const bound = integer(parts.bound);
  const past = integer(parts.bound + 1);
  const readsDocument = parts.filter !== null && readsInfo(parts.filter);
  const estimate: Fragment = (w) => writeSampleEstimate(w, parts.tenant, parts.where, readsDocument);
  const counted: Fragment = (w) => {
    w.sql`(SELECT `;
    const columns = readsDocument && parts.filter ? columnsImplying(parts.filter) : false;
    if (columns !== false) {
      // An `or`'s branches first, one at a time: one branch past the bound is enough, and
      // counting it alone skips building the other branches' bitmaps.
      const branches = columns !== true && columns.op === "or" ? [...columns.args, columns] : [columns];
      w.sql`CASE`;
      for (const branch of branches) {
        const where = (w: SqlWriter) => {
          w.part(parts.tenant);
          if (branch !== true) w.sql` AND ${(w) => writeFilter(w, branch, ROOT_SCOPE)}`;
        };
        w.sql` WHEN ${capped(past, where)} > ${bound} THEN ${past}`;
      }
      w.sql` ELSE ${parts.count ?? capped(past, parts.where)} END`;
    } else {
      w.part(parts.count ?? capped(past, parts.where));
    }
    w.sql` AS n OFFSET 0)`;
  };
  writeBounded(w, parts.bound, estimate, counted);
}

/**
 * Writes `, (…) AS bounded`, the FROM item of `total_count` and `total_exact`:
 * `n` from `counted` (a subquery, `capped_count`), exact when at most the
 * bound; past it `estimate`, never below the bound + 1.
 */
function writeBounded(w: SqlWriter, limit: number, estimate: Fragment, counted: Fragment): void {
  const bound = integer(limit);
  w.sql`, (SELECT n <= ${bound} AS total_exact, CASE WHEN n <= ${bound} THEN n ELSE greatest(${integer(limit + 1)}, `;
  w.sql`${estimate}) END::int8 AS total_count\n  FROM ${counted} AS capped_count OFFSET 0) AS bounded`;
}

/**
 * `writeBoundedCount` for the rows a page or an export batch chose: with a
 * search read first (src/sql/search-rows.ts), from its matches; otherwise the
 * filter's rule above.
 */
export function writeRowsBoundedCount(
  w: SqlWriter,
  parts: { rows: ChosenRows; filter: FilterNode | null; bound: number },
): void {
  const { rows, filter, bound } = parts;
  if (rows.search) writeSearchBoundedCount(w, rows, rows.search, bound);
  else writeBoundedCount(w, { tenant: rows.tenant, where: rows.where, filter, bound });
}

/**
 * `(SELECT …)`: the organization's matches in the sample, scaled to the table.
 * A filter that reads `info` decompresses the document once per `info`
 * reference it makes (a typed comparison makes two, a range four); here each
 * sampled row of the organization is read once instead: a subquery (kept
 * apart by `OFFSET 0`) named like the table hands the filter its columns, with
 * `info` as the whole document already read (`#> '{}'` returns its argument,
 * detoasted), so every reference sees that one value.
 */
function writeSampleEstimate(w: SqlWriter, tenant: Condition, where: Condition, readsDocument: boolean): void {
  w.sql`(SELECT (count(*) * ${SAMPLE_SCALE})::int8 FROM `;
  if (readsDocument) {
    w.sql`(SELECT ${SAMPLED_COLUMNS} FROM ${TABLE} ${ESTIMATE_SAMPLE} WHERE ${tenant} OFFSET 0) AS ${TABLE}`;
  } else {
    w.sql`${TABLE} ${ESTIMATE_SAMPLE}`;
  }
  w.sql` WHERE ${where})`;
}

const ESTIMATE_SAMPLE = trusted`TABLESAMPLE SYSTEM (${decimal(ESTIMATE_SAMPLE_PERCENT)}) REPEATABLE (0)`;
const SAMPLE_SCALE = integer(100 / ESTIMATE_SAMPLE_PERCENT);
/** Every column of the table, `info` as the whole document already read (see `writeSampleEstimate`). */
const SAMPLED_COLUMNS = joined(
  CONTACT_COLUMNS.map(({ column }) =>
    column === INFO_COLUMN ? trusted`${INFO} #> '{}' AS ${identifier(column)}` : columnSql(column),
  ),
  trusted`, `,
);

/** `(SELECT count(*) …)` of the rows matching `where`, stopping one row past the bound. */
function capped(past: TrustedSql, where: Condition): Fragment {
  return (w) => w.sql`(SELECT count(*) FROM (SELECT FROM ${TABLE} WHERE ${where} LIMIT ${past}) AS capped)`;
}

/**
 * A search's matches counted, as a FROM item (`AS counted`), each with its
 * `tid`: `matches` when it holds the filter's from the first on, read up to
 * the same bound (or all, `bound` undefined); else (after a cursor) read again
 * from the search's rows, `bound + 1` at most.
 */
function countedRows(rows: ChosenRows, search: SearchedSource, bound: number | undefined): Fragment {
  if (search.counted && search.counted.bound === bound) return (w) => w.sql`matches AS counted`;
  return (w) => {
    w.sql`(SELECT ${SEARCHED_TID} AS tid FROM ${search.source} WHERE ${rows.where}`;
    if (bound !== undefined) w.sql` LIMIT ${integer(bound + 1)}`;
    w.sql`) AS counted`;
  };
}

/**
 * `count=estimated` with a search (src/sql/search-rows.ts): `n`, its matches
 * counted up to one past the bound, and where the last of them was found
 * (`last`, its `tid`). They are read by the search's index, in the table's
 * order, so those `n` are every match in the table's first blocks up to
 * `last`. Past the bound the estimate scales them up by the share of the
 * organization's rows — those matching the rest of the filter — that lie in
 * those blocks, as counted in the fixed sample of blocks `count=estimated`
 * reads for filters: no search is computed (tens of microseconds a row), only
 * the rest of the filter, on the organization's rows of the sample. Never
 * below the bound + 1 (nor when no sampled row lies before `last`).
 */
function writeSearchBoundedCount(w: SqlWriter, rows: ChosenRows, search: SearchedSource, limit: number): void {
  const past = integer(limit + 1);
  const inSample = search.rest ?? trusted`true`;
  const estimate: Fragment = (w) => {
    w.sql`(SELECT (${past} * count(*) FILTER (WHERE ${inSample}) / nullif(count(*) FILTER (WHERE ${inSample} AND ${SEARCHED_TID} <= capped_count.last), 0))::int8`;
    w.sql`
    FROM (SELECT ${TABLE}.ctid AS tid, ${SAMPLED_COLUMNS} FROM ${TABLE} ${ESTIMATE_SAMPLE} WHERE ${rows.tenant} OFFSET 0) AS ${TABLE})`;
  };
  const counted: Fragment = (w) =>
    w.sql`(SELECT count(*) AS n, max(tid) AS last FROM ${countedRows(rows, search, limit)} OFFSET 0)`;
  writeBounded(w, limit, estimate, counted);
}
