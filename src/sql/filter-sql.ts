import { type SQL, sql } from "drizzle-orm";
import { contacts } from "../db/schema.ts";
import type { Filter, Literal } from "../query/ast.ts";
import type { FieldRef } from "../query/fields.ts";
import { infoContainment } from "./containment.ts";
import { columnOf, jsonOf, jsonString, jsonTimestamp, type TranslationScope } from "./fields.ts";

/**
 * Translates a filter AST into a Drizzle SQL condition.
 *
 * Two-valued logic: a leaf may yield NULL where a value is null or missing,
 * which WHERE treats as false; only under `not` would NULL leak, so `not`
 * wraps its operand in `coalesce(..., false)` and is the exact complement.
 * Every value is a bound parameter; typed JSON comparisons check
 * `jsonb_typeof` first and never cast text that could fail.
 */
export function filterToSql(filter: Filter, scope: TranslationScope): SQL {
  const exact = exactSql(filter, scope);
  if (scope.element !== undefined) return exact;
  const hint = infoContainment(filter);
  // Redundant with `exact` (see containment.ts), but served by the GIN index on info.
  return hint === undefined ? exact : sql`(${exact} AND ${contacts.info} @> ${JSON.stringify(hint)}::jsonb)`;
}

function exactSql(filter: Filter, scope: TranslationScope): SQL {
  switch (filter.op) {
    case "and":
    case "or": {
      const parts = filter.args.map((arg) => filterToSql(arg, scope));
      return sql`(${sql.join(parts, filter.op === "and" ? sql` AND ` : sql` OR `)})`;
    }
    case "not":
      return sql`(NOT coalesce(${filterToSql(filter.arg, scope)}, false))`;
    case "compare":
      return compare(filter.field, filter.cmp, filter.value, scope);
    case "between":
      return sql`(${compare(filter.field, ">=", filter.low, scope)} AND ${compare(filter.field, "<=", filter.high, scope)})`;
    case "in":
      return inList(filter.field, filter.values, scope);
    case "like": {
      // lower() folds per the column's own collation (Unicode letters too); the
      // pg_trgm indexes are on exactly these lower(column) expressions.
      if (filter.caseInsensitive) {
        return sql`(lower(${textOf(filter.field, scope)}) LIKE lower(${filter.pattern}::text))`;
      }
      // LIKE matches characters, not collation order, so COLLATE "C" changes no
      // result; it lets the C-collated b-trees serve a fixed prefix.
      return sql`(${scalarOf(filter.field, scope)} LIKE ${filter.pattern}::text)`;
    }
    case "is-null": {
      const column = columnOf(filter.field);
      if (column) return sql`(${column} IS NULL)`;
      return sql`(coalesce(jsonb_typeof(${jsonOf(filter.field, scope)}), 'null') = 'null')`;
    }
    case "has": {
      const values = sql.param([...filter.values]);
      const column = columnOf(filter.field);
      if (column) {
        return filter.mode === "all" ? sql`(${column} @> ${values}::text[])` : sql`(${column} && ${values}::text[])`;
      }
      const json = jsonOf(filter.field, scope);
      const operator = filter.mode === "all" ? sql`?&` : sql`?|`;
      return sql`(jsonb_typeof(${json}) = 'array' AND ${json} ${operator} ${values}::text[])`;
    }
    case "any": {
      const depth = scope.anyDepth + 1;
      const alias = sql.identifier(`element_${depth}`);
      const element = sql`${alias}.value`;
      const json = jsonOf(filter.field, scope);
      const inner = filterToSql(filter.filter, { element, anyDepth: depth });
      return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} END) AS ${alias}(value) WHERE ${inner})`;
    }
  }
}

/** The field as a comparable SQL value of its scalar type (NULL when absent or wrong-typed). */
export function scalarOf(field: FieldRef, scope: TranslationScope): SQL {
  const column = columnOf(field);
  if (column)
    return field.type.kind === "scalar" && field.type.scalar === "string"
      ? sql`(${column} COLLATE "C")`
      : sql`${column}`;
  const json = jsonOf(field, scope);
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not a scalar`);
  switch (field.type.scalar) {
    case "string":
      return sql`(${jsonString(json)} COLLATE "C")`;
    case "timestamp":
      return jsonTimestamp(json);
    case "number":
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${json} END)`;
    case "boolean":
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN ${json} END)`;
  }
}

function textOf(field: FieldRef, scope: TranslationScope): SQL {
  const column = columnOf(field);
  return column ? sql`${column}` : jsonString(jsonOf(field, scope));
}

/** A literal as a SQL parameter of the type `scalarOf` yields for its field. */
function literalSql(value: Literal): SQL {
  switch (value.type) {
    case "string":
      return sql`${value.value}::text`;
    case "timestamp":
      return sql`${value.value}::timestamptz`;
    case "number":
    case "boolean":
      // JSON numbers and booleans compare as jsonb (numerically / false < true).
      return sql`${JSON.stringify(value.value)}::jsonb`;
  }
}

const COMPARATORS = { "=": sql`=`, "<": sql`<`, "<=": sql`<=`, ">": sql`>`, ">=": sql`>=` } as const;

function compare(field: FieldRef, cmp: keyof typeof COMPARATORS, value: Literal, scope: TranslationScope): SQL {
  const left = cmp === "=" ? equalityOperand(field, scope) : scalarOf(field, scope);
  return sql`(${left} ${COMPARATORS[cmp]} ${literalSql(value)})`;
}

/**
 * Equality means the same in every deterministic collation, so the operand is
 * chosen to match an index: `id` and `organization_id` are indexed in the
 * default collation (primary key, tenancy), the other string columns as
 * `COLLATE "C"` (which also serves their sorting and prefix LIKE).
 */
function equalityOperand(field: FieldRef, scope: TranslationScope): SQL {
  const column = columnOf(field);
  return column && DEFAULT_COLLATION_COLUMNS.has(field.name) ? sql`${column}` : scalarOf(field, scope);
}

const DEFAULT_COLLATION_COLUMNS: ReadonlySet<string> = new Set(["id", "organization_id"]);

function inList(field: FieldRef, values: readonly Literal[], scope: TranslationScope): SQL {
  const type = values[0]?.type ?? (field.type.kind === "scalar" ? field.type.scalar : "string");
  const raw = values.map((value) =>
    type === "number" || type === "boolean" ? JSON.stringify(value.value) : String(value.value),
  );
  const arrayType = type === "timestamp" ? sql`timestamptz[]` : type === "string" ? sql`text[]` : sql`jsonb[]`;
  const left = equalityOperand(field, scope);
  return sql`(${left} = ANY(${sql.param(raw)}::${arrayType}))`;
}
