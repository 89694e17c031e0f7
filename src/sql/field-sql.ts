import { getTableName } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { CONTACT_COLUMNS, INFO_COLUMN } from "../contact/columns.ts";
import { contacts } from "../db/schema.ts";
import type { FieldRef } from "../query/field-registry.ts";
import type { SqlWriter } from "./statement.ts";

/**
 * Where a field's value is, as SQL. Column references are the table's own
 * names (src/db/schema.ts, through the contact's declaration), quoted; a JSON
 * path is one bound `text[]` parameter (`info #> $n::text[]`), never spliced.
 */

/** A schema identifier (never client text) as a quoted SQL name. */
function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"contacts"`, as the statement names the table. */
export const TABLE_SQL = quoteName(getTableName(contacts));

/** `"contacts"."<column>"` for a column of the contacts table. */
export function columnSql(column: PgColumn): string {
  return `${TABLE_SQL}.${quoteName(column.name)}`;
}

/** Each column of the contact by its name, as SQL. */
const COLUMN_SQL: ReadonlyMap<string, string> = new Map(
  CONTACT_COLUMNS.map(({ column }) => [column.name, columnSql(column)]),
);

export const INFO_SQL = columnSql(INFO_COLUMN);

/** The value an `any` is iterating over, if any: the `jsonb` of the current element. */
export interface TranslationScope {
  /** SQL text naming the current element (the translator's own alias), or undefined at the top. */
  readonly element: string | undefined;
  /** Nesting depth of `any`, to name each level's element alias uniquely. */
  readonly anyDepth: number;
}

export const ROOT_SCOPE: TranslationScope = { element: undefined, anyDepth: 0 };

const NEVER_NULL: ReadonlySet<string> = new Set(
  CONTACT_COLUMNS.filter(({ column }) => column.notNull).map(({ column }) => column.name),
);

/** Whether the field is a column that cannot be null (its sort value is never missing). */
export function columnNeverNull(field: FieldRef): boolean {
  return field.location.kind === "column" && NEVER_NULL.has(field.location.column);
}

/** The column's SQL, or undefined for a JSON path. */
export function columnOf(field: FieldRef): string | undefined {
  return field.location.kind === "column" ? COLUMN_SQL.get(field.location.column) : undefined;
}

/**
 * Writes the field's value as `jsonb` (SQL NULL when a key on the path is
 * missing). `#>` follows the same keys as a chain of `->`: it differs only on
 * an integer-like segment meeting an array, and no path segment is one
 * (schema keys are names, map keys 3-letter codes; src/contact/info.ts).
 */
export function writeJson(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  if (field.location.kind !== "json") throw new Error(`'${field.name}' is a column, not a JSON path`);
  const base = field.location.scope === "info" ? INFO_SQL : (scope.element ?? "NULL::jsonb");
  w.raw(`(${base} #> `).param(field.location.path, "text[]").raw(")");
}

/** Writes the text of a JSON string value, NULL for any other JSON type. */
export function writeJsonString(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  w.raw("(CASE WHEN jsonb_typeof(");
  writeJson(w, field, scope);
  w.raw(") = 'string' THEN ");
  writeJson(w, field, scope);
  w.raw(" #>> '{}' END)");
}

/**
 * Writes a JSON string value as `timestamptz`, NULL unless it is a valid
 * ISO-8601 date or date-time (the language's rules for literals,
 * `query/timestamp.ts`); never raises; a value without a zone is read as UTC.
 * The expression is the SQL function `contact_json_timestamp`
 * (drizzle/0007_json_timestamp.sql), which the planner inlines: a comparison
 * costs ~40 bytes of statement instead of ~600.
 */
export function writeJsonTimestamp(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  w.raw("contact_json_timestamp(");
  writeJson(w, field, scope);
  w.raw(")");
}
