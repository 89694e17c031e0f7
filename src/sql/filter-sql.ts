import { valueTypeOf } from "../contact/types.ts";
import { contacts, INFO_PATHS_WITH_BTREE } from "../db/schema.ts";
import type { CompareOp, FilterNode, Literal } from "../query/ast.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { infoContainment, infoContainmentExact } from "./containment.ts";
import {
  columnOf,
  columnSql,
  INFO_SQL,
  ROOT_SCOPE,
  type TranslationScope,
  writeJson,
  writeJsonString,
  writeJsonTimestamp,
} from "./field-sql.ts";
import type { SqlWriter } from "./statement.ts";

/**
 * Writes a statement's WHERE condition: the organization, then the filter if
 * any. Returns the text of each part (the organization's alone, and the whole),
 * for the statement to repeat: the text binds no new parameter.
 */
export function writeTenantFilter(
  w: SqlWriter,
  organizationId: string,
  filter: FilterNode | null,
): { tenant: string; where: string } {
  const start = w.length;
  w.raw(`${columnSql(contacts.organizationId)} = `).param(organizationId, "text");
  const tenant = w.since(start);
  if (filter) {
    w.raw(" AND ");
    writeFilter(w, filter, ROOT_SCOPE);
  }
  return { tenant, where: w.since(start) };
}

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
  const onInfo = scope.element === undefined && filter.op !== "and" && !onOwnBtree(filter);
  const whole = onInfo ? infoContainmentExact(filter) : undefined;
  if (whole !== undefined) {
    // The containment is the predicate itself (containment.ts): one read of the document, served by the GIN index.
    w.raw(`(${INFO_SQL} @> `).param(JSON.stringify(whole), "jsonb").raw(")");
    return;
  }
  const hint = onInfo ? infoContainment(filter) : undefined;
  if (hint === undefined) {
    writeExact(w, filter, scope);
    return;
  }
  // Redundant with the exact predicate (see containment.ts), but served by the GIN index on info.
  w.raw("(");
  writeExact(w, filter, scope);
  w.raw(` AND ${INFO_SQL} @> `).param(JSON.stringify(hint), "jsonb").raw(")");
}

/**
 * A comparison on an `info` path whose typed value has a b-tree of its own
 * (src/db/schema.ts): the b-tree decides it without reading documents, so no
 * containment is written (the planner would then recheck it on every row).
 */
function onOwnBtree(filter: FilterNode): boolean {
  if (filter.op !== "compare" && filter.op !== "between" && filter.op !== "in") return false;
  const { location } = filter.field;
  return location.kind === "json" && location.scope === "info" && BTREE_PATHS.has(location.path.join("\u0000"));
}

const BTREE_PATHS: ReadonlySet<string> = new Set(INFO_PATHS_WITH_BTREE.map((path) => path.join("\u0000")));

function writeExact(w: SqlWriter, filter: FilterNode, scope: TranslationScope): void {
  (NODE_WRITERS[filter.op] as NodeWriter<FilterNode>)(w, filter, scope);
}

type NodeWriter<N extends FilterNode> = (w: SqlWriter, node: N, scope: TranslationScope) => void;
/** The AST node whose `op` is K (`and` and `or` share one node type). */
type NodeOf<K extends FilterNode["op"]> = FilterNode extends infer N
  ? N extends { op: infer O }
    ? K extends O
      ? N
      : never
    : never
  : never;

/** One writer per kind of AST node; the compiler insists every kind has one. */
const NODE_WRITERS: { readonly [K in FilterNode["op"]]: NodeWriter<NodeOf<K>> } = {
  and: (w, node, scope) => writeJunction(w, " AND ", node.args, scope),
  or: (w, node, scope) => writeJunction(w, " OR ", node.args, scope),
  not: (w, node, scope) => {
    w.raw("(NOT coalesce(");
    writeFilter(w, node.arg, scope);
    w.raw(", false))");
  },
  compare: (w, node, scope) => writeCompare(w, node.field, node.cmp, node.value, scope),
  between: (w, node, scope) => {
    w.raw("(");
    writeCompare(w, node.field, ">=", node.low, scope);
    w.raw(" AND ");
    writeCompare(w, node.field, "<=", node.high, scope);
    w.raw(")");
  },
  in: (w, node, scope) => writeIn(w, node.field, node.values, scope),
  like: (w, node, scope) => {
    w.raw("(");
    if (node.caseInsensitive) {
      // lower() folds per the column's own collation (Unicode letters too); the
      // pg_trgm indexes are on exactly these lower(column) expressions.
      w.raw("lower(");
      writeText(w, node.field, scope);
      w.raw(") LIKE lower(").param(node.pattern, "text").raw(")");
    } else {
      // LIKE matches characters, not collation order, so COLLATE "C" changes no
      // result; it lets the C-collated b-trees serve a fixed prefix.
      writeScalar(w, node.field, scope);
      w.raw(" LIKE ").param(node.pattern, "text");
    }
    w.raw(")");
  },
  "is-null": (w, node, scope) => {
    const column = columnOf(node.field);
    if (column) {
      w.raw(`(${column} IS NULL)`);
      return;
    }
    w.raw("(coalesce(jsonb_typeof(");
    writeJson(w, node.field, scope);
    w.raw("), 'null') = 'null')");
  },
  has: (w, node, scope) => {
    const column = columnOf(node.field);
    if (column) {
      w.raw(`(${column} ${node.mode === "all" ? "@>" : "&&"} `)
        .param(node.values, "text[]")
        .raw(")");
      return;
    }
    w.raw("(jsonb_typeof(");
    writeJson(w, node.field, scope);
    w.raw(") = 'array' AND ");
    writeJson(w, node.field, scope);
    w.raw(node.mode === "all" ? " ?& " : " ?| ")
      .param(node.values, "text[]")
      .raw(")");
  },
  any: (w, node, scope) => {
    const depth = scope.anyDepth + 1;
    const alias = `"element_${depth}"`;
    w.raw("EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(");
    writeJson(w, node.field, scope);
    w.raw(") = 'array' THEN ");
    writeJson(w, node.field, scope);
    w.raw(` END) AS ${alias}(value) WHERE `);
    writeFilter(w, node.filter, { element: `${alias}.value`, anyDepth: depth });
    w.raw(")");
  },
};

function writeJunction(w: SqlWriter, separator: string, args: readonly FilterNode[], scope: TranslationScope): void {
  w.raw("(");
  args.forEach((arg, i) => {
    if (i > 0) w.raw(separator);
    writeFilter(w, arg, scope);
  });
  w.raw(")");
}

/** Writes the field as a comparable SQL value of its scalar type (NULL when absent or wrong-typed). */
export function writeScalar(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = columnOf(field);
  if (column) {
    w.raw(columnScalar(field, column));
    return;
  }
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not a scalar`);
  const scalar = valueTypeOf(field.type.scalar);
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

/** A column field's value `sql` as it compares: a string column in the "C" collation (by code point). */
export function columnScalar(field: FieldRef, sql: string): string {
  return field.type.kind === "scalar" && field.type.scalar === "string" ? `(${sql} COLLATE "C")` : sql;
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
  const type = values[0]?.type ?? (field.type.kind === "scalar" ? valueTypeOf(field.type.scalar) : "string");
  const raw = values.map((value) =>
    type === "number" || type === "boolean" ? JSON.stringify(value.value) : String(value.value),
  );
  const arrayType = type === "timestamp" ? "timestamptz[]" : type === "string" ? "text[]" : "jsonb[]";
  w.raw("(");
  writeEqualityOperand(w, field, scope);
  w.raw(" = ANY(").param(raw, arrayType).raw("))");
}
