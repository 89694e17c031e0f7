/**
 * Every operator of the filter language, its aliases, and the arguments it
 * takes. `filters` means one or more filters.
 */
export type ArgumentKind = "filter" | "field" | "value" | "list";

export const OPERATORS = {
  and: "filters",
  or: "filters",
  not: ["filter"],
  "=": ["field", "value"],
  "!=": ["field", "value"],
  "<": ["field", "value"],
  "<=": ["field", "value"],
  ">": ["field", "value"],
  ">=": ["field", "value"],
  between: ["field", "value", "value"],
  in: ["field", "list"],
  "not-in": ["field", "list"],
  like: ["field", "value"],
  ilike: ["field", "value"],
  "not-like": ["field", "value"],
  "not-ilike": ["field", "value"],
  contains: ["field", "value"],
  icontains: ["field", "value"],
  "starts-with": ["field", "value"],
  "istarts-with": ["field", "value"],
  "ends-with": ["field", "value"],
  "iends-with": ["field", "value"],
  "is-null": ["field"],
  "is-not-null": ["field"],
  has: ["field", "value"],
  "has-any": ["field", "list"],
  "has-all": ["field", "list"],
  any: ["field", "filter"],
} as const satisfies Record<string, "filters" | readonly ArgumentKind[]>;

export type OperatorName = keyof typeof OPERATORS;

export const OPERATOR_ALIASES: Readonly<Record<string, OperatorName>> = {
  eq: "=",
  ne: "!=",
  "<>": "!=",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
  nin: "not-in",
  exists: "is-not-null",
};

/** Canonical operator for a name or alias (case-insensitive), if there is one. */
export function lookupOperator(name: string): OperatorName | undefined {
  const lower = name.toLowerCase();
  if (Object.hasOwn(OPERATORS, lower)) return lower as OperatorName;
  return Object.hasOwn(OPERATOR_ALIASES, lower) ? OPERATOR_ALIASES[lower] : undefined;
}

export const ALL_OPERATOR_NAMES: readonly string[] = [...Object.keys(OPERATORS), ...Object.keys(OPERATOR_ALIASES)];

/** Which operators apply to which kind of field; used by validation and the docs. */
export const OPERATORS_BY_FIELD_KIND = {
  string: [
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "between",
    "in",
    "not-in",
    "like",
    "ilike",
    "not-like",
    "not-ilike",
    "contains",
    "icontains",
    "starts-with",
    "istarts-with",
    "ends-with",
    "iends-with",
    "is-null",
    "is-not-null",
  ],
  number: ["=", "!=", "<", "<=", ">", ">=", "between", "in", "not-in", "is-null", "is-not-null"],
  timestamp: ["=", "!=", "<", "<=", ">", ">=", "between", "in", "not-in", "is-null", "is-not-null"],
  boolean: ["=", "!=", "in", "not-in", "is-null", "is-not-null"],
  "string-array": ["has", "has-any", "has-all", "is-null", "is-not-null"],
  "object-array": ["any", "is-null", "is-not-null"],
  object: ["is-null", "is-not-null"],
  map: ["is-null", "is-not-null"],
} as const satisfies Record<string, readonly OperatorName[]>;
