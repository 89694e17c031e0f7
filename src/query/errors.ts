import { clip } from "../domain/client-text.ts";

/**
 * @module The one error type of the query language — the filter, the sort,
 * the projection, facet fields, page tokens. Every message names the request
 * parameter it concerns and, where it has one, the position in that
 * parameter's text (line/column for LISP and simple sorts, a JSON pointer for
 * JSON), so clients can point at the offending spot.
 */
export type Position = { line: number; column: number } | { pointer: string };

export type QueryErrorCode =
  | "syntax"
  | "unknown-operator"
  | "arity"
  | "unknown-field"
  | "type"
  | "limit"
  | "invalid-value"
  | "invalid-token"
  | "token-mismatch";

export class QueryError extends Error {
  override readonly name = "QueryError";
  constructor(
    readonly param: string,
    readonly code: QueryErrorCode,
    readonly detail: string,
    readonly position?: Position,
  ) {
    super(`${param}: ${detail}${position ? ` at ${formatPosition(position)}` : ""}`);
  }
}

/** ` (did you mean 'x'?)` when there is a suggestion, else nothing: the hint every "unknown …" message ends with. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` (did you mean '${suggestion}'?)` : "";
}

/** An unknown field name in `param`, with the closest known name as a hint. */
export function unknownField(param: string, name: string, suggestion: string | undefined, at?: Position): QueryError {
  return new QueryError(param, "unknown-field", `unknown field '${clip(name)}'${didYouMean(suggestion)}`, at);
}

function formatPosition(position: Position): string {
  if ("pointer" in position) return position.pointer === "" ? "the top level" : clip(position.pointer);
  return `line ${position.line}, column ${position.column}`;
}
