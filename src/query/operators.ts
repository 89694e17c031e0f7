import type { FieldClass } from "../contact/types.ts";
import type { CompareOp, FilterNode, Literal } from "./ast.ts";
import type { FieldRef } from "./field-registry.ts";

/**
 * The operator table: one entry per operator of the filter language, holding
 * everything about it — its names, its arguments, the fields it applies to,
 * its meaning as an AST node (the desugaring: `!=` is `not =`, `contains` is a
 * `like` with an escaped pattern) and the typed client's method. The builder
 * (build-filter.ts), the docs, `/fields` and the client all read this table;
 * an operator that means a combination of existing AST nodes is one entry.
 */

/** What one argument position holds; the builder checks it and hands `build` the value on the right. */
export type ArgumentKind =
  | "filters" // one or more filters (the only kind of its signature)
  | "filter"
  | "element-filter" // a filter over the elements of the array-of-objects field before it
  | "field"
  | "value" // a literal of the field's type
  | "value-or-null" // the same, or `null`
  | "values" // a list of literals of the field's type
  | "text" // a string literal, whatever the field's type
  | "texts" // a list of string literals
  | "pattern"; // a LIKE pattern: a string not ending in a lone `\`

type ArgumentValue<K extends ArgumentKind> = {
  filters: readonly FilterNode[];
  filter: FilterNode;
  "element-filter": FilterNode;
  field: FieldRef;
  value: Literal;
  "value-or-null": Literal | null;
  values: readonly Literal[];
  text: string;
  texts: readonly string[];
  pattern: string;
}[K];

type ArgumentValues<A extends readonly ArgumentKind[]> = { [I in keyof A]: ArgumentValue<A[I]> };

export interface OperatorSpec<
  A extends readonly ArgumentKind[] = readonly ArgumentKind[],
  F extends readonly FieldClass[] = readonly FieldClass[],
  M extends string = string,
> {
  readonly aliases?: readonly string[];
  readonly args: A;
  /** The kinds of field the operator applies to (operators that take a field only). */
  readonly fields?: F;
  /** The typed client's builder method (src/client/). */
  readonly method: M;
  /** When it matches, in a few words, and an example in LISP: the language docs' operator table. */
  readonly summary: string;
  readonly example: string;
  /** The operator's meaning, as an AST node. */
  build(...args: ArgumentValues<A>): FilterNode;
}

function operator<
  const A extends readonly ArgumentKind[],
  const M extends string,
  const F extends readonly FieldClass[] = readonly [],
>(spec: OperatorSpec<A, F, M>): OperatorSpec<A, F, M> {
  return spec;
}

const SCALARS = ["string", "number", "boolean", "timestamp"] as const;
const ORDERED = ["string", "number", "timestamp"] as const;
const STRINGS = ["string"] as const;
const EVERY_FIELD = [...SCALARS, "string-array", "object-array", "object", "map"] as const;

const not = (arg: FilterNode): FilterNode => ({ op: "not", arg });
const compare = (cmp: CompareOp) => (field: FieldRef, value: Literal) =>
  ({ op: "compare", cmp, field, value }) as const;
/** `(= f null)` means "f is null or missing". */
const equals = (field: FieldRef, value: Literal | null): FilterNode =>
  value === null ? { op: "is-null", field } : { op: "compare", cmp: "=", field, value };
const isIn = (field: FieldRef, values: readonly Literal[]): FilterNode => ({ op: "in", field, values: dedupe(values) });
const like =
  (caseInsensitive: boolean) =>
  (field: FieldRef, pattern: string): FilterNode => ({ op: "like", field, pattern, caseInsensitive });
/** A literal substring / prefix / suffix: `%`, `_` and `\` in the text are plain characters. */
const literalLike =
  (caseInsensitive: boolean, wrap: (escaped: string) => string) =>
  (field: FieldRef, text: string): FilterNode =>
    like(caseInsensitive)(field, wrap(escapeLike(text)));
const has =
  (mode: "all" | "any") =>
  (field: FieldRef, values: readonly string[]): FilterNode => ({
    op: "has",
    field,
    mode,
    values: [...new Set(values)],
  });

export const OPERATORS = {
  and: operator({
    args: ["filters"],
    method: "and",
    summary: "all of the filters hold",
    example: '(and (has tags "vip") (exists email_address))',
    build: (args) => ({ op: "and", args }),
  }),
  or: operator({
    args: ["filters"],
    method: "or",
    summary: "at least one of the filters holds",
    example: '(or (= info.partner "AWS") (= info.partner "GCP"))',
    build: (args) => ({ op: "or", args }),
  }),
  not: operator({
    args: ["filter"],
    method: "not",
    summary: "the filter does not hold",
    example: '(not (= info.partner "AWS"))',
    build: not,
  }),
  "=": operator({
    aliases: ["eq"],
    args: ["field", "value-or-null"],
    fields: SCALARS,
    method: "eq",
    summary: "equal; `(= f null)` means f is null or missing",
    example: '(= name "Ada Lovelace")',
    build: equals,
  }),
  "!=": operator({
    aliases: ["ne", "<>"],
    args: ["field", "value-or-null"],
    fields: SCALARS,
    method: "ne",
    summary: "`not =`: also matches a null or missing value",
    example: '(!= info.partner "AWS")',
    build: (field, value) => not(equals(field, value)),
  }),
  "<": operator({
    aliases: ["lt"],
    args: ["field", "value"],
    fields: ORDERED,
    method: "lt",
    summary: "less than (numbers, instants, strings by code point)",
    example: "(< info.cosellPartnerMetrics.successRate 33.5)",
    build: compare("<"),
  }),
  "<=": operator({
    aliases: ["lte"],
    args: ["field", "value"],
    fields: ORDERED,
    method: "lte",
    summary: "less than or equal",
    example: "(<= info.cosellPartnerMetrics.accountCount 2)",
    build: compare("<="),
  }),
  ">": operator({
    aliases: ["gt"],
    args: ["field", "value"],
    fields: ORDERED,
    method: "gt",
    summary: "greater than",
    example: '(> creation_time "2024-05-01")',
    build: compare(">"),
  }),
  ">=": operator({
    aliases: ["gte"],
    args: ["field", "value"],
    fields: ORDERED,
    method: "gte",
    summary: "greater than or equal",
    example: '(>= info.enrichedContactInfo.lastUpdateTime "2024-05-01T10:00:00+0000")',
    build: compare(">="),
  }),
  between: operator({
    args: ["field", "value", "value"],
    fields: ORDERED,
    method: "between",
    summary: "low <= value <= high",
    example: "(between info.cosellPartnerMetrics.inboundReferralCount 10 20)",
    build: (field, low, high) => ({ op: "between", field, low, high }),
  }),
  in: operator({
    args: ["field", "values"],
    fields: SCALARS,
    method: "in",
    summary: "the value is one of the list",
    example: '(in info.partner ("AWS" "GCP"))',
    build: isIn,
  }),
  "not-in": operator({
    aliases: ["nin"],
    args: ["field", "values"],
    fields: SCALARS,
    method: "notIn",
    summary: "`not in`: also matches a null or missing value",
    example: '(not-in info.enrichedContactInfo.status ("archived" "stale"))',
    build: (field, values) => not(isIn(field, values)),
  }),
  like: operator({
    args: ["field", "pattern"],
    fields: STRINGS,
    method: "like",
    summary: "SQL LIKE: `%` any run, `_` one character, `\\` escapes",
    example: '(like name "Ada%")',
    build: like(false),
  }),
  ilike: operator({
    args: ["field", "pattern"],
    fields: STRINGS,
    method: "ilike",
    summary: "LIKE, ignoring case",
    example: '(ilike email_address "%@acme.com")',
    build: like(true),
  }),
  "not-like": operator({
    args: ["field", "pattern"],
    fields: STRINGS,
    method: "notLike",
    summary: "`not like`",
    example: '(not-like email_address "%@example.com")',
    build: (field, pattern) => not(like(false)(field, pattern)),
  }),
  "not-ilike": operator({
    args: ["field", "pattern"],
    fields: STRINGS,
    method: "notIlike",
    summary: "`not ilike`",
    example: '(not-ilike name "%test%")',
    build: (field, pattern) => not(like(true)(field, pattern)),
  }),
  contains: operator({
    args: ["field", "text"],
    fields: STRINGS,
    method: "contains",
    summary: "literal substring (`%`, `_`, `\\` are plain characters)",
    example: '(contains name "O\\"B")',
    build: literalLike(false, (text) => `%${text}%`),
  }),
  icontains: operator({
    args: ["field", "text"],
    fields: STRINGS,
    method: "icontains",
    summary: "literal substring, ignoring case",
    example: '(icontains info.companyName "acme")',
    build: literalLike(true, (text) => `%${text}%`),
  }),
  "starts-with": operator({
    args: ["field", "text"],
    fields: STRINGS,
    method: "startsWith",
    summary: "literal prefix",
    example: '(starts-with info.enrichedContactInfo.phone "+1")',
    build: literalLike(false, (text) => `${text}%`),
  }),
  "istarts-with": operator({
    args: ["field", "text"],
    fields: STRINGS,
    method: "istartsWith",
    summary: "literal prefix, ignoring case",
    example: '(istarts-with name "ada")',
    build: literalLike(true, (text) => `${text}%`),
  }),
  "ends-with": operator({
    args: ["field", "text"],
    fields: STRINGS,
    method: "endsWith",
    summary: "literal suffix",
    example: '(ends-with email_address "@acme.com")',
    build: literalLike(false, (text) => `%${text}`),
  }),
  "iends-with": operator({
    args: ["field", "text"],
    fields: STRINGS,
    method: "iendsWith",
    summary: "literal suffix, ignoring case",
    example: '(iends-with email_address "@ACME.COM")',
    build: literalLike(true, (text) => `%${text}`),
  }),
  has: operator({
    args: ["field", "text"],
    fields: ["string-array"],
    method: "has",
    summary: "the array contains the value",
    example: '(has tags "vip")',
    build: (field, value) => has("all")(field, [value]),
  }),
  "has-any": operator({
    args: ["field", "texts"],
    fields: ["string-array"],
    method: "hasAny",
    summary: "the array contains at least one of the values",
    example: '(has-any info.cosellPartnerMetrics.industries ("Software" "Retail"))',
    build: has("any"),
  }),
  "has-all": operator({
    args: ["field", "texts"],
    fields: ["string-array"],
    method: "hasAll",
    summary: "the array contains every value",
    example: '(has-all tags ("vip" "partner"))',
    build: has("all"),
  }),
  any: operator({
    args: ["field", "element-filter"],
    fields: ["object-array"],
    method: "any",
    summary: "some element satisfies the filter, whose fields are the element's own keys; `any` nests",
    example: '(any info.cosellPartnerMetrics.accounts (any opportunities (= stageName "Closed Won")))',
    build: (field, filter) => ({ op: "any", field, filter }),
  }),
  "is-null": operator({
    args: ["field"],
    fields: EVERY_FIELD,
    method: "isNull",
    summary: "the value is null or missing",
    example: "(is-null info.cosellPartnerMetrics.successRate)",
    build: (field) => ({ op: "is-null", field }),
  }),
  "is-not-null": operator({
    aliases: ["exists"],
    args: ["field"],
    fields: EVERY_FIELD,
    method: "isNotNull",
    summary: "the value is present and not null",
    example: "(exists info.partner)",
    build: (field) => not({ op: "is-null", field }),
  }),
};

export type OperatorTable = typeof OPERATORS;
export type OperatorName = keyof OperatorTable;

const NAMES = new Map<string, OperatorName>();
for (const [name, spec] of Object.entries(OPERATORS) as [OperatorName, OperatorSpec][]) {
  NAMES.set(name, name);
  for (const alias of spec.aliases ?? []) NAMES.set(alias, name);
}

/** Canonical operator for a name or alias (case-insensitive), if there is one. */
export function lookupOperator(name: string): OperatorName | undefined {
  return NAMES.get(name.toLowerCase());
}

export function operatorSpec(name: OperatorName): OperatorSpec {
  return OPERATORS[name] as OperatorSpec;
}

/** Canonical names first, then the aliases: the candidates of "did you mean". */
export const ALL_OPERATOR_NAMES: readonly string[] = [
  ...Object.keys(OPERATORS),
  ...(Object.values(OPERATORS) as OperatorSpec[]).flatMap((spec) => spec.aliases ?? []),
];

/** The operators a kind of field takes, in table order; for validation messages, `/fields` and the docs. */
export function operatorsFor(fieldClass: FieldClass): readonly OperatorName[] {
  return OPERATORS_BY_FIELD_CLASS[fieldClass];
}

const FIELD_CLASSES: readonly FieldClass[] = EVERY_FIELD;

export const OPERATORS_BY_FIELD_CLASS = Object.fromEntries(
  FIELD_CLASSES.map((fieldClass) => [
    fieldClass,
    (Object.keys(OPERATORS) as OperatorName[]).filter((name) => (operatorSpec(name).fields ?? []).includes(fieldClass)),
  ]),
) as unknown as Record<FieldClass, readonly OperatorName[]>;

/** How an argument is written in either syntax: a nested filter, a bare field, a list, or one literal. */
export function argumentShape(kind: ArgumentKind): "filter" | "field" | "list" | "value" {
  switch (kind) {
    case "filters":
    case "filter":
    case "element-filter":
      return "filter";
    case "field":
      return "field";
    case "values":
    case "texts":
      return "list";
    default:
      return "value";
  }
}

/** The kind of argument `index` of an operator (`filters` repeats). */
export function argumentKindAt(name: OperatorName, index: number): ArgumentKind | undefined {
  const { args } = operatorSpec(name);
  return args[0] === "filters" ? "filters" : args[index];
}

/** Makes `%`, `_` and `\` plain characters inside a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function dedupe(values: readonly Literal[]): Literal[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = `${value.type}:${String(value.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
