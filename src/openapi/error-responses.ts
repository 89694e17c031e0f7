/**
 * @module The errors every endpoint may answer, as the document describes them
 * (src/http/error-response.ts makes them): each status in both media types,
 * the JSON string and RFC 9457 problem details (`Problem`) whose `code` is one
 * of that status's codes in the table of codes (src/http/error-codes.ts).
 */
import { MAX_BODY_BYTES } from "../http/body.ts";
import type { ResponseDoc } from "../http/endpoint.ts";
import { ALL_ERROR_CODES, ERROR_CODES } from "../http/error-codes.ts";
import type { JsonSchema } from "../http/parameters.ts";
import { ref } from "./contact-schemas.ts";

/** The codes answered with `status`. */
const codesOf = (status: number) => ALL_ERROR_CODES.filter((code) => ERROR_CODES[code].status === status);

/** An error answer's body in either media type: problem details narrowed to the status and its codes. */
export function errorContent(status: number): Record<string, JsonSchema> {
  return {
    "application/json": ref("Error"),
    "application/problem+json": {
      allOf: [ref("Problem"), { properties: { status: { const: status }, code: { enum: codesOf(status) } } }],
    },
  };
}

const error =
  (description: string, headers?: ResponseDoc["headers"]) =>
  (status: number): ResponseDoc => ({
    description: `${description} Codes: ${codesOf(status)
      .map((code) => `[\`${code}\`](/docs/errors#${code})`)
      .join(", ")}.`,
    content: errorContent(status),
    ...(headers ? { headers } : {}),
  });

const header = (description: string, example?: string) => ({
  type: "string",
  description,
  required: true,
  ...(example === undefined ? {} : { examples: [example] }),
});

/** The errors of any endpoint, authenticated ones (401, 403, 429) included. */
const ERRORS: Record<number, (status: number) => ResponseDoc> = {
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

export const ERROR_RESPONSES: Record<number, ResponseDoc> = Object.fromEntries(
  Object.entries(ERRORS).map(([status, make]) => [status, make(Number(status))]),
);

/** The error of a POST body over the limit. */
export const PAYLOAD_TOO_LARGE = error(`The body is larger than ${MAX_BODY_BYTES} bytes.`)(413);

/**
 * RFC 9457 problem details, as a request whose `Accept` prefers
 * `application/problem+json` gets every error.
 */
export const Problem: JsonSchema = {
  type: "object",
  description:
    "An error as RFC 9457 problem details, for a request whose `Accept` prefers `application/problem+json` " +
    "(otherwise the body is the JSON string `detail` holds).",
  required: ["type", "title", "status", "detail", "code", "param", "position", "hint"],
  properties: {
    type: {
      type: "string",
      format: "uri-reference",
      description: "Where the code is explained: `/docs/errors#<code>`.",
      examples: ["/docs/errors#unknown_field"],
    },
    title: { type: "string", description: "A summary of the code, the same for every occurrence." },
    status: { type: "integer", minimum: 400, maximum: 599, description: "The HTTP status." },
    detail: {
      type: "string",
      description:
        "The message, exactly as the JSON string body would hold it: the parameter, the problem, the hint, the position.",
      examples: ["q: unknown field 'emial' (did you mean 'email_address'?) at line 1, column 4"],
    },
    code: { type: "string", enum: ALL_ERROR_CODES, description: "Stable, snake_case: what went wrong, for programs." },
    param: {
      type: ["string", "null"],
      description: "The parameter at fault (`q`, `page_size`, …; `body` for the body itself), or null.",
    },
    position: {
      description:
        "Where in `param`: line and column (1-based) in LISP text, a simple sort or a list of names; a JSON " +
        "pointer into JSON text or a JSON body value; null when the whole parameter is at fault.",
      oneOf: [
        {
          type: "object",
          required: ["line", "column"],
          properties: { line: { type: "integer", minimum: 1 }, column: { type: "integer", minimum: 1 } },
          additionalProperties: false,
        },
        {
          type: "object",
          required: ["pointer"],
          properties: { pointer: { type: "string", description: 'RFC 6901; `""` is the whole value' } },
          additionalProperties: false,
        },
        { type: "null" },
      ],
    },
    hint: {
      type: ["string", "null"],
      description: "What to do, for a common mistake (also at the end of `detail`, in parentheses), or null.",
      examples: ["did you mean 'email_address'?", 'write the operator first: (= name "Ada")'],
    },
  },
  additionalProperties: false,
};

/** Only for endpoints that answer without an API key: no 401, 403 or 429. */
export const PUBLIC_ERRORS = [404, 405, 500] as const;
