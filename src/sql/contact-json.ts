import { CONTACT_COLUMNS, type ContactColumn } from "../contact/columns.ts";
import { columnSql } from "./field-sql.ts";

/**
 * A contact as the response's JSON object, rendered by Postgres from the
 * contact's declaration: its keys in declaration order, `null` for a null
 * column, `[]` for empty tags (the column is never null), timestamps as
 * ISO-8601 UTC with milliseconds, `info` exactly as stored.
 */
function valueSql({ column, type }: ContactColumn): string {
  if (type.kind === "scalar" && type.scalar === "date-time") {
    return `to_char(${columnSql(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return columnSql(column);
}

export const CONTACT_JSON = `json_build_object(
    ${CONTACT_COLUMNS.map((column) => `'${column.key}', ${valueSql(column)}`).join(",\n    ")})`;
