/**
 * @module The skeleton of the statements that answer with rows — a page and an
 * export batch: choose the rows (one more than asked, to know whether rows
 * follow), render the chosen ones, and name the cursor that continues the walk.
 *
 * ```sql
 * WITH chosen AS MATERIALIZED (            -- the rows, in order, with their position
 *   SELECT ordered.*, row_number() OVER () AS position FROM (<ordered rows>) AS ordered
 * )<render: CTEs that read chosen, fetching each row again by its tid or id>
 * SELECT <outputs>,
 *   (SELECT <sort values and id of the last row shown> ...) AS next_keys
 * <from>
 * ```
 *
 * Rows are chosen first and rendered after: a Limit node evaluates its
 * input's select list for the rows OFFSET skips too, so rendering inside the
 * ordered scan would build (and detoast) up to 100,000 documents to throw
 * away. When a search's matches are read first (`searchMatches`,
 * src/sql/search-rows.ts), the rows are chosen among them. The facets
 * statement reads its matching rows with the same WHERE (`writeTenantFilter`)
 * but chooses no order and renders counts.
 */
import { TABLE } from "./fields.ts";
import { type ChosenRows, type OrderedRowScan, writeCursorKeys, writeOrderedRows } from "./keyset.ts";
import { splitSearch } from "./search.ts";
import { writeMatchedRows, writeMatches } from "./search-rows.ts";
import type { Fragment, SqlPart, SqlWriter, TrustedSql } from "./writer.ts";

export interface RowStatement {
  readonly scan: OrderedRowScan;
  /** CTEs after `chosen` (each written with its leading `,\n`) that render the chosen rows. */
  readonly render: (rows: ChosenRows) => Fragment;
  /** The select list before `next_keys`. */
  readonly outputs: (rows: ChosenRows) => Fragment;
  /** Where the last row shown is: the rows it is among (joined to `chosen`) and its position. */
  readonly last: { readonly rows: TrustedSql; readonly position: SqlPart };
  /** The final FROM and anything after it (empty when the outputs are subqueries). */
  readonly from: (rows: ChosenRows) => Fragment;
}

export function writeRowStatement(w: SqlWriter, statement: RowStatement): ChosenRows {
  const { scan, last } = statement;
  const split = scan.searchMatches ? splitSearch(scan.filter) : undefined;
  w.sql`WITH `;
  // A search's matches first (src/sql/search-rows.ts).
  const matches = split ? writeMatches(w, scan, split) : undefined;
  w.sql`chosen AS MATERIALIZED (\n  SELECT ordered.*, row_number() OVER () AS position FROM (\n    `;
  const rows = matches ? writeMatchedRows(w, scan, matches) : writeOrderedRows(w, scan);
  w.sql`\n  ) AS ordered\n)${statement.render(rows)}\nSELECT\n  ${statement.outputs(rows)},`;
  w.sql`\n  (SELECT ${(w) => writeCursorKeys(w, scan.sort)}::text\n    FROM ${last.rows} JOIN ${TABLE} ON ${rows.join} AND ${rows.tenant}`;
  w.sql`\n    WHERE chosen.position = ${last.position}`;
  w.sql` AND EXISTS (SELECT FROM chosen AS later WHERE later.position > chosen.position)) AS next_keys`;
  w.part(statement.from(rows));
  return rows;
}
