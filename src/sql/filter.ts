/**
 * @module A filter AST as an SQL condition.
 *
 * Two-valued logic: a leaf may yield NULL where a value is null or missing,
 * which WHERE treats as false; only under `not` would NULL leak, so `not`
 * wraps its operand in `coalesce(..., false)` and is the exact complement.
 * Every value is a bound parameter; typed JSON comparisons check
 * `jsonb_typeof` first and never cast text that could fail.
 */
import { ID_COLUMN, ORGANIZATION_COLUMN } from "../contact/columns.ts";
import { valueTypeOf } from "../contact/types.ts";
import { INFO_PATHS_WITH_BTREE } from "../db/indexes.ts";
import type { CompareOp, FilterNode, Literal } from "../query/ast.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { infoContainment, infoContainmentExact } from "./containment.ts";
import {
  fieldColumn,
  INFO,
  jsonSql,
  ORGANIZATION,
  ROOT_SCOPE,
  type TranslationScope,
  writeJson,
  writeScalar,
  writeText,
} from "./fields.ts";
import { writeSearch } from "./search.ts";
import { type Bound, bind, type Cast, integer, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/**
 * Writes a statement's WHERE condition: the organization, then the filter if
 * any. Returns the text of each part (the organization's alone, and the whole),
 * for the statement to repeat: the text binds no new parameter.
 */
export function writeTenantFilter(
  w: SqlWriter,
  organizationId: string,
  filter: FilterNode | null,
): { tenant: TrustedSql; where: TrustedSql } {
  const start = w.length;
  w.sql`${ORGANIZATION} = `.param(organizationId, "text");
  const tenant = w.since(start);
  const scope = { ...ROOT_SCOPE, organization: w.placeholderOf(organizationId, "text") };
  if (filter) w.sql` AND ${(w) => writeFilter(w, filter, scope)}`;
  return { tenant, where: w.since(start) };
}

/** Writes a filter as a condition; `info` filters with their containment for the GIN index (containment.ts). */
export function writeFilter(w: SqlWriter, filter: FilterNode, scope: TranslationScope): void {
  // An `and` takes its hint from a conjunct, which writes that hint itself;
  // repeating it here would only skew the planner's row estimate.
  const onInfo = scope.element === undefined && filter.op !== "and" && !onOwnBtree(filter);
  const whole = onInfo ? infoContainmentExact(filter) : undefined;
  if (whole !== undefined) {
    // The containment is the predicate itself (containment.ts): one read of the document, served by the GIN index.
    w.sql`(${INFO} @> `.param(JSON.stringify(whole), "jsonb").sql`)`;
    return;
  }
  const hint = onInfo ? infoContainment(filter) : undefined;
  if (hint === undefined) {
    writeExact(w, filter, scope);
    return;
  }
  // Redundant with the exact predicate (see containment.ts), but served by the GIN index on info.
  w.sql`(${(w) => writeExact(w, filter, scope)} AND ${INFO} @> `.param(JSON.stringify(hint), "jsonb").sql`)`;
}

/**
 * A comparison on an `info` path whose typed value has a b-tree of its own
 * (src/db/indexes.ts): the b-tree decides it without reading documents, so no
 * containment is written (the planner would then recheck it on every row).
 */
function onOwnBtree(filter: FilterNode): boolean {
  if (filter.op !== "compare" && filter.op !== "between" && filter.op !== "in") return false;
  const { location } = filter.field;
  if (location.kind !== "json" || location.scope !== "info") return false;
  // Most paths end in another key: only those that could match are joined.
  return BTREE_LAST_KEYS.has(location.path.at(-1) ?? "") && BTREE_PATHS.has(location.path.join("\u0000"));
}

const BTREE_PATHS: ReadonlySet<string> = new Set(INFO_PATHS_WITH_BTREE.map((path) => path.join("\u0000")));
const BTREE_LAST_KEYS: ReadonlySet<string> = new Set(INFO_PATHS_WITH_BTREE.map((path) => path.at(-1) ?? ""));

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
  and: (w, node, scope) => writeJunction(w, trusted` AND `, node.args, scope),
  or: (w, node, scope) => writeJunction(w, trusted` OR `, node.args, scope),
  not: (w, node, scope) => {
    w.sql`(NOT coalesce(${(w) => writeFilter(w, node.arg, scope)}, false))`;
  },
  compare: (w, node, scope) => writeCompare(w, node.field, node.cmp, node.value, scope),
  between: (w, node, scope) => {
    w.sql`(${(w) => writeCompare(w, node.field, ">=", node.low, scope)} AND ${(w) => writeCompare(w, node.field, "<=", node.high, scope)})`;
  },
  in: (w, node, scope) => writeIn(w, node.field, node.values, scope),
  like: (w, node, scope) => {
    if (node.caseInsensitive) {
      // lower() folds per the column's own collation (Unicode letters too); the
      // pg_trgm indexes are on exactly these lower(column) expressions.
      w.sql`(lower(${(w) => writeText(w, node.field, scope)}) LIKE lower(`.param(node.pattern, "text").sql`))`;
    } else {
      // LIKE matches characters, not collation order, so COLLATE "C" changes no
      // result; it lets the C-collated b-trees serve a fixed prefix.
      w.sql`(${(w) => writeScalar(w, node.field, scope)} LIKE `.param(node.pattern, "text").sql`)`;
    }
  },
  "is-null": (w, node, scope) => {
    const column = fieldColumn(node.field);
    if (column) w.sql`(${column} IS NULL)`;
    else w.sql`(coalesce(jsonb_typeof(${(w) => writeJson(w, node.field, scope)}), 'null') = 'null')`;
  },
  has: (w, node, scope) => {
    const column = fieldColumn(node.field);
    const all = node.mode === "all";
    if (column) {
      w.sql`(${column} ${all ? trusted`@>` : trusted`&&`} `.param(node.values, "text[]").sql`)`;
      return;
    }
    const json = jsonSql(w, node.field, scope);
    w.sql`(jsonb_typeof(${json}) = 'array' AND ${json}${all ? trusted` ?& ` : trusted` ?| `}`;
    w.param(node.values, "text[]").sql`)`;
  },
  any: (w, node, scope) => {
    const depth = scope.anyDepth + 1;
    const alias = trusted`"element_${integer(depth)}"`;
    const json = jsonSql(w, node.field, scope);
    const inner = { element: trusted`${alias}.value`, anyDepth: depth };
    w.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} END) AS ${alias}(value) WHERE ${(w) => writeFilter(w, node.filter, inner)})`;
  },
  search: (w, node, scope) => writeSearch(w, node, scope),
};

function writeJunction(
  w: SqlWriter,
  separator: TrustedSql,
  args: readonly FilterNode[],
  scope: TranslationScope,
): void {
  w.raw(trusted`(`);
  args.forEach((arg, i) => {
    if (i > 0) w.raw(separator);
    writeFilter(w, arg, scope);
  });
  w.raw(trusted`)`);
}

/** The cast a literal is bound with: the type `writeScalar` yields for its field. */
const LITERAL_CASTS: Record<Literal["type"], Cast> = {
  string: "text",
  timestamp: "timestamptz",
  // JSON numbers and booleans compare as jsonb (numerically / false < true).
  number: "jsonb",
  boolean: "jsonb",
};

/** A literal, to bind as a parameter of the type `writeScalar` yields for its field. */
function literal(value: Literal): Bound {
  const text = value.type === "number" || value.type === "boolean" ? JSON.stringify(value.value) : value.value;
  return bind(text, LITERAL_CASTS[value.type]);
}

const COMPARE_SQL: Record<CompareOp, TrustedSql> = {
  "=": trusted` = `,
  "<": trusted` < `,
  "<=": trusted` <= `,
  ">": trusted` > `,
  ">=": trusted` >= `,
};

function writeCompare(w: SqlWriter, field: FieldRef, cmp: CompareOp, value: Literal, scope: TranslationScope): void {
  // No fragment for the operand: a leaf is the hottest path of a large filter.
  w.sql`(`;
  (cmp === "=" ? writeEqualityOperand : writeScalar)(w, field, scope);
  w.sql`${COMPARE_SQL[cmp]}${literal(value)})`;
}

/**
 * Equality means the same in every deterministic collation, so the operand is
 * chosen to match an index: `id` and `organization_id` are indexed in the
 * default collation (primary key, tenancy), the other string columns as
 * `COLLATE "C"` (which also serves their sorting and prefix LIKE).
 */
function writeEqualityOperand(w: SqlWriter, field: FieldRef, scope: TranslationScope): void {
  const column = fieldColumn(field);
  if (column && DEFAULT_COLLATION_COLUMNS.has(field.name)) w.raw(column);
  else writeScalar(w, field, scope);
}

const DEFAULT_COLLATION_COLUMNS: ReadonlySet<string> = new Set([ID_COLUMN, ORGANIZATION_COLUMN]);

const ARRAY_CASTS: Record<Literal["type"], Cast> = {
  string: "text[]",
  timestamp: "timestamptz[]",
  number: "jsonb[]",
  boolean: "jsonb[]",
};

function writeIn(w: SqlWriter, field: FieldRef, values: readonly Literal[], scope: TranslationScope): void {
  const type = values[0]?.type ?? (field.type.kind === "scalar" ? valueTypeOf(field.type.scalar) : "string");
  const raw = values.map((value) =>
    type === "number" || type === "boolean" ? JSON.stringify(value.value) : String(value.value),
  );
  w.sql`(${(w) => writeEqualityOperand(w, field, scope)} = ANY(`.param(raw, ARRAY_CASTS[type]).sql`))`;
}
