import { getTableColumns, type SQL } from "drizzle-orm";
import { contacts } from "../db/schema.ts";
import type { FilterNode, ParsedQuery } from "../query/ast.ts";
import { writeContactJson } from "./contact-json.ts";
import { columnsImplying, readsInfo } from "./count-bound.ts";
import { columnSql, INFO_SQL, ROOT_SCOPE, TABLE_SQL } from "./field-sql.ts";
import { writeFilter } from "./filter-sql.ts";
import { writeCursorKeys, writeOrderedRows } from "./keyset.ts";
import { SqlWriter } from "./statement.ts";

/**
 * The one statement a request runs, returning one row:
 * - `total_count` / `total_exact`: the count in the query's mode (NULL when
 *   not counting, or when the caller already knows the count: `countKnown`);
 * - `data`: the page, already rendered as the response's JSON array by
 *   Postgres, so the Worker splices it into the body without re-serializing;
 *   NULL when it is larger than `maxDataBytes` (rendered once, in the
 *   `rendered` row the statement reads, and measured there), so a page of
 *   huge documents never reaches the Worker's memory;
 * - `data_bytes`: its size in bytes, whether sent or not;
 * - `next_keys`: when rows follow the page, the sort values of its last row
 *   (the cursor of the next page), else NULL.
 * All in one round trip.
 *
 * The page's rows are chosen first (one row more than the page, to know whether
 * rows follow) and rendered after: a Limit node evaluates its input's select
 * list for the rows OFFSET skips too, so rendering inside the ordered scan
 * would build (and detoast) up to 100,000 documents to throw away. Each row is
 * then fetched again where the scan found it (by primary key past an offset;
 * keyset.ts). A keyset page starts after its cursor instead of at an offset.
 *
 * The WHERE clause is written once and its text repeated: every copy refers
 * to the same parameters. The result is a whole statement, to be run as is
 * (see SqlWriter.toSql).
 */
export interface StatementOptions {
  /** The count is known already (cached): do no counting work. */
  readonly countKnown?: boolean;
  /**
   * The most bytes `data` may have (the service passes MAX_PAGE_BYTES); a larger page comes back as `data` NULL
   * with its `data_bytes`. Without it, no limit.
   */
  readonly maxDataBytes?: number;
  /** `count=estimated` counts exactly up to this many matches (EXACT_COUNT_BOUND); tests set a small one. */
  readonly exactCountBound?: number;
}

export function contactQuerySql(organizationId: string, query: ParsedQuery, options: StatementOptions = {}): SQL {
  return writeContactQuery(organizationId, query, options).toSql();
}

/** The same statement as text and parameters (`$1` is `params[0]`). */
export function contactQueryText(organizationId: string, query: ParsedQuery, options: StatementOptions = {}) {
  return writeContactQuery(organizationId, query, options).toQuery();
}

/** What `count=estimated` counts exactly; above it, an estimate of at least this plus one. */
export const EXACT_COUNT_BOUND = 10_000;

const ID = columnSql(contacts.id);

function writeContactQuery(organizationId: string, query: ParsedQuery, options: StatementOptions): SqlWriter {
  const w = new SqlWriter();
  const offset = query.after ? 0 : (query.pageNumber - 1) * query.pageSize;
  w.raw("WITH page AS MATERIALIZED (\n  SELECT ordered.*, row_number() OVER () AS position FROM (\n    ");
  const { tenant, where, join } = writeOrderedRows(w, {
    organizationId,
    filter: query.filter,
    sort: query.sort,
    after: query.after,
    limit: query.pageSize + 1,
    offset,
  });
  w.raw("\n  ) AS ordered\n),\nrendered AS (\n  SELECT '[' || coalesce(string_agg(");
  writeContactJson(w, query.projection);
  w.raw(", ',' ORDER BY page.position), '') || ']' AS data\n    FROM page JOIN ")
    .raw(`${TABLE_SQL} ON ${join} AND ${tenant}\n    WHERE page.position <= `)
    .param(String(query.pageSize), "int8")
    .raw("\n)\nSELECT\n  ");
  const count = options.countKnown ? "none" : (query.count ?? "exact");
  writeCountColumns(w, count, where);
  // The page's size in bytes, measured where it is rendered; over the budget the Worker gets no data (NULL).
  if (options.maxDataBytes === undefined) w.raw(",\n  rendered.data,");
  else {
    w.raw(",\n  CASE WHEN octet_length(rendered.data) <= ")
      .param(String(options.maxDataBytes), "int8")
      .raw(" THEN rendered.data END AS data,");
  }
  w.raw("\n  octet_length(rendered.data) AS data_bytes,\n  (SELECT count(*) FROM page WHERE position <= ")
    .param(String(query.pageSize), "int8")
    .raw(") AS page_rows,\n  (SELECT ");
  writeCursorKeys(w, query.sort, ID);
  w.raw(`::text\n    FROM page JOIN ${TABLE_SQL} ON ${join} AND ${tenant}\n    WHERE page.position = `)
    .param(String(query.pageSize), "int8")
    .raw(" AND EXISTS (SELECT FROM page AS later WHERE later.position > ")
    .param(String(query.pageSize), "int8")
    .raw(")) AS next_keys\nFROM rendered");
  if (count === "estimated") {
    const bound = options.exactCountBound ?? EXACT_COUNT_BOUND;
    writeBoundedCount(w, { tenant, where, filter: query.filter, bound });
  }
  return w;
}

/** `total_count` and `total_exact` in each mode (`estimated` reads them from `writeBoundedCount`). */
function writeCountColumns(w: SqlWriter, mode: "exact" | "estimated" | "none", where: string): void {
  switch (mode) {
    case "exact":
      w.raw(`(SELECT count(*) FROM ${TABLE_SQL} WHERE ${where})::int8 AS total_count, true AS total_exact`);
      return;
    case "none":
      w.raw("NULL::int8 AS total_count, false AS total_exact");
      return;
    case "estimated":
      w.raw("bounded.total_count, bounded.total_exact");
      return;
  }
}

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
function writeBoundedCount(
  w: SqlWriter,
  parts: { tenant: string; where: string; filter: FilterNode | null; bound: number },
): void {
  const { bound } = parts;
  if (!Number.isSafeInteger(bound) || bound < 0) throw new Error("the exact count bound must be a natural number");
  w.raw(`, (SELECT n <= ${bound} AS total_exact, `);
  w.raw(`CASE WHEN n <= ${bound} THEN n ELSE greatest(${bound + 1}, `);
  const readsDocument = parts.filter !== null && readsInfo(parts.filter);
  writeSampleEstimate(w, parts.tenant, parts.where, readsDocument);
  w.raw(`) END::int8 AS total_count\n  FROM (SELECT `);
  const columns = readsDocument && parts.filter ? columnsImplying(parts.filter) : false;
  if (columns !== false) {
    // An `or`'s branches first, one at a time: one branch past the bound is enough, and
    // counting it alone skips building the other branches' bitmaps.
    const branches = columns !== true && columns.op === "or" ? [...columns.args, columns] : [columns];
    w.raw("CASE");
    for (const branch of branches) {
      w.raw(" WHEN ");
      writeCapped(w, bound, () => {
        w.raw(parts.tenant);
        if (branch === true) return;
        w.raw(" AND ");
        writeFilter(w, branch, ROOT_SCOPE);
      });
      w.raw(` > ${bound} THEN ${bound + 1}`);
    }
    w.raw(" ELSE ");
    writeCapped(w, bound, () => w.raw(parts.where));
    w.raw(" END");
  } else {
    writeCapped(w, bound, () => w.raw(parts.where));
  }
  w.raw(" AS n OFFSET 0) AS capped_count OFFSET 0) AS bounded");
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
function writeSampleEstimate(w: SqlWriter, tenant: string, where: string, readsDocument: boolean): void {
  const sample = `TABLESAMPLE SYSTEM (${ESTIMATE_SAMPLE_PERCENT}) REPEATABLE (0)`;
  w.raw(`(SELECT (count(*) * ${100 / ESTIMATE_SAMPLE_PERCENT})::int8 FROM `);
  if (readsDocument) {
    const columns = Object.values(getTableColumns(contacts)).map((column) =>
      column.name === contacts.info.name ? `${INFO_SQL} #> '{}' AS ${quoted(column.name)}` : columnSql(column),
    );
    w.raw(`(SELECT ${columns.join(", ")} FROM ${TABLE_SQL} ${sample} WHERE ${tenant} OFFSET 0) AS ${TABLE_SQL}`);
  } else {
    w.raw(`${TABLE_SQL} ${sample}`);
  }
  w.raw(` WHERE ${where})`);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `(SELECT count(*) …)` of the rows matching `where`, stopping one row past the bound. */
function writeCapped(w: SqlWriter, bound: number, where: () => void): void {
  w.raw(`(SELECT count(*) FROM (SELECT FROM ${TABLE_SQL} WHERE `);
  where();
  w.raw(` LIMIT ${bound + 1}) AS capped)`);
}
