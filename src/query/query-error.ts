/**
 * @module The one error type of the query language — the filter, the sort,
 * the projection, facet fields, page tokens. Every message names the request
 * parameter it concerns and, where it has one, the position in that
 * parameter's text (line/column for LISP and simple sorts, a JSON pointer for
 * JSON), so clients can point at the offending spot.
 */
import { clip } from "../domain/client-text.ts";

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

/**
 * The message: the parameter, the problem, the hint in parentheses (what to
 * do, when the mistake is a common one), then the position:
 * `q: unknown field 'nme' (did you mean 'name'?) at line 1, column 4`.
 */
export class QueryError extends Error {
  override readonly name = "QueryError";
  constructor(
    readonly param: string,
    readonly code: QueryErrorCode,
    readonly detail: string,
    readonly position?: Position,
    /** What to do about it, for a common mistake: part of the message, and a field of its own in problem details. */
    readonly hint?: string,
  ) {
    super(`${param}: ${detail}${hint ? ` (${hint})` : ""}${position ? ` at ${formatPosition(position)}` : ""}`);
  }

  /** The same error with `hint` instead of its own. */
  withHint(hint: string): QueryError {
    return new QueryError(this.param, this.code, this.detail, this.position, hint);
  }
}

/** `did you mean 'x'?` when there is a suggestion: the hint of every "unknown …" message. */
export function didYouMean(suggestion: string | undefined): string | undefined {
  return suggestion ? `did you mean '${suggestion}'?` : undefined;
}

/** An unknown field name in `param`, with the closest known name as a hint. */
export function unknownField(param: string, name: string, suggestion: string | undefined, at?: Position): QueryError {
  return new QueryError(param, "unknown-field", `unknown field '${clip(name)}'`, at, didYouMean(suggestion));
}

function formatPosition(position: Position): string {
  if ("pointer" in position) return position.pointer === "" ? "the top level" : clip(position.pointer);
  return `line ${position.line}, column ${position.column}`;
}
