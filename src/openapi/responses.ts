import { z } from "@hono/zod-openapi";
import { LIMITS } from "../query/limits.ts";
import { ErrorMessage } from "./schemas.ts";

/**
 * Pieces the route definitions share: the organization path parameter, the
 * security requirement, every error response and the cache headers of a page.
 */
export const OrgParams = z.object({
  orgId: z.string().meta({
    description: "The organization; the API key must belong to it (403 otherwise).",
    param: { example: "org_demo_acme" },
  }),
});

export const security = [{ bearerAuth: [] }];

export const errorResponse = (description: string, headers?: z.ZodObject) => ({
  description,
  content: { "application/json": { schema: ErrorMessage } },
  ...(headers ? { headers } : {}),
});

/** The errors every authenticated route may answer. */
export const errorResponses = {
  400: errorResponse(
    "A client mistake: a bad, unknown or repeated parameter, a syntax error, an unknown field, a type mismatch, a limit.",
  ),
  401: errorResponse(
    "No key, or an unknown or revoked key.",
    z.object({
      "WWW-Authenticate": z.string().meta({ examples: ['Bearer realm="contact-query", error="invalid_token"'] }),
    }),
  ),
  403: errorResponse("A valid key of another organization than `orgId`."),
  429: errorResponse(
    "A rate limit: too many requests with this API key (`per-key`), or, from this client address, too many " +
      "requests with keys the service has not verified recently (`per-address`, counted before any database " +
      "lookup). Fields of draft-ietf-httpapi-ratelimit-headers-10.",
    z.object({
      "Retry-After": z
        .string()
        .meta({ description: "seconds: the limit's window, the most to wait", examples: ["60"] }),
      RateLimit: z.string().meta({
        description: "the policy that refused the request, nothing remaining, seconds until its window ends",
        examples: ['"per-key";r=0;t=60'],
      }),
      "RateLimit-Policy": z.string().meta({
        description: "the policy's quota (`q`, requests) and window (`w`, seconds)",
        examples: ['"per-key";q=600;w=60'],
      }),
    }),
  ),
  404: errorResponse("No such path (any path not listed in this document)."),
  405: errorResponse(
    "Another method than the ones listed for this path.",
    z.object({ Allow: z.string().meta({ examples: ["GET, POST"] }) }),
  ),
  500: errorResponse("A bug. Never contains a stack trace, SQL or a connection string."),
  503: errorResponse(
    "The database is unreachable or timed out (or, for a purge, the cache generations store refuses writes); " +
      "retry later.",
    z.object({ "Retry-After": z.string().meta({ description: "seconds", examples: ["5"] }) }),
  ),
};

export const payloadTooLarge = errorResponse(`The body is larger than ${LIMITS.maxBodyBytes} bytes.`);

export const cacheHeaders = z.object({
  "X-Cache": z.enum(["HIT", "MISS", "STALE"]).meta({
    description:
      "HIT: served from the edge cache without touching the database; MISS: from the database; STALE: an older " +
      "page served while it is refreshed in the background (or while the database is failing).",
  }),
  ETag: z.string().meta({ description: "strong validator of the body; send it back in `If-None-Match`" }),
  "Cache-Control": z.string().meta({
    description: "`private` (one tenant's data), with the freshness and stale-while-revalidate windows",
    examples: ["private, max-age=30, stale-while-revalidate=300"],
  }),
  Age: z.string().meta({ description: "seconds since the page was read from the database" }),
  "Server-Timing": z.string().meta({ examples: ["cache;dur=1.2, db;dur=14.8"] }),
  Vary: z.string().meta({
    description: "`Authorization`: the answer depends on the key (every answer under /org/ says so)",
    examples: ["Authorization"],
  }),
  "RateLimit-Policy": z.string().meta({
    description: "the key's rate limit: quota `q` (requests) per window `w` (seconds)",
    examples: ['"per-key";q=600;w=60'],
  }),
});
