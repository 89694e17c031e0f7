import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createFactory } from "hono/factory";
import type { z } from "zod";
import { authenticate, authorize } from "../auth/authenticate.ts";
import { cacheKeyUrl } from "../cache/cache-key.ts";
import { type CachedPage, type Freshness, freshnessOf, readPage, writePage } from "../cache/edge-cache.ts";
import { matchesIfNoneMatch, strongEtag } from "../cache/etag.ts";
import { currentGeneration } from "../cache/generation.ts";
import { type CacheSettings, cacheSettingsFrom } from "../cache/settings.ts";
import { type QueryRunner, withDatabase } from "../db/client.ts";
import { type Env, settingsFrom } from "../env.ts";
import type { ParsedQuery } from "../query/ast.ts";
import { canonicalQuery } from "../query/canonical.ts";
import { LIMITS } from "../query/limits.ts";
import { parseContactQuery, type QueryInput } from "../query/parse-query.ts";
import { contactQuerySql } from "../sql/contact-query-sql.ts";
import { ApiError } from "./api-error.ts";
import { describeIssues } from "./request-schema.ts";
import { ServerTiming } from "./server-timing.ts";

export type AppEnv = {
  Bindings: Env;
  /** Set along the way; `dbMs` and `rows` feed the request log. */
  Variables: { organizationId: string; dbMs?: number; rows?: number };
};

const factory = createFactory<AppEnv>();

/** Opens the database for this request only when something needs it. */
function databaseFor(c: Context<AppEnv>) {
  const settings = settingsFrom(c.env);
  return <T>(work: (db: QueryRunner) => Promise<T>) =>
    withDatabase(c.env, settings, (promise) => c.executionCtx.waitUntil(promise), work);
}

/** 401 / 403 before anything else is looked at, the cache included (contract §2, §7). */
export const requireApiKey = factory.createMiddleware(async (c, next) => {
  const organizationId = await authenticate(c.req.header("Authorization"), {
    cacheSeconds: settingsFrom(c.env).authCacheSeconds,
    lookup: databaseFor(c),
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
  });
  authorize(organizationId, c.req.param("orgId") ?? "");
  c.set("organizationId", organizationId);
  await next();
});

/** The validation hook of every route (src/app.ts): the first issue as a 400 naming the parameter. */
export function rejectInvalid(result: { success: true } | { success: false; error: z.ZodError; target: string }) {
  if (!result.success) {
    throw new ApiError(400, describeIssues(result.error.issues, result.target === "json" ? "body" : "query"));
  }
}

export const limitBody = bodyLimit({
  maxSize: LIMITS.maxBodyBytes,
  onError: () => {
    throw new ApiError(413, `body: larger than ${LIMITS.maxBodyBytes} bytes`);
  },
});

/**
 * A POST body is JSON or absent, whatever media type the client declared: a
 * JSON body sent as `text/plain` (what `fetch` does without a Content-Type) or
 * without any header is read as JSON, never silently ignored. Bodies that are
 * not JSON are a 400 from the validator ("body: ...").
 */
export const requireJsonBody = factory.createMiddleware(async (c, next) => {
  const contentType = c.req.header("Content-Type");
  if (contentType === undefined || !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType)) {
    const body = await c.req.arrayBuffer();
    if (body.byteLength > 0) {
      const headers = new Headers(c.req.raw.headers);
      headers.set("Content-Type", "application/json");
      c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body });
    }
  }
  await next();
});

/** Keys whose background refresh is already running in this isolate. */
const refreshing = new Set<string>();

/**
 * Answers a query from the edge cache when it can (contract §7), from the
 * database otherwise. Errors are never cached; a hit touches no database.
 */
export async function answerQuery(c: Context<AppEnv>, input: QueryInput): Promise<Response> {
  const query = parseContactQuery(input);
  const organizationId = c.get("organizationId");
  const settings = cacheSettingsFrom(c.env);
  const timing = new ServerTiming();

  if (settings.ttlSeconds === 0) {
    const page = await timing.measure("db", () => loadPage(c, organizationId, query));
    return respond(c, page, "MISS", settings, timing);
  }

  const key = await timing.measure("cache", async () =>
    cacheKeyUrl(
      organizationId,
      await currentGeneration(c.env.CACHE_GENERATIONS, organizationId),
      canonicalQuery(query),
    ),
  );
  const cached = await timing.measure("cache", () => readPage(key));
  const freshness: Freshness = cached ? freshnessOf(cached, Date.now(), settings) : "expired";

  if (cached && freshness === "fresh") return respond(c, cached, "HIT", settings, timing);
  if (cached && freshness === "stale") {
    if (!refreshing.has(key)) {
      refreshing.add(key);
      c.executionCtx.waitUntil(
        loadPage(c, organizationId, query)
          .then((page) => writePage(key, page, settings, organizationId))
          .catch((error: unknown) =>
            console.warn(JSON.stringify({ level: "warn", message: "background refresh failed", error: String(error) })),
          )
          .finally(() => refreshing.delete(key)),
      );
    }
    return respond(c, cached, "STALE", settings, timing);
  }

  let page: CachedPage;
  try {
    page = await timing.measure("db", () => loadPage(c, organizationId, query));
  } catch (error) {
    // stale-if-error: an old page beats a 503 while the database is failing.
    if (cached && freshness === "stale-if-error" && error instanceof ApiError && error.status === 503) {
      return respond(c, cached, "STALE", settings, timing);
    }
    throw error;
  }
  c.executionCtx.waitUntil(
    writePage(key, page, settings, organizationId).catch((error: unknown) =>
      console.warn(JSON.stringify({ level: "warn", message: "cache write failed", error: String(error) })),
    ),
  );
  return respond(c, page, "MISS", settings, timing);
}

async function loadPage(c: Context<AppEnv>, organizationId: string, query: ParsedQuery): Promise<CachedPage> {
  const [row] = await databaseFor(c)((db) =>
    db.rows<{ total_count: string | number; data: string }>(contactQuerySql(organizationId, query)),
  );
  if (!row) throw new Error("the contact query returned no row");
  // `data` is already the JSON array of contacts, rendered by Postgres.
  const total = Number(row.total_count);
  const body = `{"data":${row.data},"page_number":${query.pageNumber},"page_size":${query.pageSize},"total_count":${total}}`;
  const rows = Math.min(query.pageSize, Math.max(0, total - (query.pageNumber - 1) * query.pageSize));
  return { body, etag: await strongEtag(body), storedAt: Date.now(), rows };
}

function respond(
  c: Context<AppEnv>,
  page: CachedPage,
  cacheStatus: "HIT" | "MISS" | "STALE",
  settings: CacheSettings,
  timing: ServerTiming,
): Response {
  c.set("rows", page.rows);
  const dbMs = timing.get("db");
  if (dbMs !== undefined) c.set("dbMs", dbMs);
  const headers: Record<string, string> = {
    // `private`: the page belongs to one tenant; no shared proxy may store it.
    "Cache-Control": `private, max-age=${settings.ttlSeconds}, stale-while-revalidate=${settings.staleWhileRevalidateSeconds}`,
    ETag: page.etag,
    "X-Cache": cacheStatus,
    Age: String(Math.max(0, Math.floor((Date.now() - page.storedAt) / 1000))),
    "Server-Timing": timing.header(),
  };
  if (matchesIfNoneMatch(c.req.header("If-None-Match"), page.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(page.body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}
