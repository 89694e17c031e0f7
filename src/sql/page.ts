/**
 * @module The page statement: the one statement a query runs, returning one row:
 * - `total_count` / `total_exact`: the count in the query's mode (NULL when
 *   not counting, or when the caller already knows the count: `countKnown`);
 * - `data`: the page, already rendered as the response's JSON array by
 *   Postgres, so the Worker splices it into the body without re-serializing;
 *   NULL when it is larger than `maxDataBytes` (rendered once, in the
 *   `rendered` row the statement reads, and measured there), so a page of
 *   huge documents never reaches the Worker's memory;
 * - `data_bytes`: its size in bytes, whether sent or not;
 * - `page_rows`: the contacts on the page;
 * - `next_keys`: when rows follow the page, the sort values of its last row
 *   and its id (the cursor of the next page), else NULL.
 * All in one round trip. A keyset page starts after its cursor instead of at
 * an offset. The WHERE clause is written once and its text repeated: every
 * copy refers to the same parameters.
 */
import type { ParsedQuery } from "../query/ast.ts";
import { EXACT_COUNT_BOUND } from "../query/count.ts";
import { writeContactJson } from "./contact-json.ts";
import { writeCountColumns, writeRowsBoundedCount } from "./count.ts";
import { TABLE } from "./fields.ts";
import { writeRowStatement } from "./rows.ts";
import { searchMatches } from "./search-rows.ts";
import { bind, SqlWriter, trusted } from "./writer.ts";

export interface PageOptions {
  /** The count is known already (cached): do no counting work. */
  readonly countKnown?: boolean;
  /** How many contacts match, when known (a cached count: past the bound, an estimate). */
  readonly knownMatches?: number;
  /**
   * The most bytes `data` may have (the service passes MAX_PAGE_BYTES); a larger page comes back as `data` NULL
   * with its `data_bytes`. Without it, no limit.
   */
  readonly maxDataBytes?: number;
  /**
   * `count=estimated` counts exactly up to this many matches (EXACT_COUNT_BOUND), and a search's rows are chosen
   * among as many of its matches (src/sql/search-rows.ts); tests set a small one.
   */
  readonly exactCountBound?: number;
}

/** The statement of one page of `query` (run as a whole: see SqlWriter.toSql). */
export function pageStatement(organizationId: string, query: ParsedQuery, options: PageOptions = {}): SqlWriter {
  const w = new SqlWriter();
  const size = bind(String(query.pageSize), "int8");
  const count = options.countKnown ? "none" : (query.count ?? "exact");
  const { maxDataBytes } = options;
  const bound = options.exactCountBound ?? EXACT_COUNT_BOUND;
  writeRowStatement(w, {
    scan: {
      organizationId,
      filter: query.filter,
      sort: query.sort,
      after: query.after,
      limit: query.pageSize + 1,
      offset: query.after ? 0 : (query.pageNumber - 1) * query.pageSize,
      ...searchMatches(count, query.after !== undefined, bound, options.knownMatches),
    },
    render(rows) {
      return (w) =>
        w.sql`,\nrendered AS (\n  SELECT '[' || coalesce(string_agg(${(w) => writeContactJson(w, query.projection)}, ',' ORDER BY chosen.position), '') || ']' AS data\n    FROM chosen JOIN ${TABLE} ON ${rows.join} AND ${rows.tenant}\n    WHERE chosen.position <= ${size}\n)`;
    },
    outputs(rows) {
      return (w) => {
        writeCountColumns(w, count, rows);
        // The page's size in bytes, measured where it is rendered; over the budget the Worker gets no data (NULL).
        if (maxDataBytes === undefined) w.sql`,\n  rendered.data,`;
        else
          w.sql`,\n  CASE WHEN octet_length(rendered.data) <= ${bind(String(maxDataBytes), "int8")} THEN rendered.data END AS data,`;
        w.sql`\n  octet_length(rendered.data) AS data_bytes,\n  (SELECT count(*) FROM chosen WHERE position <= ${size}) AS page_rows`;
      };
    },
    last: { rows: trusted`chosen`, position: size },
    from(rows) {
      return (w) => {
        w.sql`\nFROM rendered`;
        if (count === "estimated") writeRowsBoundedCount(w, { rows, filter: query.filter, bound });
      };
    },
  });
  return w;
}
