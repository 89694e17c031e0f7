/**
 * @module Where a field's value is, as SQL, and how it is typed. Column
 * references are the declared names (src/contact/columns.ts), quoted; a JSON
 * path is one bound `text[]` parameter (`info #> $n::text[]`), never spliced.
 *
 * A typed value is NULL when the stored value is null, missing or of another
 * JSON type than the field's (a string in a number path): such a value
 * satisfies no comparison and sorts last, and no cast can fail.
 */
import {
  CONTACT_COLUMNS,
  CONTACTS_TABLE,
  type ColumnName,
  ID_COLUMN,
  INFO_COLUMN,
  ORGANIZATION_COLUMN,
} from "../contact/columns.ts";
import { valueTypeOf } from "../contact/types.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { identifier, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** `"contacts"`, as the statements name the table. */
export const TABLE = identifier(CONTACTS_TABLE);

/** `"contacts"."<column>"` for a declared column. */
export function columnSql(column: ColumnName): TrustedSql {
  return trusted`${TABLE}.${identifier(column)}`;
}

export const INFO = columnSql(INFO_COLUMN);
export const ID = columnSql(ID_COLUMN);
export const ORGANIZATION = columnSql(ORGANIZATION_COLUMN);

/** The value an `any` is iterating over, if any: the `jsonb` of the current element. */
export interface TranslationScope {
  /** SQL naming the current element (the translator's own alias), or undefined at the top. */
  readonly element: TrustedSql | undefined;
  /** Nesting depth of `any`, to name each level's element alias uniquely. */
  readonly anyDepth: number;
  /** The organization's id as bound (`$n::text`), where a search may be written (src/sql/search.ts). */
  readonly organization?: TrustedSql;
}

export const ROOT_SCOPE: TranslationScope = { element: undefined, anyDepth: 0 };

const NEVER_NULL: ReadonlySet<string> = new Set(
  CONTACT_COLUMNS.filter(({ nullable }) => !nullable).map(({ column }) => column),
);

/** Whether the field is a column that cannot be null (its sort value is never missing). */
export function columnNeverNull(field: FieldRef): boolean {
  return field.location.kind === "column" && NEVER_NULL.has(field.location.column);
}

/** The column's SQL, or undefined for a JSON path. */
export function fieldColumn(field: FieldRef): TrustedSql | undefined {
  return field.location.kind === "column" ? columnSql(field.location.column) : undefined;
}

/**
 * Writes the field's value as `jsonb` (SQL NULL when a key on the path is
 * missing). `#>` follows the same keys as a chain of `->`: it differs only on
 * an integer-like segment meeting an array, and no path segment is one
 * (schema keys are names, map keys 3-letter codes; src/contact/info.ts).
 */
export function writeJson(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  if (field.location.kind !== "json") throw new Error(`'${field.name}' is a column, not a JSON path`);
  const base = field.location.scope === "info" ? INFO : (scope.element ?? trusted`NULL::jsonb`);
  w.sql`(${base} #> `.param(field.location.path, "text[]").sql`)`;
}

/** Writes the text of a JSON string value, NULL for any other JSON type. */
export function writeJsonString(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const json = (w: SqlWriter) => writeJson(w, field, scope);
  w.sql`(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${json} #>> '{}' END)`;
}

/**
 * Which stored strings are timestamps: the same rules as the language's
 * literals (src/query/timestamp.ts), so a cast is only attempted on text that
 * Postgres is certain to accept. The day-of-month check is done separately.
 */
const STORED_TIMESTAMP_REGEX =
  "^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)?)?$";
const ZONE_SUFFIX_REGEX = "(Z|[+-][0-9]{2}(:?[0-9]{2})?)$";

/**
 * Writes a JSON string value as `timestamptz`, NULL unless it is a valid
 * ISO-8601 timestamp. Never raises: CASE guarantees each cast runs only after
 * the checks that make it safe; a value without a zone is read as UTC.
 */
export function writeJsonTimestamp(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  // A one-row subquery names the text once instead of repeating its expression.
  w.sql`(SELECT CASE WHEN s ~ `.param(STORED_TIMESTAMP_REGEX, "text");
  w.sql` THEN CASE WHEN substr(s, 9, 2)::int <= extract(day from date_trunc('month', (substr(s, 1, 7) || '-01')::date) + interval '1 month - 1 day') THEN (s || CASE WHEN length(s) > 10 AND s ~ `;
  w.param(ZONE_SUFFIX_REGEX, "text");
  w.sql` THEN '' ELSE '+00' END)::timestamptz END END FROM (SELECT ${(w) => writeJsonString(w, field, scope)} AS s) AS stored_timestamp)`;
}

/** Writes the field as a comparable SQL value of its scalar type (NULL when absent or wrong-typed). */
export function writeScalar(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = fieldColumn(field);
  if (column) {
    w.raw(columnScalar(field, column));
    return;
  }
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not a scalar`);
  const json = (w: SqlWriter) => writeJson(w, field, scope);
  switch (valueTypeOf(field.type.scalar)) {
    case "string":
      w.sql`(${(w) => writeJsonString(w, field, scope)} COLLATE "C")`;
      return;
    case "timestamp":
      writeJsonTimestamp(w, field, scope);
      return;
    case "number":
      w.sql`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${json} END)`;
      return;
    case "boolean":
      w.sql`(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN ${json} END)`;
      return;
  }
}

/** A column field's value `sql` as it compares: a string column in the "C" collation (by code point). */
export function columnScalar(field: FieldRef, sql: TrustedSql): TrustedSql {
  return field.type.kind === "scalar" && field.type.scalar === "string" ? trusted`(${sql} COLLATE "C")` : sql;
}

/** Writes the field's text: a string column as is, a JSON string path's text (NULL for other types). */
export function writeText(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = fieldColumn(field);
  if (column) w.raw(column);
  else writeJsonString(w, field, scope);
}
