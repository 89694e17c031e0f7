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
export function writeCountColumns(w: SqlWriter, mode: CountMode, where: TrustedSql): void {
  switch (mode) {
    case "exact":
      w.sql`(SELECT count(*) FROM ${TABLE} WHERE ${where})::int8 AS total_count, true AS total_exact`;
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
export const ESTIMATE_SAMPLE_PERCENT = 0.25;

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
  w.sql`, (SELECT n <= ${bound} AS total_exact, CASE WHEN n <= ${bound} THEN n ELSE greatest(${past}, `;
  writeSampleEstimate(w, parts.tenant, parts.where, readsDocument);
  w.sql`) END::int8 AS total_count\n  FROM (SELECT `;
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
  w.sql` AS n OFFSET 0) AS capped_count OFFSET 0) AS bounded`;
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
  const sample = trusted`TABLESAMPLE SYSTEM (${ESTIMATE_SAMPLE_SQL}) REPEATABLE (0)`;
  w.sql`(SELECT (count(*) * ${SAMPLE_SCALE})::int8 FROM `;
  if (readsDocument) {
    const columns = CONTACT_COLUMNS.map(({ column }) =>
      column === INFO_COLUMN ? trusted`${INFO} #> '{}' AS ${identifier(column)}` : columnSql(column),
    );
    w.sql`(SELECT ${joined(columns, trusted`, `)} FROM ${TABLE} ${sample} WHERE ${tenant} OFFSET 0) AS ${TABLE}`;
  } else {
    w.sql`${TABLE} ${sample}`;
  }
  w.sql` WHERE ${where})`;
}

const ESTIMATE_SAMPLE_SQL = decimal(ESTIMATE_SAMPLE_PERCENT);
const SAMPLE_SCALE = integer(100 / ESTIMATE_SAMPLE_PERCENT);

/** `(SELECT count(*) …)` of the rows matching `where`, stopping one row past the bound. */
function capped(past: TrustedSql, where: Condition): Fragment {
  return (w) => w.sql`(SELECT count(*) FROM (SELECT FROM ${TABLE} WHERE ${where} LIMIT ${past}) AS capped)`;
}
