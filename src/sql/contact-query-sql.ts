import type { SQL } from "drizzle-orm";
import { contacts } from "../db/schema.ts";
import type { ParsedQuery, SortTerm } from "../query/ast.ts";
import { writeContactJson } from "./contact-json.ts";
import { columnSql, ROOT_SCOPE, TABLE_SQL } from "./field-sql.ts";
import { writeFilter, writeScalar } from "./filter-sql.ts";
import { writeAfterCursor, writeCursorKeys } from "./keyset.ts";
import { SqlWriter } from "./statement.ts";

/**
 * The one statement a request runs, returning one row:
 * - `total_count` / `total_exact`: the count in the query's mode (NULL when
 *   not counting, or when the caller already knows the count: `countKnown`);
 * - `data`: the page, already rendered as the response's JSON array by
 *   Postgres, so the Worker splices it into the body without re-serializing;
 *   NULL when it is larger than `maxDataBytes` (rendered once, in the
 *   `rendered` CTE, and measured there), so a page of huge documents never
 *   reaches the Worker's memory;
 * - `data_bytes`: its size in bytes, whether sent or not;
 * - `next_keys`: when rows follow the page, the sort values of its last row
 *   (the cursor of the next page), else NULL.
 * All in one round trip.
 *
 * The page is chosen by id first (one row more than the page, to know whether
 * rows follow) and rendered after: a Limit node evaluates its input's select
 * list for the rows OFFSET skips too, so rendering inside the ordered scan
 * would build (and detoast) up to 100,000 documents to throw away. The ids are
 * then joined back through the primary key. A keyset page starts after its
 * cursor instead of at an offset (keyset.ts).
 *
 * The WHERE clause is written once and its text repeated: every copy refers
 * to the same parameters. The result is a whole statement, to be run as is
 * (see SqlWriter.toSql).
 */
export interface StatementOptions {
  /** The count is known already (cached): do no counting work. */
  readonly countKnown?: boolean;
  /** The most bytes `data` may have (the service passes MAX_PAGE_BYTES); a larger page comes back as `data` NULL with its `data_bytes`. Unbounded when absent. */
  readonly maxDataBytes?: number;
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
  w.raw("WITH page AS MATERIALIZED (\n  SELECT ordered.id, row_number() OVER () AS position FROM (\n    SELECT ");
  w.raw(`${ID} AS id FROM ${TABLE_SQL}\n    WHERE `);
  const whereStart = w.length;
  w.raw(`${columnSql(contacts.organizationId)} = `).param(organizationId, "text");
  const tenant = w.since(whereStart);
  if (query.filter) {
    w.raw(" AND ");
    writeFilter(w, query.filter, ROOT_SCOPE);
  }
  const where = w.since(whereStart);
  if (query.after) {
    w.raw(" AND ");
    writeAfterCursor(w, query.sort, query.after, ID);
  }
  w.raw("\n    ORDER BY ");
  writeOrderBy(w, query.sort);
  w.raw("\n    LIMIT ")
    .param(String(query.pageSize + 1), "int8")
    .raw(" OFFSET ")
    .param(String(offset), "int8")
    .raw("\n  ) AS ordered\n),\nrendered AS MATERIALIZED (\n  SELECT coalesce(json_agg(");
  writeContactJson(w, query.projection);
  w.raw(" ORDER BY page.position), '[]'::json)::text AS data\n    FROM page JOIN ")
    .raw(`${TABLE_SQL} ON ${ID} = page.id AND ${tenant}\n    WHERE page.position <= `)
    .param(String(query.pageSize), "int8")
    .raw("\n)\nSELECT\n  ");
  const count = options.countKnown ? "none" : (query.count ?? "exact");
  writeCountColumns(w, count, where);
  // The page's size in bytes, measured where it is rendered; over the budget the Worker gets no data (NULL).
  if (options.maxDataBytes === undefined) w.raw(",\n  (SELECT rendered.data FROM rendered) AS data,");
  else {
    w.raw(",\n  (SELECT CASE WHEN octet_length(rendered.data) <= ")
      .param(String(options.maxDataBytes), "int8")
      .raw(" THEN rendered.data END FROM rendered) AS data,");
  }
  w.raw(
    "\n  (SELECT octet_length(rendered.data) FROM rendered) AS data_bytes,\n  (SELECT count(*) FROM page WHERE position <= ",
  )
    .param(String(query.pageSize), "int8")
    .raw(") AS page_rows,\n  (SELECT ");
  writeCursorKeys(w, query.sort, ID);
  w.raw(`::text\n    FROM page JOIN ${TABLE_SQL} ON ${ID} = page.id AND ${tenant}\n    WHERE page.position = `)
    .param(String(query.pageSize), "int8")
    .raw(" AND EXISTS (SELECT FROM page AS later WHERE later.position > ")
    .param(String(query.pageSize), "int8")
    .raw(")) AS next_keys");
  if (count === "estimated") writeBoundedCount(w, where);
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
      w.raw(`bounded.total_count, bounded.total_count <= ${EXACT_COUNT_BOUND} AS total_exact`);
      return;
  }
}

/**
 * The statement's FROM for `count=estimated`: count at most one row past the
 * bound (stopping there), and only past it read an estimate — the matches in
 * a fixed 1% sample of the table's blocks, scaled up (REPEATABLE, so the same
 * data gives the same estimate and the same ETag), never below the bound + 1.
 */
function writeBoundedCount(w: SqlWriter, where: string): void {
  w.raw(`\nFROM (SELECT CASE WHEN n <= ${EXACT_COUNT_BOUND} THEN n ELSE greatest(${EXACT_COUNT_BOUND + 1}, `);
  w.raw(`(SELECT count(*) * 100 FROM ${TABLE_SQL} TABLESAMPLE SYSTEM (1) REPEATABLE (0) WHERE ${where})`);
  w.raw(
    `) END::int8 AS total_count\n  FROM (SELECT count(*) AS n FROM (SELECT FROM ${TABLE_SQL} WHERE ${where} LIMIT `,
  );
  w.raw(`${EXACT_COUNT_BOUND + 1}) AS capped) AS capped_count) AS bounded`);
}

/** Nulls, missing and wrong-typed values last in both directions; `id` breaks ties (also the export's batches). */
export function writeOrderBy(w: SqlWriter, keys: readonly SortTerm[]): void {
  for (const key of keys) {
    writeScalar(w, key.field, ROOT_SCOPE);
    w.raw(` ${key.direction === "desc" ? "DESC" : "ASC"} NULLS LAST, `);
  }
  w.raw(`(${ID} COLLATE "C") ASC`);
}
