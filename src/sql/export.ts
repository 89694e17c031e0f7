/**
 * @module One batch of an export: the next `rows` contacts of the query's order
 * after `after` (keyset, as page tokens walk), rendered by Postgres in the
 * export's format so the Worker never parses or re-serializes a contact. One
 * statement, one round trip, returning one row:
 *
 * - `body`: NDJSON — each contact's JSON object (exactly as a page's `data`
 *   holds it, projection included) joined by `\n`, no trailing newline; CSV —
 *   a JSON array of rows, each an array of the cells' texts (`null` for a null
 *   or missing value), in the order of `exportColumns`. NULL when no row is left.
 * - `batch_rows`: how many contacts the batch holds: at most `rows`, and no more
 *   than fit in `maxBytes` as rendered (but at least one);
 * - `next_keys`: when rows follow the batch, its last row's sort values then its
 *   id (the cursor of the next batch, as JSON text), else NULL;
 * - with `count` (the first batch), `total_count` and `total_exact`: the
 *   matches counted as `count=estimated` counts them (exact up to the bound,
 *   an estimate above), for the export's progress headers.
 *
 * Each contact is rendered once and measured, so the answer stays within
 * `maxBytes` whatever the documents weigh.
 */
import { CONTACT_COLUMNS, type DeclaredColumn, ID_COLUMN, INFO_COLUMN } from "../contact/columns.ts";
import type { Cursor, FilterNode, Projection, SortTerm } from "../query/ast.ts";
import { EXACT_COUNT_BOUND } from "../query/count.ts";
import { CONTACT_SCOPE, resolveField } from "../query/field-registry.ts";
import { valueSql, writeContactJson } from "./contact-json.ts";
import { writeRowsBoundedCount } from "./count.ts";
import { columnSql, INFO, TABLE } from "./fields.ts";
import { writeRowStatement } from "./rows.ts";
import { searchMatches } from "./search-rows.ts";
import { bind, type Fragment, SqlWriter, trusted } from "./writer.ts";

export type ExportFormat = "ndjson" | "csv";

export interface ExportBatch {
  readonly filter: FilterNode | null;
  readonly sort: readonly SortTerm[];
  readonly projection?: Projection;
  readonly after?: Cursor;
  /** Contacts in the batch (at most). */
  readonly rows: number;
  /** Bytes of rendered contacts in the batch (at most; a single larger contact still makes a batch of one). */
  readonly maxBytes: number;
  /** Count the matches too (`total_count`, `total_exact`), as `count=estimated` does. */
  readonly count?: boolean;
  /** How many contacts match, when known (the first batch's count): with a search, whether its matches are few. */
  readonly knownMatches?: number;
}

/** A CSV column: its header and where its cells come from. */
export type CsvColumn =
  | { readonly header: string; readonly kind: "column"; readonly column: DeclaredColumn }
  | { readonly header: string; readonly kind: "info-path"; readonly path: readonly string[] };

const COLUMN_BY_NAME = new Map<string, DeclaredColumn>(CONTACT_COLUMNS.map((column) => [column.column, column]));

/**
 * The CSV columns: without a projection, the contact's keys in response order;
 * with one, `id` first unless it is named, then the fields in the order given
 * (columns under their response key, `info` for the whole document, an `info`
 * path under its name, `info.a.b`).
 */
export function csvColumns(projection?: Projection): CsvColumn[] {
  if (!projection) return CONTACT_COLUMNS.map(csvColumnOf);
  const columns: CsvColumn[] = [];
  if (!projection.names.includes(ID_COLUMN)) columns.push(csvColumnOf(COLUMN_BY_NAME.get(ID_COLUMN) as DeclaredColumn));
  for (const name of projection.names) {
    const column = COLUMN_BY_NAME.get(name);
    if (column) {
      columns.push(csvColumnOf(column));
      continue;
    }
    const field = resolveField(name, CONTACT_SCOPE);
    if (field?.location.kind !== "json") throw new Error(`'${name}' is not a projectable field`);
    columns.push({ header: name, kind: "info-path", path: field.location.path });
  }
  return columns;
}

/** A column of the table; `info`, the document, is read like a path (the empty one) so its cell follows the same rules. */
function csvColumnOf(column: DeclaredColumn): CsvColumn {
  return column.column === INFO_COLUMN
    ? { header: column.key, kind: "info-path", path: [] }
    : { header: column.key, kind: "column", column };
}

/** The statement of one batch (run as a whole: see SqlWriter.toSql). */
export function exportBatchStatement(organizationId: string, batch: ExportBatch, format: ExportFormat): SqlWriter {
  const w = new SqlWriter();
  const item: Fragment =
    format === "ndjson"
      ? (w) => writeContactJson(w, batch.projection)
      : (w) => {
          w.sql`json_build_array(`;
          csvColumns(batch.projection).forEach((column, i) => {
            if (i > 0) w.sql`, `;
            writeCell(w, column);
          });
          w.sql`)`;
        };
  const body =
    format === "ndjson"
      ? trusted`string_agg(item, E'\\n' ORDER BY position)`
      : trusted`'[' || string_agg(item, ',' ORDER BY position) || ']'`;
  writeRowStatement(w, {
    scan: {
      organizationId,
      filter: batch.filter,
      sort: batch.sort,
      after: batch.after,
      limit: batch.rows + 1,
      // The first batch counts as `count=estimated` does; the others do not count.
      ...searchMatches(
        batch.count ? "estimated" : "none",
        batch.after !== undefined,
        EXACT_COUNT_BOUND,
        batch.knownMatches,
      ),
    },
    // Each contact rendered once, with its size; the batch keeps the longest
    // prefix within `maxBytes` (never less than one contact, so the walk moves on).
    render: (rows) => (w) =>
      w.sql`,\nrendered AS MATERIALIZED (\n  SELECT chosen.position, ${item}::text AS item\n  FROM chosen JOIN ${TABLE} ON ${rows.join} AND ${rows.tenant}\n  WHERE chosen.position <= ${bind(String(batch.rows), "int8")}\n),\nkept AS MATERIALIZED (\n  SELECT position, item FROM (SELECT position, item, sum(octet_length(item)) OVER (ORDER BY position) AS upto FROM rendered) AS sized\n  WHERE upto <= ${bind(String(batch.maxBytes), "int8")} OR position = 1\n)`,
    outputs: () => (w) => {
      w.sql`(SELECT ${body} FROM kept) AS body,\n  (SELECT count(*) FROM kept) AS batch_rows`;
      if (batch.count) w.sql`,\n  bounded.total_count, bounded.total_exact`;
    },
    last: {
      rows: trusted`kept JOIN chosen ON chosen.position = kept.position`,
      position: trusted`(SELECT max(position) FROM kept)`,
    },
    from: (rows) => (w) => {
      if (!batch.count) return;
      w.sql`\nFROM (SELECT) AS batch`;
      writeRowsBoundedCount(w, { rows, filter: batch.filter, bound: EXACT_COUNT_BOUND });
    },
  });
  return w;
}

/**
 * A CSV cell's text: a string as itself, a number or boolean as its JSON text,
 * an array or object as JSON text, SQL NULL for a null or missing value.
 * Timestamp columns as the response renders them.
 */
function writeCell(w: SqlWriter, column: CsvColumn): void {
  if (column.kind === "info-path") {
    const value: Fragment = (w) => w.sql`(${INFO} #> ${bind(column.path, "text[]")})`;
    w.sql`CASE jsonb_typeof(${value}) WHEN 'string' THEN ${value} #>> '{}' WHEN 'null' THEN NULL ELSE ${value}::text END`;
    return;
  }
  if (column.column.type.kind === "string-array") {
    w.sql`to_json(${columnSql(column.column.column)})::text`;
    return;
  }
  w.raw(valueSql(column.column));
}
