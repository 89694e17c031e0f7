/**
 * @module The one place errors become responses (the app's `onError` and `notFound`,
 * src/http/app.ts). Every error has a code (error-codes.ts) and a message
 * naming what is wrong and where; the body is the message as a JSON string,
 * or, for a request whose `Accept` prefers `application/problem+json`, RFC
 * 9457 problem details holding the same message and its parts (code, param,
 * position, hint). Errors carry `Cache-Control: no-store`, so neither we nor
 * anyone between us and the client stores them.
 */
import type { Context } from "hono";
import { accepts } from "hono/accepts";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { clip } from "../domain/client-text.ts";
import {
  DatabaseUnavailable,
  DependencyUnavailable,
  Forbidden,
  InvalidRequest,
  type InvalidRequestReason,
  NotConfigured,
  PayloadTooLarge,
  QueryTimedOut,
  RateLimited,
  type RateLimitPolicy,
  Unauthenticated,
} from "../domain/errors.ts";
import { logFailure } from "../log.ts";
import { type Position, QueryError, type QueryErrorCode } from "../query/query-error.ts";
import { ERROR_CODES, type ErrorCode, errorTypeUri } from "./error-codes.ts";

/** No route for this path (any method). */
export class RouteNotFound extends Error {
  override readonly name = "RouteNotFound";
  constructor(method: string, path: string) {
    super(`no route for ${clip(method)} ${clip(path)}`);
  }
}

/** A known path, another method than the ones it serves. */
export class MethodNotAllowed extends Error {
  override readonly name = "MethodNotAllowed";
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(`method ${clip(method)} not allowed; use ${allowed.join(" or ")}`);
  }
}

interface ErrorReply {
  code: ErrorCode;
  status: ContentfulStatusCode;
  message: string;
  headers?: Record<string, string>;
  param?: string | undefined;
  position?: Position | undefined;
  hint?: string | undefined;
}

const NO_STORE = { "Cache-Control": "no-store" };
const REALM = 'Bearer realm="contact-query"';

/** The problem codes of the language's own error codes. */
const QUERY_ERROR_CODES: Record<QueryErrorCode, ErrorCode> = {
  syntax: "syntax_error",
  "unknown-operator": "unknown_operator",
  arity: "wrong_argument_count",
  "unknown-field": "unknown_field",
  type: "type_mismatch",
  limit: "limit_exceeded",
  "invalid-value": "invalid_value",
  "invalid-token": "invalid_page_token",
  "token-mismatch": "page_token_mismatch",
};

const INVALID_REQUEST_CODES: Record<InvalidRequestReason, ErrorCode> = {
  "unknown-parameter": "unknown_parameter",
  "repeated-parameter": "repeated_parameter",
  "invalid-parameter": "invalid_parameter",
  "invalid-body": "invalid_body",
};

/** An error of `code` answered with its table status. */
function reply(code: ErrorCode, message: string, more: Omit<ErrorReply, "code" | "status" | "message"> = {}) {
  return { code, status: ERROR_CODES[code].status as ContentfulStatusCode, message, ...more };
}

/** Status, body and headers of every error the app knows; `undefined` for a bug. */
function replyFor(error: Error): ErrorReply | undefined {
  if (error instanceof PayloadTooLarge) return reply("payload_too_large", error.message, { param: error.param });
  if (error instanceof QueryError) {
    const { param, position, hint } = error;
    return reply(QUERY_ERROR_CODES[error.code], error.message, { param, position, hint });
  }
  if (error instanceof InvalidRequest) {
    const param = error.reason === "invalid-body" ? "body" : error.param;
    return reply(INVALID_REQUEST_CODES[error.reason], error.message, { param, hint: error.hint });
  }
  if (error instanceof Unauthenticated) {
    const challenge = error.reason ? `${REALM}, error="${error.reason}"` : REALM;
    return reply("unauthenticated", error.message, { headers: { "WWW-Authenticate": challenge } });
  }
  if (error instanceof Forbidden) return reply("forbidden", error.message);
  if (error instanceof RateLimited) {
    const { policy } = error;
    return reply("rate_limited", error.message, {
      headers: {
        // The binding does not say when its window ends; its period is the most a client has to wait.
        "Retry-After": String(policy.periodSeconds),
        RateLimit: `"${policy.name}";r=0;t=${policy.periodSeconds}`,
        ...(policy.limit === undefined ? {} : { "RateLimit-Policy": rateLimitPolicyField(policy) }),
      },
    });
  }
  if (error instanceof RouteNotFound) return reply("not_found", error.message);
  if (error instanceof MethodNotAllowed) {
    // RFC 9110 §15.5.6: a 405 names the methods the path serves.
    return reply("method_not_allowed", error.message, { headers: { Allow: error.allowed.join(", ") } });
  }
  if (error instanceof NotConfigured) return reply("not_configured", error.message);
  if (error instanceof DatabaseUnavailable || error instanceof DependencyUnavailable) {
    const code =
      error instanceof QueryTimedOut
        ? "query_timed_out"
        : error instanceof DatabaseUnavailable
          ? "database_unavailable"
          : "dependency_unavailable";
    return reply(code, error.message, { headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx, e.g. a POST body that is not JSON; answered with its own status.
    const message = `body: ${error.message || "malformed request"}`;
    return { ...reply("invalid_body", message, { param: "body" }), status: error.status as ContentfulStatusCode };
  }
  return undefined;
}

/**
 * A `RateLimit-Policy` field value (draft-ietf-httpapi-ratelimit-headers-10,
 * a Structured Fields list): the policy's name, its quota `q` in requests and
 * its window `w` in seconds. No partition key (`pk`): it would be the key's
 * hash or the client's address, which the client knows and logs need not see.
 * Only for a policy whose quota the environment states.
 */
export function rateLimitPolicyField(policy: RateLimitPolicy): string {
  return `"${policy.name}";q=${policy.limit};w=${policy.periodSeconds}`;
}

export function renderError(error: Error, c: Context): Response {
  let answer = replyFor(error);
  if (!answer) {
    // Name and SQLSTATE only: a driver message can carry SQL text and bound values.
    logFailure("error", "unhandled error", error);
    answer = reply("internal_error", "internal error");
  }
  // The same error either way, so the representation depends on Accept (RFC 9110 §12.5.5).
  const headers = { ...NO_STORE, Vary: "Accept", ...answer.headers };
  if (!prefersProblemDetails(c)) return c.json(answer.message, answer.status, headers);
  return c.body(JSON.stringify(problemDetails(answer)), answer.status, { ...headers, "Content-Type": PROBLEM_JSON });
}

/**
 * Whether the request's `Accept` prefers problem details to a JSON string: it
 * names `application/problem+json` before (or with a higher weight than)
 * `application/json`. `*\/*`, `application/*` or no `Accept` keep the string.
 */
function prefersProblemDetails(c: Context): boolean {
  return accepts(c, { header: "Accept", supports: ERROR_MEDIA_TYPES, default: "application/json" }) === PROBLEM_JSON;
}

const PROBLEM_JSON = "application/problem+json";
/** The plain type first: a wildcard (`application/*`) picks it. */
const ERROR_MEDIA_TYPES = ["application/json", PROBLEM_JSON];

/** RFC 9457 problem details, with the service's own members: what a program needs to act on the error. */
function problemDetails(answer: ErrorReply) {
  return {
    type: errorTypeUri(answer.code),
    title: ERROR_CODES[answer.code].title,
    status: answer.status,
    detail: answer.message,
    code: answer.code,
    param: answer.param ?? null,
    position: answer.position ?? null,
    hint: answer.hint ?? null,
  };
}

/** The `notFound` handler: answers rather than throws, so the request log still sees the response. */
export function notFound(c: Context): Response {
  return renderError(new RouteNotFound(c.req.method, new URL(c.req.url).pathname), c);
}

/** A handler for a path's other methods: 405, naming the allowed ones. */
export function methodNotAllowed(...allowed: string[]) {
  return (c: Context): never => {
    throw new MethodNotAllowed(c.req.method, allowed);
  };
}
