import type { FieldRef } from "./field-registry.ts";

/**
 * The one typed AST both filter syntaxes produce. Negative and sugared
 * operators are desugared when the tree is built (`!=` is `not =`, `contains`
 * is a `like` with an escaped pattern, `= null` is `is-null`), so equivalent
 * filters have one shape: the translator handles few cases, and the canonical
 * form (the cache key) is the same for every spelling.
 */
export type Literal =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "boolean"; readonly value: boolean }
  /** Normalized to UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  | { readonly type: "timestamp"; readonly value: string };

export type CompareOp = "=" | "<" | "<=" | ">" | ">=";

export type FilterNode =
  | { readonly op: "and" | "or"; readonly args: readonly FilterNode[] }
  | { readonly op: "not"; readonly arg: FilterNode }
  | { readonly op: "compare"; readonly cmp: CompareOp; readonly field: FieldRef; readonly value: Literal }
  | { readonly op: "between"; readonly field: FieldRef; readonly low: Literal; readonly high: Literal }
  | { readonly op: "in"; readonly field: FieldRef; readonly values: readonly Literal[] }
  /** SQL LIKE semantics: `%`, `_`, `\` escapes; `caseInsensitive` folds with lower(). */
  | { readonly op: "like"; readonly field: FieldRef; readonly pattern: string; readonly caseInsensitive: boolean }
  /** True when the value is null or missing. */
  | { readonly op: "is-null"; readonly field: FieldRef }
  /** Array membership: `all` of the values (`has`, `has-all`) or `any` of them (`has-any`). */
  | { readonly op: "has"; readonly field: FieldRef; readonly mode: "all" | "any"; readonly values: readonly string[] }
  /** Some element of an array of objects satisfies `filter` (whose fields are element keys). */
  | { readonly op: "any"; readonly field: FieldRef; readonly filter: FilterNode };

export type SortDirection = "asc" | "desc";

export interface SortTerm {
  readonly field: FieldRef;
  readonly direction: SortDirection;
}

/** A fully parsed and validated request: what the SQL layer and the cache key see. */
export interface ParsedQuery {
  readonly filter: FilterNode | null;
  readonly sort: readonly SortTerm[];
  readonly pageSize: number;
  readonly pageNumber: number;
}
