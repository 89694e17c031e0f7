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

/** Each declared column's SQL, written once: a filter names columns at every node. */
const COLUMN_SQL: ReadonlyMap<string, TrustedSql> = new Map(
  CONTACT_COLUMNS.map(({ column }) => [column, columnSql(column)]),
);

/** The column's SQL, or undefined for a JSON path. */
export function fieldColumn(field: FieldRef): TrustedSql | undefined {
  return field.location.kind === "column" ? COLUMN_SQL.get(field.location.column) : undefined;
}

/**
 * Writes the field's value as `jsonb` (SQL NULL when a key on the path is
 * missing). `#>` follows the same keys as a chain of `->`: it differs only on
 * an integer-like segment meeting an array, and no path segment is one
 * (schema keys are names, map keys 3-letter codes; src/contact/info.ts).
 */
export function writeJson(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  w.raw(jsonSql(w, field, scope));
}

/**
 * The field's `jsonb` as text to interpolate (its path bound now: see
 * `SqlWriter.placeholder`), for expressions that read it twice.
 */
export function jsonSql(w: SqlWriter, field: FieldRef, scope: TranslationScope): TrustedSql {
  if (field.location.kind !== "json") throw new Error(`'${field.name}' is a column, not a JSON path`);
  const base = field.location.scope === "info" ? INFO : (scope.element ?? NULL_JSONB);
  return trusted`(${base} #> ${w.placeholder(field.location.path, "text[]")})`;
}

const NULL_JSONB = trusted`NULL::jsonb`;

/** Writes the text of a JSON string value, NULL for any other JSON type. */
function writeJsonString(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const json = jsonSql(w, field, scope);
  w.sql`(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${json} #>> '{}' END)`;
}

/**
 * Writes a JSON string value as `timestamptz`, NULL unless it is a valid
 * ISO-8601 date or date-time (the language's rules for literals,
 * `query/timestamp.ts`); never raises; a value without a zone is read as UTC.
 * The expression is the SQL function `contact_json_timestamp`
 * (drizzle/0007_json_timestamp.sql), which the planner inlines: a comparison
 * costs ~40 bytes of statement instead of ~600.
 */
function writeJsonTimestamp(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  w.sql`contact_json_timestamp(${(w) => writeJson(w, field, scope)})`;
}

/** Writes the field as a comparable SQL value of its scalar type (NULL when absent or wrong-typed). */
export function writeScalar(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  if (field.location.kind === "column") {
    w.raw(COLUMN_SCALAR.get(field.location.column) ?? columnScalar(field, columnSql(field.location.column)));
    return;
  }
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not a scalar`);
  switch (valueTypeOf(field.type.scalar)) {
    case "string":
      w.sql`(${(w) => writeJsonString(w, field, scope)} COLLATE "C")`;
      return;
    case "timestamp":
      writeJsonTimestamp(w, field, scope);
      return;
    case "number": {
      const json = jsonSql(w, field, scope);
      w.sql`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${json} END)`;
      return;
    }
    case "boolean": {
      const json = jsonSql(w, field, scope);
      w.sql`(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN ${json} END)`;
      return;
    }
  }
}

/** Each declared column as it compares (see `columnScalar`), written once: a filter compares columns at every node. */
const COLUMN_SCALAR: ReadonlyMap<string, TrustedSql> = new Map(
  CONTACT_COLUMNS.map(({ column, type }) => [
    column,
    type.kind === "scalar" && type.scalar === "string"
      ? trusted`(${columnSql(column)} COLLATE "C")`
      : columnSql(column),
  ]),
);

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
