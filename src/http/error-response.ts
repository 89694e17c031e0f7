/**
 * @module The one place errors become responses (the app's `onError` and `notFound`,
 * src/http/app.ts). The body of every error is a JSON string naming what
 * is wrong; errors carry `Cache-Control: no-store`, so neither we nor anyone
 * between us and the client stores them.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { clip } from "../domain/client-text.ts";
import {
  DatabaseUnavailable,
  DependencyUnavailable,
  Forbidden,
  InvalidRequest,
  NotConfigured,
  PayloadTooLarge,
  RateLimited,
  type RateLimitPolicy,
  Unauthenticated,
} from "../domain/errors.ts";
import { logFailure } from "../log.ts";
import { QueryError } from "../query/errors.ts";

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
  status: ContentfulStatusCode;
  message: string;
  headers?: Record<string, string>;
}

const NO_STORE = { "Cache-Control": "no-store" };
const REALM = 'Bearer realm="contact-query"';

/** Status, body and headers of every error the app knows; `undefined` for a bug. */
function replyFor(error: Error): ErrorReply | undefined {
  if (error instanceof PayloadTooLarge) return { status: 413, message: error.message };
  if (error instanceof InvalidRequest || error instanceof QueryError) return { status: 400, message: error.message };
  if (error instanceof Unauthenticated) {
    const challenge = error.reason ? `${REALM}, error="${error.reason}"` : REALM;
    return { status: 401, message: error.message, headers: { "WWW-Authenticate": challenge } };
  }
  if (error instanceof Forbidden) return { status: 403, message: error.message };
  if (error instanceof RateLimited) {
    const { policy } = error;
    return {
      status: 429,
      message: error.message,
      headers: {
        // The binding does not say when its window ends; its period is the most a client has to wait.
        "Retry-After": String(policy.periodSeconds),
        RateLimit: `"${policy.name}";r=0;t=${policy.periodSeconds}`,
        ...(policy.limit === undefined ? {} : { "RateLimit-Policy": rateLimitPolicyField(policy) }),
      },
    };
  }
  if (error instanceof RouteNotFound) return { status: 404, message: error.message };
  if (error instanceof MethodNotAllowed) {
    // RFC 9110 §15.5.6: a 405 names the methods the path serves.
    return { status: 405, message: error.message, headers: { Allow: error.allowed.join(", ") } };
  }
  if (error instanceof NotConfigured) return { status: 501, message: error.message };
  if (error instanceof DatabaseUnavailable || error instanceof DependencyUnavailable) {
    return { status: 503, message: error.message, headers: { "Retry-After": String(error.retryAfterSeconds) } };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx, e.g. a POST body that is not JSON.
    return { status: error.status as ContentfulStatusCode, message: `body: ${error.message || "malformed request"}` };
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
  const reply = replyFor(error);
  if (reply) return c.json(reply.message, reply.status, { ...NO_STORE, ...reply.headers });
  // Name and SQLSTATE only: a driver message can carry SQL text and bound values.
  logFailure("error", "unhandled error", error);
  return c.json("internal error", 500, NO_STORE);
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
