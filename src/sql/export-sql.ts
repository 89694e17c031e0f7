import type { SQL } from "drizzle-orm";
import { CONTACT_COLUMNS, type ContactColumn, INFO_COLUMN } from "../contact/columns.ts";
import { contacts } from "../db/schema.ts";
import type { Cursor, FilterNode, Projection, SortTerm } from "../query/ast.ts";
import { CONTACT_SCOPE, resolveField } from "../query/field-registry.ts";
import { valueSql, writeContactJson } from "./contact-json.ts";
import { columnSql, INFO_SQL, TABLE_SQL } from "./field-sql.ts";
import { writeCursorKeys, writeOrderedRows } from "./keyset.ts";
import { SqlWriter } from "./statement.ts";

/**
 * One batch of an export: the next `rows` contacts of the query's order after
 * `after` (keyset, as the query endpoint's page tokens walk), rendered by
 * Postgres in the export's format so the Worker never parses or re-serializes
 * a contact. One statement, one round trip, returning one row:
 *
 * - `body`: NDJSON — each contact's JSON object (exactly as a page's `data`
 *   holds it, projection included) joined by `\n`, no trailing newline; CSV —
 *   a JSON array of rows, each an array of the cells' texts (`null` for a null
 *   or missing value), in the order of `exportColumns`. NULL when no row is left.
 * - `batch_rows`: how many contacts the batch holds: at most `rows`, and no more
 *   than fit in `maxBytes` as rendered (but at least one);
 * - `next_keys`: when rows follow the batch, its last row's sort values then its
 *   id (the cursor of the next batch, as JSON text), else NULL.
 *
 * Like the page statement, the batch picks rows first (one more than the batch,
 * to know whether rows follow) and renders after, fetching each again by `tid`;
 * each contact is rendered once and measured, so the answer stays within
 * `maxBytes` whatever the documents weigh.
 */
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
}

export function exportBatchSql(organizationId: string, batch: ExportBatch, format: ExportFormat): SQL {
  return writeExportBatch(organizationId, batch, format).toSql();
}

/** The same statement as text and parameters, for the benchmarks and tests. */
export function exportBatchText(organizationId: string, batch: ExportBatch, format: ExportFormat) {
  return writeExportBatch(organizationId, batch, format).toQuery();
}

/** A CSV column: its header and where its cells come from. */
export type ExportColumn =
  | { readonly header: string; readonly kind: "column"; readonly column: ContactColumn }
  | { readonly header: string; readonly kind: "info-path"; readonly path: readonly string[] };

const ID_COLUMN = CONTACT_COLUMNS.find(({ column }) => column === contacts.id) as ContactColumn;
const COLUMN_BY_NAME = new Map(CONTACT_COLUMNS.map((column) => [column.column.name, column]));

/**
 * The CSV columns: without a projection, the contact's keys in response order;
 * with one, `id` first unless it is named, then the fields in the order given
 * (columns under their response key, `info` for the whole document, an `info`
 * path under its name, `info.a.b`).
 */
export function exportColumns(projection?: Projection): ExportColumn[] {
  if (!projection) return CONTACT_COLUMNS.map(columnOf);
  const columns: ExportColumn[] = [];
  if (!projection.names.includes(ID_COLUMN.column.name)) columns.push(columnOf(ID_COLUMN));
  for (const name of projection.names) {
    const column = COLUMN_BY_NAME.get(name);
    if (column) {
      columns.push(columnOf(column));
      continue;
    }
    const field = resolveField(name, CONTACT_SCOPE);
    if (field?.location.kind !== "json") throw new Error(`'${name}' is not a projectable field`);
    columns.push({ header: name, kind: "info-path", path: field.location.path });
  }
  return columns;
}

/** A column of the table; `info`, the document, is read like a path (the empty one) so its cell follows the same rules. */
function columnOf(column: ContactColumn): ExportColumn {
  return column.column === INFO_COLUMN
    ? { header: column.key, kind: "info-path", path: [] }
    : { header: column.key, kind: "column", column };
}

const ID = columnSql(contacts.id);

function writeExportBatch(organizationId: string, batch: ExportBatch, format: ExportFormat): SqlWriter {
  const w = new SqlWriter();
  w.raw("WITH page AS MATERIALIZED (\n  SELECT ordered.*, row_number() OVER () AS position FROM (\n    ");
  const { tenant, join } = writeOrderedRows(w, {
    organizationId,
    filter: batch.filter,
    sort: batch.sort,
    after: batch.after,
    limit: batch.rows + 1,
  });
  w.raw("\n  ) AS ordered\n),\n");
  // Each contact rendered once, with its size; the batch keeps the longest
  // prefix within `maxBytes` (never less than one contact, so the walk moves on).
  w.raw("rendered AS MATERIALIZED (\n  SELECT page.position, ");
  if (format === "ndjson") {
    writeContactJson(w, batch.projection);
  } else {
    w.raw("json_build_array(");
    exportColumns(batch.projection).forEach((column, i) => {
      if (i > 0) w.raw(", ");
      writeCell(w, column);
    });
    w.raw(")");
  }
  w.raw(`::text AS item\n  FROM page JOIN ${TABLE_SQL} ON ${join} AND ${tenant}\n  WHERE page.position <= `)
    .param(String(batch.rows), "int8")
    .raw("\n),\nkept AS MATERIALIZED (\n  SELECT position, item FROM (SELECT position, item, ")
    .raw("sum(octet_length(item)) OVER (ORDER BY position) AS upto FROM rendered) AS sized\n  WHERE upto <= ")
    .param(String(batch.maxBytes), "int8")
    .raw(" OR position = 1\n)\nSELECT\n  (SELECT ")
    .raw(
      format === "ndjson"
        ? "string_agg(item, E'\\n' ORDER BY position)"
        : "'[' || string_agg(item, ',' ORDER BY position) || ']'",
    )
    .raw(" FROM kept) AS body,\n  (SELECT count(*) FROM kept) AS batch_rows,\n  (SELECT ");
  writeCursorKeys(w, batch.sort, ID);
  w.raw(`::text\n    FROM kept JOIN page ON page.position = kept.position JOIN ${TABLE_SQL} ON ${join} AND ${tenant}`)
    .raw("\n    WHERE kept.position = (SELECT max(position) FROM kept)")
    .raw("\n      AND EXISTS (SELECT FROM page AS later WHERE later.position > kept.position)) AS next_keys");
  return w;
}

/**
 * A CSV cell's text: a string as itself, a number or boolean as its JSON text,
 * an array or object as JSON text, SQL NULL for a null or missing value.
 * Timestamp columns as the response renders them.
 */
function writeCell(w: SqlWriter, column: ExportColumn): void {
  if (column.kind === "info-path") {
    const value = () => w.raw(`(${INFO_SQL} #> `).param(column.path, "text[]").raw(")");
    w.raw("CASE jsonb_typeof(");
    value();
    w.raw(") WHEN 'string' THEN ");
    value();
    w.raw(" #>> '{}' WHEN 'null' THEN NULL ELSE ");
    value();
    w.raw("::text END");
    return;
  }
  if (column.column.type.kind === "string-array") {
    w.raw(`to_json(${columnSql(column.column.column)})::text`);
    return;
  }
  w.raw(valueSql(column.column));
}
