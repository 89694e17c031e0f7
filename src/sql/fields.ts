import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { contacts } from "../db/schema.ts";
import type { ColumnKey, FieldRef } from "../query/fields.ts";

/**
 * Where a field's value is, as SQL. Columns go through Drizzle's column
 * objects; JSON path segments are always bound parameters, never spliced.
 */
export const COLUMNS: Record<ColumnKey, PgColumn> = {
  id: contacts.id,
  name: contacts.name,
  emailAddress: contacts.emailAddress,
  companyContactId: contacts.companyContactId,
  organizationId: contacts.organizationId,
  creationTime: contacts.creationTime,
  lastUpdateTime: contacts.lastUpdateTime,
  tags: contacts.tags,
};

/** The value an `any` is iterating over, if any: the `jsonb` of the current element. */
export interface TranslationScope {
  readonly element: SQL | undefined;
  /** Nesting depth of `any`, to name each level's element alias uniquely. */
  readonly anyDepth: number;
}

export const ROOT_SCOPE: TranslationScope = { element: undefined, anyDepth: 0 };

export function columnOf(field: FieldRef): PgColumn | undefined {
  return field.location.kind === "column" ? COLUMNS[field.location.column] : undefined;
}

/** The field's value as `jsonb` (SQL NULL when a key on the path is missing). */
export function jsonOf(field: FieldRef, scope: TranslationScope): SQL {
  if (field.location.kind !== "json") throw new Error(`'${field.name}' is a column, not a JSON path`);
  let expression: SQL = field.location.scope === "info" ? sql`${contacts.info}` : (scope.element ?? sql`NULL::jsonb`);
  for (const segment of field.location.path) expression = sql`(${expression} -> ${segment}::text)`;
  return expression;
}

/** The text of a JSON string value, NULL for any other JSON type. */
export function jsonString(json: SQL): SQL {
  return sql`(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${json} #>> '{}' END)`;
}

/**
 * Which stored strings are timestamps: the same rules as the language's
 * literals (`query/timestamp.ts`), so a cast is only attempted on text that
 * Postgres is certain to accept. The day-of-month check is done separately.
 */
const STORED_TIMESTAMP_REGEX =
  "^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)?)?$";
const ZONE_SUFFIX_REGEX = "(Z|[+-][0-9]{2}(:?[0-9]{2})?)$";

/**
 * A JSON string value as `timestamptz`, NULL unless it is a valid ISO-8601
 * timestamp. Never raises: CASE guarantees each cast runs only after the checks
 * that make it safe; a value without a zone is read as UTC.
 */
export function jsonTimestamp(json: SQL): SQL {
  // A one-row subquery names the text once instead of repeating its expression.
  return sql`(SELECT CASE WHEN s ~ ${STORED_TIMESTAMP_REGEX}::text THEN
    CASE WHEN substr(s, 9, 2)::int <= extract(day from date_trunc('month', (substr(s, 1, 7) || '-01')::date) + interval '1 month - 1 day') THEN
      (s || CASE WHEN length(s) > 10 AND s ~ ${ZONE_SUFFIX_REGEX}::text THEN '' ELSE '+00' END)::timestamptz
    END END FROM (SELECT ${jsonString(json)} AS s) AS stored_timestamp)`;
}
