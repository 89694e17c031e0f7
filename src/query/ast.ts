/**
 * @module The one typed AST both filter syntaxes produce. Negative and sugared
 * operators are desugared when the tree is built (`!=` is `not =`, `contains`
 * is a `like` with an escaped pattern, `= null` is `is-null`), so equivalent
 * filters have one shape: the translator handles few cases, and the canonical
 * form (the cache key) is the same for every spelling.
 */
import type { CountMode } from "./count.ts";
import type { FieldRef } from "./field-registry.ts";

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
  | { readonly op: "any"; readonly field: FieldRef; readonly filter: FilterNode }
  /**
   * `search=` (src/query/search.ts): every word is a prefix of some word of the
   * contact's searchable text. Folded, sorted, without duplicates. Not written
   * in `q`: the request's search, ANDed onto its filter.
   */
  | SearchNode;

export interface SearchNode {
  readonly op: "search";
  readonly words: readonly string[];
}

export type SortDirection = "asc" | "desc";

export interface SortTerm {
  readonly field: FieldRef;
  readonly direction: SortDirection;
}

/**
 * Where a keyset page starts: the sort values of the last row of the page
 * before it (as text, `null` for a null / missing / wrong-typed value), then
 * that row's id. The page holds the rows that follow it in the sort order.
 */
export interface Cursor {
  readonly keys: readonly (string | null)[];
  readonly id: string;
}

/**
 * Which keys a contact in the answer holds: `id` always, the named columns by
 * their response keys, and of `info` the whole document or only some paths.
 */
export interface Projection {
  /** Response keys of the projected columns, in response order (`id` first among them as declared). */
  readonly keys: readonly string[];
  /** The `info` paths to keep, when only some are asked for; absent when the whole document is. */
  readonly infoPaths?: readonly (readonly string[])[];
  /** The fields as asked for (canonical names, duplicates dropped), in the order given: CSV columns. */
  readonly names: readonly string[];
}

/** A fully parsed and validated request: what the SQL layer and the cache key see. */
export interface ParsedQuery {
  readonly filter: FilterNode | null;
  readonly sort: readonly SortTerm[];
  readonly pageSize: number;
  /** The page's number: its offset for offset pages, its place in the walk for keyset pages. */
  readonly pageNumber: number;
  /** Keyset paging: the page starts after this row instead of at an offset. */
  readonly after?: Cursor;
  /** Default `exact`. */
  readonly count?: CountMode;
  /** Default: whole contacts. */
  readonly projection?: Projection;
}
