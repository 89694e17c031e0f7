import type { CompareOp, FilterNode, Literal } from "../query/ast.ts";
import type { FieldRef } from "../query/fields.ts";
import { infoContainment } from "./containment.ts";
import { columnOf, INFO_SQL, type TranslationScope, writeJson, writeJsonString, writeJsonTimestamp } from "./fields.ts";
import type { SqlWriter } from "./statement.ts";

/**
 * Writes a filter AST as a SQL condition.
 *
 * Two-valued logic: a leaf may yield NULL where a value is null or missing,
 * which WHERE treats as false; only under `not` would NULL leak, so `not`
 * wraps its operand in `coalesce(..., false)` and is the exact complement.
 * Every value is a bound parameter; typed JSON comparisons check
 * `jsonb_typeof` first and never cast text that could fail.
 */
export function writeFilter(w: SqlWriter, filter: FilterNode, scope: TranslationScope): void {
  // An `and` takes its hint from a conjunct, which writes that hint itself;
  // repeating it here would only skew the planner's row estimate.
  const hint = scope.element === undefined && filter.op !== "and" ? infoContainment(filter) : undefined;
  if (hint === undefined) {
    writeExact(w, filter, scope);
    return;
  }
  // Redundant with the exact predicate (see containment.ts), but served by the GIN index on info.
  w.raw("(");
  writeExact(w, filter, scope);
  w.raw(` AND ${INFO_SQL} @> `).param(JSON.stringify(hint), "jsonb").raw(")");
}

function writeExact(w: SqlWriter, filter: FilterNode, scope: TranslationScope): void {
  switch (filter.op) {
    case "and":
    case "or": {
      const separator = filter.op === "and" ? " AND " : " OR ";
      w.raw("(");
      filter.args.forEach((arg, i) => {
        if (i > 0) w.raw(separator);
        writeFilter(w, arg, scope);
      });
      w.raw(")");
      return;
    }
    case "not":
      w.raw("(NOT coalesce(");
      writeFilter(w, filter.arg, scope);
      w.raw(", false))");
      return;
    case "compare":
      writeCompare(w, filter.field, filter.cmp, filter.value, scope);
      return;
    case "between":
      w.raw("(");
      writeCompare(w, filter.field, ">=", filter.low, scope);
      w.raw(" AND ");
      writeCompare(w, filter.field, "<=", filter.high, scope);
      w.raw(")");
      return;
    case "in":
      writeIn(w, filter.field, filter.values, scope);
      return;
    case "like":
      w.raw("(");
      if (filter.caseInsensitive) {
        // lower() folds per the column's own collation (Unicode letters too); the
        // pg_trgm indexes are on exactly these lower(column) expressions.
        w.raw("lower(");
        writeText(w, filter.field, scope);
        w.raw(") LIKE lower(").param(filter.pattern, "text").raw(")");
      } else {
        // LIKE matches characters, not collation order, so COLLATE "C" changes no
        // result; it lets the C-collated b-trees serve a fixed prefix.
        writeScalar(w, filter.field, scope);
        w.raw(" LIKE ").param(filter.pattern, "text");
      }
      w.raw(")");
      return;
    case "is-null": {
      const column = columnOf(filter.field);
      if (column) {
        w.raw(`(${column} IS NULL)`);
        return;
      }
      w.raw("(coalesce(jsonb_typeof(");
      writeJson(w, filter.field, scope);
      w.raw("), 'null') = 'null')");
      return;
    }
    case "has": {
      const column = columnOf(filter.field);
      if (column) {
        w.raw(`(${column} ${filter.mode === "all" ? "@>" : "&&"} `)
          .param(filter.values, "text[]")
          .raw(")");
        return;
      }
      w.raw("(jsonb_typeof(");
      writeJson(w, filter.field, scope);
      w.raw(") = 'array' AND ");
      writeJson(w, filter.field, scope);
      w.raw(filter.mode === "all" ? " ?& " : " ?| ")
        .param(filter.values, "text[]")
        .raw(")");
      return;
    }
    case "any": {
      const depth = scope.anyDepth + 1;
      const alias = `"element_${depth}"`;
      w.raw("EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(");
      writeJson(w, filter.field, scope);
      w.raw(") = 'array' THEN ");
      writeJson(w, filter.field, scope);
      w.raw(` END) AS ${alias}(value) WHERE `);
      writeFilter(w, filter.filter, { element: `${alias}.value`, anyDepth: depth });
      w.raw(")");
      return;
    }
  }
}

/** Writes the field as a comparable SQL value of its scalar type (NULL when absent or wrong-typed). */
export function writeScalar(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = columnOf(field);
  if (column) {
    w.raw(field.type.kind === "scalar" && field.type.scalar === "string" ? `(${column} COLLATE "C")` : column);
    return;
  }
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not a scalar`);
  const scalar = field.type.scalar;
  switch (scalar) {
    case "string":
      w.raw("(");
      writeJsonString(w, field, scope);
      w.raw(' COLLATE "C")');
      return;
    case "timestamp":
      writeJsonTimestamp(w, field, scope);
      return;
    case "number":
    case "boolean":
      w.raw("(CASE WHEN jsonb_typeof(");
      writeJson(w, field, scope);
      w.raw(`) = '${scalar}' THEN `);
      writeJson(w, field, scope);
      w.raw(" END)");
      return;
  }
}

function writeText(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = columnOf(field);
  if (column) w.raw(column);
  else writeJsonString(w, field, scope);
}

/** Writes a literal as a SQL parameter of the type `writeScalar` yields for its field. */
function writeLiteral(w: SqlWriter, value: Literal): void {
  switch (value.type) {
    case "string":
      w.param(value.value, "text");
      return;
    case "timestamp":
      w.param(value.value, "timestamptz");
      return;
    case "number":
    case "boolean":
      // JSON numbers and booleans compare as jsonb (numerically / false < true).
      w.param(JSON.stringify(value.value), "jsonb");
      return;
  }
}

function writeCompare(w: SqlWriter, field: FieldRef, cmp: CompareOp, value: Literal, scope: TranslationScope): void {
  w.raw("(");
  if (cmp === "=") writeEqualityOperand(w, field, scope);
  else writeScalar(w, field, scope);
  w.raw(` ${cmp} `);
  writeLiteral(w, value);
  w.raw(")");
}

/**
 * Equality means the same in every deterministic collation, so the operand is
 * chosen to match an index: `id` and `organization_id` are indexed in the
 * default collation (primary key, tenancy), the other string columns as
 * `COLLATE "C"` (which also serves their sorting and prefix LIKE).
 */
function writeEqualityOperand(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = columnOf(field);
  if (column && DEFAULT_COLLATION_COLUMNS.has(field.name)) w.raw(column);
  else writeScalar(w, field, scope);
}

const DEFAULT_COLLATION_COLUMNS: ReadonlySet<string> = new Set(["id", "organization_id"]);

function writeIn(w: SqlWriter, field: FieldRef, values: readonly Literal[], scope: TranslationScope): void {
  const type = values[0]?.type ?? (field.type.kind === "scalar" ? field.type.scalar : "string");
  const raw = values.map((value) =>
    type === "number" || type === "boolean" ? JSON.stringify(value.value) : String(value.value),
  );
  const arrayType = type === "timestamp" ? "timestamptz[]" : type === "string" ? "text[]" : "jsonb[]";
  w.raw("(");
  writeEqualityOperand(w, field, scope);
  w.raw(" = ANY(").param(raw, arrayType).raw("))");
}
