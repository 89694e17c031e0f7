/**
 * @module Every error the service answers, by its stable code: the status it
 * is answered with, its fixed title and what a client can do about it. The
 * one table the error responses (error-response.ts), the OpenAPI document's
 * `Problem` schema and the reference's list of codes (/docs, /docs/errors)
 * are made from. A code is an API: once published it keeps its meaning.
 */

export interface ErrorCodeSpec {
  readonly status: number;
  /** Fixed per code (RFC 9457 §3.1.3): the same for every occurrence. */
  readonly title: string;
  /** What a client can do about it, for the docs. */
  readonly help: string;
}

const code = (status: number, title: string, help: string): ErrorCodeSpec => ({ status, title, help });

export const ERROR_CODES = {
  unknown_parameter: code(
    400,
    "Unknown parameter",
    "The endpoint takes no parameter of that name (a POST takes none in its query string): remove or rename it.",
  ),
  repeated_parameter: code(400, "Parameter given more than once", "Send it once."),
  invalid_parameter: code(400, "Invalid parameter value", "The message says which values the parameter takes."),
  invalid_body: code(400, "Invalid request body", "Send a JSON object of parameters, or no body."),
  syntax_error: code(
    400,
    "Syntax error",
    'Fix the text at `position`: a LISP filter is `(= name "Ada")`, a JSON one `["=", "name", "Ada"]` with ' +
      "`qs=json`. `hint` shows the form for common mistakes.",
  ),
  unknown_operator: code(400, "Unknown operator", "Use an operator of the reference; `hint` suggests the closest."),
  wrong_argument_count: code(400, "Wrong number of arguments", "The message gives the operator's arguments."),
  unknown_field: code(
    400,
    "Unknown field",
    "`hint` suggests the field meant, a currency key's spelling (`pipeline.EUR`), or the `any` form for a " +
      "field inside an array of objects.",
  ),
  type_mismatch: code(
    400,
    "Type mismatch",
    "The operator does not apply to the field, or a literal is not of its type (a fraction for an integer).",
  ),
  invalid_value: code(
    400,
    "Invalid value",
    "An impossible timestamp, an enumerated value in the wrong case (`hint` spells it), a LIKE pattern " +
      "ending in a lone `\\`.",
  ),
  limit_exceeded: code(
    400,
    "Limit exceeded",
    "The message names the limit. Past the offset limit of `page_number`, walk with `page_token`.",
  ),
  invalid_page_token: code(
    400,
    "Invalid page token",
    "Malformed, altered, or another organization's: start the walk again without `page_token`.",
  ),
  page_token_mismatch: code(
    400,
    "Page token does not match",
    "Send the `q` and `s` of the walk the token came from, or start again without `page_token`.",
  ),
  unauthenticated: code(401, "Unauthenticated", "Send an active key: `Authorization: Bearer <api key>`."),
  forbidden: code(403, "Forbidden", "Use a key of the organization in the path."),
  not_found: code(404, "Not found", "No such path: /openapi.json lists them."),
  method_not_allowed: code(405, "Method not allowed", "Use a method the `Allow` header names."),
  payload_too_large: code(413, "Payload too large", "Send a smaller body: the message gives the limit."),
  rate_limited: code(429, "Rate limited", "Retry after `Retry-After` seconds; `RateLimit-Policy` gives the quota."),
  internal_error: code(500, "Internal error", "A bug in the service: retrying will not help."),
  not_configured: code(501, "Not configured", "This deployment lacks what the endpoint needs."),
  database_unavailable: code(503, "Database unavailable", "Retry after `Retry-After` seconds."),
  query_timed_out: code(
    503,
    "Query timed out",
    "Retry after `Retry-After` seconds, or ask for less: a narrower filter, `count=estimated` or `none`.",
  ),
  dependency_unavailable: code(503, "Dependency unavailable", "Retry after `Retry-After` seconds."),
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Every code, in table order. */
export const ALL_ERROR_CODES = Object.keys(ERROR_CODES) as ErrorCode[];

/** Where a code is explained: the problem's `type` (RFC 9457 §3.1.1, a reference relative to the service). */
export function errorTypeUri(code: ErrorCode): string {
  return `/docs/errors#${code}`;
}
