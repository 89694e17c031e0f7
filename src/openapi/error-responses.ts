/**
 * @module The errors every endpoint may answer, as the document describes them
 * (src/http/error-response.ts makes them).
 */
import { MAX_BODY_BYTES } from "../http/body.ts";
import type { ResponseDoc } from "../http/endpoint.ts";
import { ref } from "./contact-schemas.ts";

const error = (description: string, headers?: ResponseDoc["headers"]): ResponseDoc => ({
  description,
  content: { "application/json": ref("Error") },
  ...(headers ? { headers } : {}),
});

const header = (description: string, example?: string) => ({
  type: "string",
  description,
  required: true,
  ...(example === undefined ? {} : { examples: [example] }),
});

/** The errors of any endpoint, authenticated ones (401, 403, 429) included. */
export const ERROR_RESPONSES: Record<number, ResponseDoc> = {
  400: error(
    "A client mistake: a bad, unknown or repeated parameter, a syntax error, an unknown field, a type mismatch, a limit.",
  ),
  401: error("No key, or an unknown or revoked key.", {
    "WWW-Authenticate": header("the Bearer challenge", 'Bearer realm="contact-query", error="invalid_token"'),
  }),
  403: error("A valid key of another organization than `orgId`."),
  429: error(
    "A rate limit: too many requests with this API key (`per-key`), or, from this client address, too many " +
      "requests with keys the service has not verified recently (`per-address`, counted before any database " +
      "lookup). Fields of draft-ietf-httpapi-ratelimit-headers-10.",
    {
      "Retry-After": header("seconds: the limit's window, the most to wait", "60"),
      RateLimit: header(
        "the policy that refused the request, nothing remaining, seconds until its window ends",
        '"per-key";r=0;t=60',
      ),
      "RateLimit-Policy": header(
        "the policy's quota (`q`, requests) and window (`w`, seconds)",
        '"per-key";q=600;w=60',
      ),
    },
  ),
  404: error("No such path (any path not listed in this document)."),
  405: error("Another method than the ones listed for this path.", { Allow: header("the methods", "GET, POST") }),
  500: error("A bug. Never contains a stack trace, SQL or a connection string."),
  503: error(
    "The database is unreachable or timed out (or, for a purge, the cache generations store refuses writes); " +
      "retry later.",
    { "Retry-After": header("seconds", "5") },
  ),
};

/** The error of a POST body over the limit. */
export const PAYLOAD_TOO_LARGE = error(`The body is larger than ${MAX_BODY_BYTES} bytes.`);

/** Only for endpoints that answer without an API key: no 401, 403 or 429. */
export const PUBLIC_ERRORS = [404, 405, 500] as const;
