/**
 * What can go wrong with a request, in the service's own terms: no status
 * codes, no headers. The database, authentication, the cache and the services
 * throw these; the app's error handler (src/http/error-response.ts) turns each into a
 * status, a body and headers, in one place.
 *
 * An invalid query is the language's own `QueryError` (src/query/query-error.ts),
 * which carries the parameter, a code and the position in the parameter's
 * text. This module imports nothing, so every layer can throw its errors.
 */

/** Base of the errors below, so lower layers can tell an already-classified failure from a raw one. */
export abstract class ServiceError extends Error {}

/**
 * What is wrong with a request that `InvalidRequest` reports: a parameter the
 * endpoint does not take, one given twice, a value it refuses, or a body that
 * is not a JSON object of parameters.
 */
export type InvalidRequestReason = "unknown-parameter" | "repeated-parameter" | "invalid-parameter" | "invalid-body";

/** A request parameter (or the body) is missing, malformed, out of range, unknown or repeated. */
export class InvalidRequest extends ServiceError {
  override readonly name: string = "InvalidRequest";
  readonly reason: InvalidRequestReason;
  /** What to do about it, when there is more to say than the problem: the message ends with it, in parentheses. */
  readonly hint: string | undefined;
  /**
   * @param param the parameter concerned (`page_size`, `body`, ...), when there is one
   * @param detail the problem, worded to follow the parameter name
   */
  constructor(
    readonly param: string | undefined,
    readonly detail: string,
    options: { reason?: InvalidRequestReason; hint?: string } = {},
  ) {
    const message = `${detail}${options.hint ? ` (${options.hint})` : ""}`;
    super(param === undefined ? message : `${param}: ${message}`);
    this.reason = options.reason ?? "invalid-parameter";
    this.hint = options.hint;
  }
}

/** The request body is larger than the service reads. */
export class PayloadTooLarge extends InvalidRequest {
  override readonly name = "PayloadTooLarge";
  constructor(readonly maxBytes: number) {
    super("body", `larger than ${maxBytes} bytes`, { reason: "invalid-body" });
  }
}

/** No credentials, or credentials that match no active API key. */
export class Unauthenticated extends ServiceError {
  override readonly name = "Unauthenticated";
  /** @param reason `invalid_token` when a key was presented but is unknown, malformed or revoked */
  constructor(
    message: string,
    readonly reason?: "invalid_token",
  ) {
    super(message);
  }
}

/** A rate limit a request ran into: its name, its quota and its window (the client may retry after the window). */
export interface RateLimitPolicy {
  /** `per-key` (requests per API key) or `per-address` (lookups of unverified keys per client address). */
  readonly name: "per-key" | "per-address";
  /** The quota, as configured with the binding; `undefined` when the environment does not state it. */
  readonly limit: number | undefined;
  readonly periodSeconds: number;
}

/** Too many requests under one of the service's rate limits. */
export class RateLimited extends ServiceError {
  override readonly name = "RateLimited";
  constructor(
    message: string,
    readonly policy: RateLimitPolicy,
  ) {
    super(message);
  }
}

/** Valid credentials that do not grant access to the requested organization. */
export class Forbidden extends ServiceError {
  override readonly name = "Forbidden";
}

/** An optional capability whose binding this deployment does not have. */
export class NotConfigured extends ServiceError {
  override readonly name = "NotConfigured";
}

/**
 * The database cannot answer right now: unreachable, the connection broke, or
 * (QueryTimedOut) the statement ran out of time. Worth retrying later; a cached
 * page may stand in for the answer (stale-if-error).
 */
export class DatabaseUnavailable extends ServiceError {
  override readonly name: string = "DatabaseUnavailable";
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}

/**
 * A dependency other than the database cannot do its part right now (the
 * cache generations store refusing a purge's writes). Worth retrying later;
 * unlike `DatabaseUnavailable`, no cached page stands in for it.
 */
export class DependencyUnavailable extends ServiceError {
  override readonly name = "DependencyUnavailable";
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}

/** The statement ran out of time (the database's statement_timeout, or no answer in time). Never retried. */
export class QueryTimedOut extends DatabaseUnavailable {
  override readonly name = "QueryTimedOut";
  constructor() {
    super("database query timed out; retry later");
  }
}
