import { valueTypeOf } from "../contact/types.ts";
import type { Cursor, SortTerm } from "../query/ast.ts";
import { columnNeverNull, ROOT_SCOPE } from "./field-sql.ts";
import { writeScalar } from "./filter-sql.ts";
import type { SqlWriter } from "./statement.ts";

/**
 * Keyset paging over the language's sort order: every sort term with nulls,
 * missing and wrong-typed values last in both directions, then `id`
 * ascending. A cursor holds the last row's sort values as text; the next page
 * is the rows strictly after it in that order, so a page costs the same at any
 * depth and rows inserted or deleted elsewhere shift nothing.
 */

/** Writes the text of each sort value of a row, then its id, as a JSON array: the cursor to continue after it. */
export function writeCursorKeys(w: SqlWriter, sort: readonly SortTerm[], idSql: string): void {
  w.raw("json_build_array(");
  for (const term of sort) {
    writeValueText(w, term);
    w.raw(", ");
  }
  w.raw(`${idSql})`);
}

/**
 * Writes the condition "the row comes after the cursor": for some term i, the
 * terms before it are equal and term i is after; or all are equal and the id
 * is greater. A redundant bound on the first term lets an index on it start
 * its scan at the cursor instead of filtering from the beginning.
 */
export function writeAfterCursor(w: SqlWriter, sort: readonly SortTerm[], cursor: Cursor, idSql: string): void {
  if (cursor.keys.length !== sort.length) throw new Error("the cursor does not fit the sort");
  w.raw("(");
  const [first] = sort;
  if (first) {
    writeBound(w, first, cursor.keys[0] ?? null);
    w.raw(" AND ");
  }
  w.raw("(");
  for (let i = 0; i <= sort.length; i++) {
    if (i > 0) w.raw(" OR ");
    w.raw("(");
    for (let j = 0; j < i; j++) {
      writeEqual(w, sort[j] as SortTerm, cursor.keys[j] ?? null);
      w.raw(" AND ");
    }
    if (i < sort.length) writeAfter(w, sort[i] as SortTerm, cursor.keys[i] ?? null);
    else w.raw(`(${idSql} COLLATE "C") > `).param(cursor.id, "text");
    w.raw(")");
  }
  w.raw("))");
}

/** Strictly after `value` in the term's order (nulls last). */
function writeAfter(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null)
    w.raw("false"); // nothing sorts after a null but other nulls, which are equal
  else writeBeyond(w, term, value, term.direction === "asc" ? " > " : " < ");
}

/** At or after `value` in the term's order: the first term's bound. */
function writeBound(w: SqlWriter, term: SortTerm, value: string | null): void {
  if (value === null) writeEqual(w, term, null);
  else writeBeyond(w, term, value, term.direction === "asc" ? " >= " : " <= ");
}

/** `term <op> value`, or a null / missing term (which sorts after every value). */
function writeBeyond(w: SqlWriter, term: SortTerm, value: string, op: string): void {
  w.raw("(");
  writeScalar(w, term.field, ROOT_SCOPE);
  w.raw(op);
  writeValue(w, term, value);
  if (!columnNeverNull(term.field)) {
    w.raw(" OR ");
    writeScalar(w, term.field, ROOT_SCOPE);
    w.raw(" IS NULL");
  }
  w.raw(")");
}

function writeEqual(w: SqlWriter, term: SortTerm, value: string | null): void {
  w.raw("(");
  writeScalar(w, term.field, ROOT_SCOPE);
  if (value === null) w.raw(" IS NULL");
  else {
    w.raw(" = ");
    writeValue(w, term, value);
  }
  w.raw(")");
}

function valueType(term: SortTerm) {
  if (term.field.type.kind !== "scalar") throw new Error(`cannot sort by '${term.field.name}'`);
  return valueTypeOf(term.field.type.scalar);
}

/** A sort value as text: what `writeValue` reads back to the same value, exactly. */
function writeValueText(w: SqlWriter, term: SortTerm): void {
  switch (valueType(term)) {
    case "string":
      writeScalar(w, term.field, ROOT_SCOPE);
      return;
    case "number":
    case "boolean":
      w.raw("(");
      writeScalar(w, term.field, ROOT_SCOPE);
      w.raw(")::text");
      return;
    case "timestamp":
      // Microseconds, in UTC, with the era: independent of the session's DateStyle and TimeZone.
      w.raw("to_char((");
      writeScalar(w, term.field, ROOT_SCOPE);
      w.raw(`) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US BC')`);
      return;
  }
}

/** A cursor value bound with the type `writeScalar` gives the term (text, jsonb or timestamptz). */
function writeValue(w: SqlWriter, term: SortTerm, value: string): void {
  switch (valueType(term)) {
    case "string":
      w.param(value, "text");
      return;
    case "number":
    case "boolean":
      w.param(value, "jsonb");
      return;
    case "timestamp":
      w.raw("(").param(value, "timestamp").raw(" AT TIME ZONE 'UTC')");
      return;
  }
}
