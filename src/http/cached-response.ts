/**
 * @module A cached answer (a page, facets) as an HTTP response: the cache
 * headers, the ETag (a matching `If-None-Match` gets a 304 without a body),
 * Server-Timing, and the values the request log reports. Its headers are
 * documented here too (`CACHED_HEADERS`).
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-types.ts";
import type { CachedAnswer } from "../cache/answer-cache.ts";
import { matchesIfNoneMatch } from "../cache/etag.ts";
import type { CacheSettings } from "../cache/settings.ts";
import type { ServiceDeps } from "../service/deps.ts";
import type { ResponseDoc } from "./endpoint.ts";
import { requestDeps } from "./request-deps.ts";
import { ServerTiming } from "./server-timing.ts";

/**
 * A cached answer's whole way out: the services' dependencies with this
 * request's timing, the answer, and its response. `total` times the whole
 * answer after authentication (cache lookups, database, body, ETag), beside its parts.
 */
export async function respondCached(
  c: Context<AppEnv>,
  answer: (deps: ServiceDeps) => Promise<CachedAnswer>,
): Promise<Response> {
  const timing = new ServerTiming();
  const deps = requestDeps(c, timing);
  const result = await timing.measure("total", () => answer(deps));
  return cachedResponse(c, result, deps.cache.settings, timing);
}

function cachedResponse(
  c: Context<AppEnv>,
  result: CachedAnswer,
  settings: CacheSettings,
  timing: ServerTiming,
): Response {
  const { answer } = result;
  c.set("rows", answer.rows);
  const dbMs = timing.get("db");
  if (dbMs !== undefined) c.set("dbMs", dbMs);
  const headers: Record<string, string> = {
    // `private`: the answer belongs to one tenant; no shared proxy may store it.
    "Cache-Control": `private, max-age=${settings.ttlSeconds}, stale-while-revalidate=${settings.staleWhileRevalidateSeconds}`,
    ETag: answer.etag,
    "X-Cache": result.cache,
    Age: String(result.ageSeconds),
    "Server-Timing": timing.header(),
  };
  if (matchesIfNoneMatch(c.req.header("If-None-Match"), answer.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(answer.body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}

const header = (schema: Record<string, unknown>, required = true) => ({ ...schema, required });

/** The headers of a cached answer and of its 304, as documented. */
export const CACHED_HEADERS: NonNullable<ResponseDoc["headers"]> = {
  "X-Cache": header({
    type: "string",
    enum: ["HIT", "MISS", "STALE"],
    description:
      "HIT: served from the edge cache without touching the database; MISS: from the database; STALE: an older " +
      "answer served while it is refreshed in the background (or while the database is failing).",
  }),
  ETag: header({ type: "string", description: "strong validator of the body; send it back in `If-None-Match`" }),
  "Cache-Control": header({
    type: "string",
    description: "`private` (one tenant's data), with the freshness and stale-while-revalidate windows",
    examples: ["private, max-age=30, stale-while-revalidate=300"],
  }),
  Age: header({ type: "string", description: "seconds since the answer was read from the database" }),
  "Server-Timing": header({ type: "string", examples: ["cache;dur=1.2, db;dur=14.8"] }),
  Vary: header({
    type: "string",
    description: "`Authorization`: the answer depends on the key (every answer under /org/ says so)",
    examples: ["Authorization"],
  }),
  "RateLimit-Policy": header(
    {
      type: "string",
      description: "the key's rate limit: quota `q` (requests) per window `w` (seconds)",
      examples: ['"per-key";q=600;w=60'],
    },
    false,
  ),
};

/** The 304 of a cached answer. */
export const NOT_MODIFIED: ResponseDoc = {
  description: "`If-None-Match` matched the answer's ETag; no body.",
  headers: CACHED_HEADERS,
};
